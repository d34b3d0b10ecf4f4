import type { KnowledgeEntry } from '../knowledge/schema.ts';
import type { KnowledgeLookup, ReleaseKnowledge } from './ports.ts';

/**
 * Adapts loaded knowledge entries to the lookup port: for a version, its release entry (the first
 * one, if any) and the other entries that landed in it, in the order of `entries`. Resolved when an
 * announcement item is made, so the post itself is plain data.
 */
export function knowledgeLookupFromEntries(entries: KnowledgeEntry[]): KnowledgeLookup {
  return {
    forVersion(version): ReleaseKnowledge {
      const found: ReleaseKnowledge = { releaseEntry: null, entries: [] };
      for (const entry of entries) {
        if (entry.version !== version) continue;
        const ref = { id: entry.id, title: entry.title };
        if (entry.kind !== 'release') found.entries.push(ref);
        else found.releaseEntry ??= ref;
      }
      return found;
    },
  };
}
