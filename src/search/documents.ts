import type { KnowledgeEntry } from '../knowledge/schema.ts';

/** The flattened, bilingual document MiniSearch indexes for one entry. */
export interface SearchDocument {
  id: string;
  idText: string;
  names: string;
  summary: string;
  details: string;
}

export const SEARCH_FIELDS = ['idText', 'names', 'summary', 'details'] as const;

/** id/title/aliases above summary above the rest. */
export const FIELD_BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = { idText: 6, names: 5, summary: 2, details: 1 };

/** Fields whose match is evidence the entry is about the query, not merely mentions it. */
export const STRONG_FIELDS = new Set<string>(['idText', 'names', 'summary']);

export function toDocument(entry: KnowledgeEntry): SearchDocument {
  return {
    id: entry.id,
    idText: entry.id.replace(/-/g, ' '),
    names: [entry.title.en, entry.title.de, ...entry.aliases.en, ...entry.aliases.de].join(' | '),
    summary: `${entry.summary.en}\n${entry.summary.de}`,
    details: [
      entry.talk?.claim.en ?? '',
      entry.talk?.claim.de ?? '',
      entry.talk?.section ?? '',
      entry.since.en,
      entry.since.de,
      entry.correction?.en ?? '',
      entry.correction?.de ?? '',
      entry.area,
    ].join('\n'),
  };
}

/** German words of the knowledge base: the lexicon the compound splitter cuts by. */
export function germanWords(entries: readonly KnowledgeEntry[]): Set<string> {
  const words = new Set<string>();
  for (const entry of entries) {
    const text = [entry.title.de, ...entry.aliases.de, entry.summary.de, entry.since.de].join(' ');
    for (const word of text.split(/[^\p{L}]+/u)) if (word.length >= 4) words.add(word);
  }
  return words;
}
