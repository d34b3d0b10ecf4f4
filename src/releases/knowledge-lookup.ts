import type { KnowledgeEntry } from '../knowledge/schema.ts';
import type { KnowledgeLookup } from './ports.ts';

/** Adapts loaded knowledge entries to the lookup port: the release entry of a version and the entries that landed in it. */
export function knowledgeLookupFromEntries(entries: KnowledgeEntry[]): KnowledgeLookup {
  return {
    entriesForVersion: (series) => entries.filter((entry) => entry.version === series && entry.kind !== 'release').map((entry) => ({ id: entry.id, title: entry.title })),
    releaseEntry: (series) => {
      const entry = entries.find((e) => e.version === series && e.kind === 'release');
      return entry ? { id: entry.id, title: entry.title } : null;
    },
  };
}
