import SearchableMap from 'minisearch/SearchableMap';

/**
 * The words of every entry's names in a radix tree, for autocomplete with typos: each typed word
 * is matched exactly, by prefix (the last one) or within a small edit distance, and the entries
 * containing all typed words win. Lookups touch only matching words, so this stays fast at 100k entries.
 */
export class NameWords {
  private readonly words = new SearchableMap<number[]>();

  add(entryIndex: number, folded: string): void {
    for (const word of folded.split(' ')) {
      if (!word) continue;
      const list = this.words.get(word);
      if (!list) this.words.set(word, [entryIndex]);
      else if (list[list.length - 1] !== entryIndex) list.push(entryIndex);
    }
  }

  /** Entry indices matching every word of the folded query, best (most exact words) first. */
  match(folded: string, limit: number): number[] {
    const typed = folded.split(' ').filter(Boolean);
    if (typed.length === 0) return [];
    const scores = new Map<number, number>();
    let first = true;
    for (const [i, word] of typed.entries()) {
      const last = i === typed.length - 1;
      const found = this.lookup(word, last);
      if (found.size === 0) {
        if (last && word.length < 2) continue; // a half-typed letter narrows nothing
        return [];
      }
      if (first) {
        for (const [entry, score] of found) scores.set(entry, score);
        first = false;
      } else {
        for (const entry of scores.keys()) {
          const score = found.get(entry);
          if (score === undefined) scores.delete(entry);
          else scores.set(entry, scores.get(entry)! + score);
        }
      }
      if (scores.size === 0) return [];
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([entry]) => entry);
  }

  /** entry → how good the match is: exact 3, prefix 2, typo 1. */
  private lookup(word: string, last: boolean): Map<number, number> {
    const found = new Map<number, number>();
    const note = (entries: number[], score: number) => {
      for (const entry of entries) if ((found.get(entry) ?? 0) < score) found.set(entry, score);
    };
    const exact = this.words.get(word);
    if (exact) note(exact, 3);
    if (last && word.length >= 2) for (const [, entries] of this.words.atPrefix(word)) note(entries, 2);
    const distance = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    if (distance > 0) for (const [, [entries]] of this.words.fuzzyGet(word, distance)) note(entries, 1);
    return found;
  }
}
