/** Text folding shared by the knowledge loader, the search index and the Q&A checks, so every side compares the same strings. */

/** Lower-case, ß→ss, strip diacritics (ä→a), collapse whitespace. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
}
