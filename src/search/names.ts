import type { KnowledgeEntry, Language } from '../knowledge/schema.ts';
import { foldText } from '../shared/text.ts';
import { STOP_WORDS, GENERIC_WORDS } from './text.ts';

/**
 * Every name of an entry (id, titles, aliases) in a form where "Live-Patching", "live patching" and
 * "livepatching" meet: folded, punctuation to spaces, stop words dropped.
 */
export function nameKey(text: string, dropGeneric = false): string {
  return foldText(text)
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(^|\s)\.+|\.+(\s|$)/g, ' ')
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w) && !(dropGeneric && GENERIC_WORDS.has(w)))
    .join(' ');
}

export function compactKey(key: string): string {
  return key.replace(/ /g, '');
}

export type NameKind = 'id' | 'title' | 'alias';

export interface EntryName {
  entryId: string;
  text: string;
  kind: NameKind;
  lang: Language | null;
}

/** All names of an entry, titles also without their parenthesised part ("kdbus (D-Bus …)" → "kdbus"). */
export function namesOf(entry: KnowledgeEntry): EntryName[] {
  const names: EntryName[] = [{ entryId: entry.id, text: entry.id, kind: 'id', lang: null }];
  for (const lang of ['en', 'de'] as const) {
    const title = entry.title[lang];
    names.push({ entryId: entry.id, text: title, kind: 'title', lang });
    const short = title.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (short && short !== title) names.push({ entryId: entry.id, text: short, kind: 'title', lang });
    for (const alias of entry.aliases[lang]) names.push({ entryId: entry.id, text: alias, kind: 'alias', lang });
  }
  return names;
}

/** Exact-name lookup: folded key and its compact form → entry id. First owner wins. */
export function buildNameIndex(entries: readonly KnowledgeEntry[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const entry of entries) {
    for (const name of namesOf(entry)) {
      const key = nameKey(name.text);
      if (!key) continue;
      if (!index.has(key)) index.set(key, entry.id);
      const compact = compactKey(key);
      if (!index.has(compact)) index.set(compact, entry.id);
    }
  }
  return index;
}
