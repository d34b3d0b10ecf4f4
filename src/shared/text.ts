/** Text folding shared by the knowledge loader, the search index and the Q&A checks, so every side compares the same strings. */
import { distance } from 'fastest-levenshtein';

/** Lower-case, ß→ss, strip diacritics (ä→a), collapse whitespace. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
}

/** The candidate a misspelt name most likely meant: the nearest within `maxEdits` edits, or null. */
export function closestName(name: string, candidates: Iterable<string>, maxEdits: number): string | null {
  let best: { candidate: string; edits: number } | null = null;
  for (const candidate of candidates) {
    const edits = distance(name, candidate);
    if (edits <= maxEdits && (!best || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate ?? null;
}
