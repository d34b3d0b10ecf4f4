import type { KnowledgeEntry, Language } from '../knowledge/schema.ts';
import type { KnowledgeSearch, SearchOutcome } from '../search/index.ts';
import { AREA_LABELS, SOURCE_LABELS, STATUS_LABELS, labels } from '../i18n/answers.ts';
import type { CurrentReleases } from '../shared/release.ts';
import { kernelnewbiesUrl } from '../shared/kernel-version.ts';
import { hasWords } from '../search/limits.ts';

/**
 * The platform-neutral reply model: command handlers return it, the Discord adapter renders it as
 * embeds and components, the terminal as text. Nothing here knows about either platform.
 */

export interface EntryRef {
  id: string;
  title: string;
}

export interface EntryView {
  id: string;
  title: string;
  status: string;
  /** "merged · landed in Linux 4.0" */
  statusLine: string;
  area: string;
  summary: string;
  /** Null for entries the talk did not cover (origin: later). */
  talk: { claim: string; source: string; section: string } | null;
  since: string;
  correction: string | null;
  links: { title: string; url: string }[];
  related: EntryRef[];
}

export interface ReleaseView {
  version: string;
  title: string;
  known: boolean;
  /** Versions the knowledge base covers, for the "not covered" message. */
  coveredVersions: readonly string[];
  entry: EntryView | null;
  facts: { label: string; value: string }[];
  /** Headline changes of the release entry, grouped by area (only the asked areas when the question named some). */
  changes: { area: string; items: ChangeView[] }[];
  /** Feature entries that landed in this version, grouped by area (filtered the same way). */
  groups: { area: string; entries: EntryRef[] }[];
  /** Area labels the question asked about; empty for the whole release. */
  focus: string[];
  kernelnewbiesUrl: string;
  /** Set when the asked version was a stable update or release candidate of `version` ("4.0.1 is …"). */
  note: string | null;
}

interface ChangeView {
  text: string;
  /** The knowledge entry that explains the change, when there is one. */
  entry: EntryRef | null;
}

/** One area of a release: its headline changes and the feature entries, for renderers that show both together. */
export interface ReleaseSection {
  area: string;
  changes: ChangeView[];
  entries: EntryRef[];
}

/** Merges headline changes and feature groups by area, in the order the release entry lists its areas. */
export function releaseSections(release: ReleaseView): ReleaseSection[] {
  const sections = new Map<string, ReleaseSection>();
  const section = (area: string) => sections.get(area) ?? sections.set(area, { area, changes: [], entries: [] }).get(area)!;
  for (const group of release.changes) section(group.area).changes.push(...group.items);
  for (const group of release.groups) section(group.area).entries.push(...group.entries);
  return [...sections.values()];
}

export type Reply =
  | { type: 'entry'; lang: Language; entry: EntryView; also: EntryRef[] }
  | { type: 'not-found'; lang: Language; query: string; suggestions: EntryRef[] }
  | { type: 'release'; lang: Language; release: ReleaseView }
  | { type: 'message'; lang: Language; title: string | null; text: string; ephemeral?: boolean; fields?: { name: string; value: string }[] }
  /** /kernel: the releases of the last successful kernel.org fetch, with the text form for the terminal. */
  | { type: 'releases'; lang: Language; current: CurrentReleases | null; text: string };

export function entryRef(entry: KnowledgeEntry, lang: Language): EntryRef {
  return { id: entry.id, title: entry.title[lang] };
}

function entryView(entry: KnowledgeEntry, lang: Language, lookup: (id: string) => KnowledgeEntry | undefined): EntryView {
  const l = labels(lang);
  const status = STATUS_LABELS[entry.status][lang];
  const parts = [status];
  if (entry.version && entry.kind !== 'release') parts.push(`${l.landedIn} ${entry.version}`);
  if (entry.removed) parts.push(`${l.removedIn} ${entry.removed}`);
  return {
    id: entry.id,
    title: entry.title[lang],
    status,
    statusLine: parts.join(' · '),
    area: AREA_LABELS[entry.area][lang],
    summary: entry.summary[lang],
    talk: entry.talk ? { claim: entry.talk.claim[lang], source: SOURCE_LABELS[entry.talk.source]?.[lang] ?? entry.talk.source, section: entry.talk.section } : null,
    since: entry.since[lang],
    correction: entry.correction?.[lang] ?? null,
    links: entry.links,
    related: entry.related.flatMap((id) => {
      const related = lookup(id);
      return related ? [entryRef(related, lang)] : [];
    }),
  };
}

/** The reply for a search: the best entry plus up to two others, or an honest "not found". */
export function replyForOutcome(outcome: SearchOutcome, search: KnowledgeSearch, lang: Language): Reply {
  const [best, ...rest] = outcome.hits;
  // Only mentions, emoji, links or punctuation: a hint beats "no confident answer to “🙂”".
  if (!outcome.answered && !hasWords(outcome.query)) return { type: 'message', lang, title: null, text: labels(lang).askInWords, ephemeral: true };
  if (!outcome.answered || !best) {
    return { type: 'not-found', lang, query: outcome.query, suggestions: outcome.suggestions.map((h) => entryRef(h.entry, lang)) };
  }
  if (best.via === 'version' && outcome.version) return releaseReply(outcome.version, search, lang, new Set(outcome.areas));
  return {
    type: 'entry',
    lang,
    entry: entryView(best.entry, lang, (id) => search.get(id)),
    also: rest.slice(0, 2).map((h) => entryRef(h.entry, lang)),
  };
}

export function entryReply(entry: KnowledgeEntry, search: KnowledgeSearch, lang: Language): Reply {
  return { type: 'entry', lang, entry: entryView(entry, lang, (id) => search.get(id)), also: [] };
}

/**
 * Covered versions as ranges of consecutive mainline releases ("3.0–4.1, 5.0–7.1"): x.19 (4.20 for 4.x) is
 * followed by (x+1).0, so a base that covers every release reads as one range instead of seventy numbers.
 */
export function versionRanges(versions: readonly string[]): string {
  const parsed = versions.map((v) => v.split('.').map(Number) as [number, number]);
  const follows = ([m1, n1]: [number, number], [m2, n2]: [number, number]) => (m2 === m1 && n2 === n1 + 1) || (m2 === m1 + 1 && n2 === 0 && n1 >= 19);
  const ranges: string[][] = [];
  parsed.forEach((v, i) => {
    const previous = parsed[i - 1];
    if (previous && follows(previous, v)) ranges.at(-1)!.push(versions[i]!);
    else ranges.push([versions[i]!]);
  });
  return ranges.map((r) => (r.length === 1 ? r[0] : `${r[0]}–${r.at(-1)}`)).join(', ');
}

/** What a version brought, grouped by area; for a version the base does not cover, say so and link kernelnewbies. */
export function releaseReply(version: string, search: KnowledgeSearch, lang: Language, areas: Set<string> = new Set(), requested?: { text: string; rc: boolean }): Reply {
  const l = labels(lang);
  const entries = search.entriesForVersion(version);
  const releaseEntry = entries.find((e) => e.kind === 'release') ?? null;
  const asked = (area: string) => areas.size === 0 || areas.has(area);
  const features = entries.filter((e) => e.kind !== 'release' && asked(e.area));
  const byArea = new Map<string, EntryRef[]>();
  for (const entry of [...features].sort((a, b) => a.title[lang].localeCompare(b.title[lang]))) {
    const area = AREA_LABELS[entry.area][lang];
    byArea.set(area, [...(byArea.get(area) ?? []), entryRef(entry, lang)]);
  }
  const facts: ReleaseView['facts'] = [];
  const release = releaseEntry?.release;
  if (release) {
    facts.push({ label: l.released, value: release.date });
    if (release.development_days) facts.push({ label: l.developmentDays, value: `${release.development_days} ${l.days}` });
    if (release.commits) facts.push({ label: l.commits, value: release.commits.toLocaleString(lang) });
    if (release.files) facts.push({ label: l.files, value: release.files.toLocaleString(lang) });
    if (release.lines) facts.push({ label: l.lines, value: release.lines.toLocaleString(lang) });
  }
  const changes: ReleaseView['changes'] = [];
  for (const change of release?.changes ?? []) {
    if (!asked(change.area)) continue;
    const area = AREA_LABELS[change.area][lang];
    const target = change.entry ? search.get(change.entry) : undefined;
    const item: ChangeView = { text: change[lang], entry: target ? entryRef(target, lang) : null };
    const group = changes.find((g) => g.area === area);
    if (group) group.items.push(item);
    else changes.push({ area, items: [item] });
  }
  const focus = [...areas].flatMap((area) => (area in AREA_LABELS ? [AREA_LABELS[area as keyof typeof AREA_LABELS][lang]] : []));
  return {
    type: 'release',
    lang,
    release: {
      version,
      title: focus.length > 0 ? `${l.releaseTitle(version)}: ${focus.join(', ')}` : l.releaseTitle(version),
      known: releaseEntry !== null,
      coveredVersions: search.versions.filter((v) => search.releaseEntry(v)),
      entry: releaseEntry ? entryView(releaseEntry, lang, (id) => search.get(id)) : null,
      facts,
      changes,
      focus,
      groups: [...byArea.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([area, refs]) => ({ area, entries: refs })),
      kernelnewbiesUrl: kernelnewbiesUrl(version),
      note: requested ? l.releaseAnsweredFor(requested.text, version, requested.rc) : null,
    },
  };
}
