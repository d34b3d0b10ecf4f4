import type { KnowledgeEntry, Language } from '../knowledge/schema.ts';
import type { KnowledgeLookup } from './ports.ts';

/** Adapts loaded knowledge entries to the lookup port: entries that landed in a given version. */
export function knowledgeLookupFromEntries(entries: KnowledgeEntry[], language: Language = 'en'): KnowledgeLookup {
  return {
    entriesForVersion: (series) =>
      entries
        .filter((entry) => entry.version === series && entry.kind !== 'release')
        .map((entry) => ({ id: entry.id, title: entry.title[language] })),
  };
}
