import type { MaintainersSection } from './parse.ts';

/**
 * Subsystem names: ranked, typo-tolerant lookup over section titles ("btrfs", "i915", "drm",
 * "btfrs"). Words before a parenthesis are the title proper and weigh more than the explanation in
 * it; a shorter title proper wins a tie, so "drm" finds "DRM DRIVERS" before "DRM DRIVER FOR …".
 */

export interface NameHit {
  section: MaintainersSection;
  score: number;
}

interface TitleWords {
  section: MaintainersSection;
  normalised: string;
  main: string[];
  rest: string[];
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export class SectionNames {
  private readonly titles: TitleWords[];
  private readonly vocabulary: string[];

  constructor(sections: readonly MaintainersSection[]) {
    this.titles = sections.map((section) => {
      const cut = section.title.indexOf('(');
      const main = words(cut > 0 ? section.title.slice(0, cut) : section.title);
      return { section, normalised: words(section.title).join(' '), main, rest: cut > 0 ? words(section.title.slice(cut)) : [] };
    });
    this.vocabulary = [...new Set(this.titles.flatMap((t) => [...t.main, ...t.rest]))];
  }

  private wordScores(typed: string): Map<string, number> {
    const scores = new Map<string, number>();
    for (const word of this.vocabulary) {
      const score = bestWordScore(typed, [word]);
      if (score > 0) scores.set(word, score);
    }
    return scores;
  }

  /** The best matches for what was typed, best first; empty when nothing resembles it. */
  search(query: string, limit = 25): NameHit[] {
    const typed = words(query);
    if (typed.length === 0) return [];
    const joined = typed.join(' ');
    // Each typed word is scored once against the vocabulary, not once per title.
    const perWord = typed.map((word) => this.wordScores(word));
    const hits: NameHit[] = [];
    for (const title of this.titles) {
      const score = scoreTitle(title, perWord, joined);
      if (score > 0) hits.push({ section: title.section, score });
    }
    return hits.sort((a, b) => b.score - a.score || a.section.title.length - b.section.title.length || a.section.index - b.section.index).slice(0, limit);
  }

  /** The section whose title is exactly this (case and punctuation aside), e.g. a picked suggestion. */
  exact(query: string): MaintainersSection | null {
    const joined = words(query).join(' ');
    if (!joined) return null;
    return this.titles.find((t) => t.normalised === joined)?.section ?? this.titles.find((t) => joined.length >= 20 && t.normalised.startsWith(joined))?.section ?? null;
  }
}

function scoreTitle(title: TitleWords, perWord: Map<string, number>[], joined: string): number {
  if (title.normalised === joined) return 1000;
  let total = 0;
  for (const scores of perWord) {
    let best = 0;
    for (const word of title.main) best = Math.max(best, scores.get(word) ?? 0);
    for (const word of title.rest) best = Math.max(best, (scores.get(word) ?? 0) * 0.5);
    if (best === 0) return 0;
    total += best;
  }
  let score = (total / perWord.length) * 10;
  if (title.main.join(' ').startsWith(joined)) score += 50;
  // Fewer words in the title proper: the query covers more of it.
  return score - title.main.length;
}

function bestWordScore(typed: string, candidates: string[]): number {
  let best = 0;
  for (const word of candidates) {
    let score = 0;
    if (word === typed) score = 30;
    else if (typed.length >= 2 && word.startsWith(typed)) score = 20;
    else if (typed.length >= 4 && withinEdits(typed, word, typed.length >= 8 ? 2 : 1)) score = 12;
    else if (typed.length >= 4 && word.length > typed.length && word.includes(typed)) score = 8;
    if (score > best) best = score;
  }
  return best;
}

/** Damerau-Levenshtein distance (adjacent swaps count once) is at most max. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    before = previous;
    previous = row;
  }
  return previous[b.length]! <= max;
}
