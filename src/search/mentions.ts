import SearchableMap from 'minisearch/SearchableMap';
import type { KnowledgeEntry } from '../knowledge/schema.ts';
import { namesOf } from './names.ts';
import { GENERIC_WORDS, STOP_WORDS, tokenizeWords } from './text.ts';
import { versionFromToken } from './versions.ts';

/** An entry named somewhere in a text: "kdbus'", "Btrfs-RAID5", "RAID 5 bei Btrfs", "brtfs". */
export interface NameMention {
  entryId: string;
  /** Words of the matched name: a longer name is a more specific mention. */
  words: number;
  /** Matched only after correcting a misspelled word. */
  typo: boolean;
  /** Where in the text (word index) the name starts: a post's title comes first. */
  start: number;
}

/** Longest name (in words) looked for in a text. */
const MAX_NAME_WORDS = 6;
/** Only words this long are corrected, and only to name words starting with the same letter. */
const MIN_TYPO_LENGTH = 5;

/**
 * Finds the names of entries inside a longer text, however they are written: split or joined
 * ("RAID 5" = "raid5"), inflected (English and German stems), or misspelled by one edit
 * (two for long words; a swap of two letters counts as one). Names made only of generic words
 * and versions ("Linux 3.18") are left to the version logic: they say nothing about a topic.
 */
export class NameMentions {
  /** Every distinctive word of a name: never filler, and the vocabulary typos are corrected to. */
  readonly nameWords = new Set<string>();
  private readonly keys = new Map<string, Set<string>>();
  private readonly correctable = new SearchableMap<true>();

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly stems: (word: string) => string[],
  ) {
    for (const entry of entries) {
      for (const name of namesOf(entry)) {
        const words = nameWordsOf(name.kind === 'id' ? name.text.replace(/-/g, ' ') : name.text);
        if (words.length === 0 || words.length > MAX_NAME_WORDS || !words.some(isDistinctive)) continue;
        for (const key of this.variants(words)) {
          const owners = this.keys.get(key);
          if (owners) owners.add(entry.id);
          else this.keys.set(key, new Set([entry.id]));
        }
        for (const word of words) {
          if (!isDistinctive(word)) continue;
          this.nameWords.add(word);
          if (word.length >= MIN_TYPO_LENGTH && /^[a-z]/.test(word)) this.correctable.set(word, true);
        }
      }
    }
  }

  /**
   * Names mentioned in `words` (the text's words, stop words removed). `known` says whether a word
   * is in the knowledge base at all: known words are never "corrected" into a name.
   */
  find(words: readonly string[], known: (word: string) => boolean): { mentions: NameMention[]; corrected: Set<string> } {
    const corrected = words.map((word) => (known(word) || this.nameWords.has(word) ? null : this.correct(word)));
    const found: { mention: NameMention; start: number; end: number }[] = [];
    for (let start = 0; start < words.length; start++) {
      for (let length = Math.min(MAX_NAME_WORDS, words.length - start); length >= 1; length--) {
        const window = words.slice(start, start + length);
        const fixes = corrected.slice(start, start + length);
        const typo = fixes.some((fix) => fix !== null);
        const candidates = typo ? [window, window.map((w, i) => fixes[i] ?? w)] : [window];
        for (const [i, candidate] of candidates.entries()) {
          for (const key of this.variants(candidate)) {
            for (const entryId of this.keys.get(key) ?? []) {
              found.push({ mention: { entryId, words: length, typo: typo && i === 1, start }, start, end: start + length });
            }
          }
        }
      }
    }
    // "btrfs raid5" names btrfs-raid56; the "btrfs" inside it is not a second topic.
    const kept = found.filter((a) => !found.some((b) => b.mention.entryId !== a.mention.entryId && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start));
    const best = new Map<string, NameMention>();
    for (const { mention } of kept) {
      const seen = best.get(mention.entryId);
      if (!seen || (seen.typo && !mention.typo) || (seen.typo === mention.typo && mention.words > seen.words)) best.set(mention.entryId, { ...mention, start: Math.min(mention.start, seen?.start ?? Infinity) });
    }
    const used = kept.filter((k) => k.mention.typo).flatMap((k) => words.slice(k.start, k.end));
    return { mentions: [...best.values()], corrected: new Set(used) };
  }

  /** The name word a misspelled word most likely meant, or null. */
  private correct(word: string): string | null {
    if (word.length < MIN_TYPO_LENGTH || !/^[a-z]/.test(word)) return null;
    const distance = word.length >= 9 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const [candidate, [, editDistance]] of this.correctable.fuzzyGet(word, 2)) {
      if (candidate[0] !== word[0]) continue;
      const d = editDistance <= distance ? editDistance : isSwap(word, candidate) ? 1 : Infinity;
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The forms a sequence of words is looked up in: as written, joined, and stemmed either way. */
  private variants(words: readonly string[]): string[] {
    const spaced = words.join(' ');
    const stemmed = words.map((w) => this.stems(w)[0] ?? w).join(' ');
    const germanStemmed = words.map((w) => this.stems(w)[1] ?? w).join(' ');
    return [...new Set([spaced, words.join(''), stemmed, germanStemmed])];
  }
}

/** The words of a name as the text side sees them: folded, split at punctuation, stop words dropped. */
export function nameWordsOf(text: string): string[] {
  return tokenizeWords(text).filter((w) => !STOP_WORDS.has(w));
}

/** A word that can identify a topic: not generic ("linux", "kernel"), not a version, not a bare short number. */
function isDistinctive(word: string): boolean {
  return !GENERIC_WORDS.has(word) && versionFromToken(word) === null && !/^\d{1,2}$/.test(word);
}

/** Two neighbouring letters swapped: "kdbsu" for "kdbus". */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}
