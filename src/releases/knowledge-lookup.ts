import type { KnowledgeEntry } from '../knowledge/schema.ts';
import type { KnowledgeLookup, ReleaseKnowledge } from './ports.ts';

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

/** What the post of `version` lists from the knowledge base, resolved when the item is made: the post itself is plain data. */
export function releaseKnowledge(lookup: KnowledgeLookup, version: string): ReleaseKnowledge {
  return { releaseEntry: lookup.releaseEntry(version), entries: lookup.entriesForVersion(version) };
}
