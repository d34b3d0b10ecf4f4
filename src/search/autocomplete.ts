import type MiniSearch from 'minisearch';
import type { KnowledgeEntry, Language } from '../knowledge/schema.ts';
import type { SearchDocument } from './documents.ts';
import { namesOf, type NameKind } from './names.ts';
import { foldText } from '../shared/text.ts';
import { NameWords } from './name-words.ts';
import { lowerBound } from './sorted-keys.ts';

export interface Choice {
  /** Shown to the user: the title in the asked language (and the alias that matched), ≤ 100 characters. */
  name: string;
  /** The entry id: what the command receives. */
  value: string;
}

interface NameRow {
  /** Folded text from a word start of the name to its end: "live patching" gives "live patching" and "patching". */
  key: string;
  entryId: string;
  kind: NameKind;
  /** The original name text, for showing a matched alias. */
  text: string;
  /** Whether `key` starts at the name's beginning. */
  whole: boolean;
}

const MAX_NAME = 100;
const TIER_EXACT = 0;
const TIER_PREFIX = 1;
const TIER_WORD_PREFIX = 2;
const TIER_NAME_WORDS = 3;
const TIER_CONTENT = 4;
/** Above this size the summary fallback costs more than a keystroke may (MiniSearch scores every match). */
const CONTENT_FALLBACK_MAX_ENTRIES = 5000;

/**
 * Ranked suggestions: exact id/alias, then name prefix, then word prefix inside a name, then
 * full-text (typos). Prefix tiers use binary search over sorted keys, so they stay fast at 100k entries.
 */
export class Autocomplete {
  private readonly rows: NameRow[];
  private readonly keys: string[];
  private readonly byId: Map<string, KnowledgeEntry>;
  private readonly nameWords = new NameWords();
  private readonly alphabetical = new Map<Language, KnowledgeEntry[]>();

  constructor(
    private readonly entries: readonly KnowledgeEntry[],
    private readonly index: MiniSearch<SearchDocument>,
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    const rows: NameRow[] = [];
    for (const [index, entry] of entries.entries()) {
      for (const name of namesOf(entry)) {
        const folded = foldText(name.text)
          .replace(/[^a-z0-9.]+/g, ' ')
          .trim();
        if (!folded) continue;
        this.nameWords.add(index, folded);
        rows.push({ key: folded, entryId: entry.id, kind: name.kind, text: name.text, whole: true });
        for (const match of folded.matchAll(/ (?=[a-z0-9])/g)) {
          rows.push({ key: folded.slice(match.index + 1), entryId: entry.id, kind: name.kind, text: name.text, whole: false });
        }
      }
    }
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.rows = rows;
    this.keys = rows.map((r) => r.key);
  }

  suggest(typed: string, lang: Language, limit = 25): Choice[] {
    const max = Math.min(Math.max(limit, 0), 25);
    const query = foldText(typed)
      .replace(/[^a-z0-9.]+/g, ' ')
      .trim();
    if (!query)
      return this.sortedByTitle(lang)
        .slice(0, max)
        .map((e) => this.choice(e, lang));

    const best = new Map<string, { tier: number; row?: NameRow; order: number }>();
    const consider = (entryId: string, tier: number, order: number, row?: NameRow) => {
      const seen = best.get(entryId);
      if (!seen || tier < seen.tier || (tier === seen.tier && order < seen.order)) best.set(entryId, { tier, row, order });
    };

    const start = lowerBound(this.keys, query);
    for (let i = start; i < this.rows.length && this.keys[i]!.startsWith(query); i++) {
      const row = this.rows[i]!;
      const tier = row.key === query && row.whole ? TIER_EXACT : row.whole ? TIER_PREFIX : TIER_WORD_PREFIX;
      consider(row.entryId, tier, row.key.length, row);
      // Sorted keys put the shortest completions first; past a few thousand rows a full page is certain.
      if (i - start > 2000 && best.size >= max) break;
    }

    if (best.size < max) {
      // Names whose words match every typed word, with typos: "btrfs snapshotz", "linux live pa".
      this.nameWords.match(query, max * 2).forEach((index, order) => consider(this.entries[index]!.id, TIER_NAME_WORDS, order));
    }
    if (best.size < max && query.length >= 3 && this.entries.length <= CONTENT_FALLBACK_MAX_ENTRIES) {
      // A prefix only for the last word, and only from three letters: "radeon d" would expand "d" to
      // every word of the base that starts with it.
      const lastOnly = (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 3;
      let order = 0;
      for (const result of this.index.search(typed, { fields: ['summary'], prefix: lastOnly, fuzzy: (t) => (t.length >= 5 ? 0.2 : false) })) {
        consider(result.id as string, TIER_CONTENT, order++);
        if (order > max * 2) break;
      }
    }
    const ranked = this.rank(best);
    return ranked.slice(0, max).map(({ entryId, row }) => this.choice(this.byId.get(entryId)!, lang, row));
  }

  private sortedByTitle(lang: Language): KnowledgeEntry[] {
    let sorted = this.alphabetical.get(lang);
    if (!sorted) {
      sorted = [...this.entries].sort((a, b) => a.title[lang].localeCompare(b.title[lang]));
      this.alphabetical.set(lang, sorted);
    }
    return sorted;
  }

  private rank(best: Map<string, { tier: number; row?: NameRow; order: number }>) {
    return [...best.entries()].map(([entryId, v]) => ({ entryId, ...v })).sort((a, b) => a.tier - b.tier || a.order - b.order || a.entryId.localeCompare(b.entryId));
  }

  private choice(entry: KnowledgeEntry, lang: Language, row?: NameRow): Choice {
    let name = entry.title[lang];
    if (row && row.kind === 'alias' && !foldText(name).includes(foldText(row.text))) name = `${name} – ${row.text}`;
    return { name: truncate(name, MAX_NAME), value: entry.id };
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
