import SearchableMap from 'minisearch/SearchableMap';
import type { KnowledgeEntry } from '../knowledge/schema.ts';
import { namesOf } from './names.ts';
import { GENERIC_WORDS, STOP_WORDS, tokenizeWords } from './text.ts';
import { versionFromToken } from './versions.ts';
import { beginsSortedKey } from './sorted-keys.ts';
import { Memo } from '../shared/memo.ts';

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
/** Shorter words are matched as written: their stems collide across languages. */
const MIN_STEMMED_LENGTH = 6;
/**
 * Only a text's first unknown words are corrected (a post names its topic early, in its title):
 * correcting costs a fuzzy lookup, and a long post's odd words must not cost time.
 */
const MAX_CORRECTIONS = 8;
const MAX_REMEMBERED_CORRECTIONS = 2048;

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
  /**
   * Every key, sorted: a window of the text grows only while it can still become a name (it begins
   * some key). A binary search here instead of a set of every key's prefixes: the same answers
   * without ~50,000 prefix strings in memory and at start.
   */
  private readonly sortedKeys: string[];
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
        // "livepatchng" is a typo of the joined name "livepatching", not of one of its words.
        const joined = words.length > 1 ? words.join('') : null;
        if (joined && joined.length <= 30 && /^[a-z]/.test(joined)) this.correctable.set(joined, true);
        for (const word of words) {
          if (!isDistinctive(word)) continue;
          this.nameWords.add(word);
          if (word.length >= MIN_TYPO_LENGTH && /^[a-z]/.test(word)) this.correctable.set(word, true);
        }
      }
    }
    this.sortedKeys = [...this.keys.keys()].sort();
  }

  private beginsKey(text: string): boolean {
    return beginsSortedKey(this.sortedKeys, text);
  }

  /**
   * Names mentioned in a text, given as its sentences' words (stop words removed): a name never spans
   * two sentences. `known` says whether a word is in the knowledge base at all: known words are never
   * "corrected" into a name.
   */
  find(sentences: readonly (readonly string[])[], known: (word: string) => boolean, options: { completeLast?: boolean } = {}): { mentions: NameMention[]; corrected: Set<string> } {
    const words = sentences.flat();
    const sentenceEnd: number[] = [];
    let offset = 0;
    for (const sentence of sentences) {
      offset += sentence.length;
      for (let i = 0; i < sentence.length; i++) sentenceEnd.push(offset);
    }
    let budget = MAX_CORRECTIONS;
    const corrected = words.map((word, i) => {
      if (known(word) || this.nameWords.has(word) || budget <= 0) return null;
      budget -= 1;
      // A short question's last word may be half typed ("Größenber"): complete it to a name word.
      return this.corrections.get(word) ?? (options.completeLast && i === words.length - 1 ? this.complete(word) : null);
    });
    const found: { mention: NameMention; start: number; end: number }[] = [];
    const forms = words.map((word, i) => this.forms(word, corrected[i] ?? null));
    for (let start = 0; start < words.length; start++) {
      // Keys grow word by word: as written, joined, English stems, German stems; and with typos corrected.
      let keys: { key: string[]; typo: boolean }[] = [{ key: ['', '', '', ''], typo: false }];
      for (let end = start; end < Math.min(sentenceEnd[start]!, start + MAX_NAME_WORDS); end++) {
        const form = forms[end]!;
        const next: { key: string[]; typo: boolean }[] = [];
        for (const { key, typo } of keys) {
          next.push({ key: grow(key, form.written), typo });
          if (form.corrected) next.push({ key: grow(key, form.corrected), typo: true });
        }
        keys = next.filter(({ key }) => key.some((variant) => this.beginsKey(variant))).slice(0, 4);
        if (keys.length === 0) break;
        for (const { key, typo } of keys) {
          for (const [i, variant] of key.entries()) {
            if (key.indexOf(variant) !== i) continue;
            for (const entryId of this.keys.get(variant) ?? []) found.push({ mention: { entryId, words: end - start + 1, typo, start }, start, end: end + 1 });
          }
        }
      }
    }
    // "btrfs raid5" names btrfs-raid56; the "btrfs" inside it is not a second topic.
    const kept = found.filter((a) => !found.some((b) => b.mention.entryId !== a.mention.entryId && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start));
    const best = new Map<string, NameMention>();
    for (const { mention } of kept) {
      const seen = best.get(mention.entryId);
      if (!seen || (seen.typo && !mention.typo) || (seen.typo === mention.typo && mention.words > seen.words))
        best.set(mention.entryId, { ...mention, start: Math.min(mention.start, seen?.start ?? Infinity) });
    }
    const used = kept.filter((k) => k.mention.typo).flatMap((k) => words.slice(k.start, k.end));
    return { mentions: [...best.values()], corrected: new Set(used) };
  }

  /** The name word a misspelled word most likely meant, or null (remembered: the same odd words recur). */
  private readonly corrections = new Memo<string, string | null>(MAX_REMEMBERED_CORRECTIONS, (word) => this.lookupCorrection(word));

  private lookupCorrection(word: string): string | null {
    if (word.length < MIN_TYPO_LENGTH || !/^[a-z]/.test(word)) return null;
    for (let i = 1; i < word.length - 1; i++) {
      const swapped = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
      if (this.correctable.has(swapped)) return swapped;
    }
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const [candidate, [, distance]] of this.correctable.fuzzyGet(word, word.length >= 8 ? 2 : 1)) {
      if (candidate[0] === word[0] && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** The only name word (or the shortest) that starts with a half-typed word of at least four letters. */
  private complete(word: string): string | null {
    if (word.length < 4) return null;
    let best: string | null = null;
    for (const [candidate] of this.correctable.atPrefix(word)) if (!best || candidate.length < best.length) best = candidate;
    return best;
  }

  /** The forms a sequence of words is looked up in: as written, joined, and stemmed either way. */
  private variants(words: readonly string[]): string[] {
    let key = ['', '', '', ''];
    for (const word of words) key = grow(key, this.wordForms(word));
    return [...new Set(key)];
  }

  private forms(word: string, corrected: string | null): { written: string[]; corrected: string[] | null } {
    return { written: this.wordForms(word), corrected: corrected ? this.wordForms(corrected) : null };
  }

  /** A word and its stems; short words only as they are ("lorem" and "lore" share the stem "lor"). */
  private wordForms(word: string): string[] {
    return word.length >= MIN_STEMMED_LENGTH ? [word, ...this.stems(word)] : [word, word, word];
  }
}

/** The words of a name as the text side sees them: folded, split at punctuation, stop words dropped. */
function nameWordsOf(text: string): string[] {
  return tokenizeWords(text).filter((w) => !STOP_WORDS.has(w));
}

/** A word that can identify a topic: not generic ("linux", "kernel"), not a version, not a bare short number. */
function isDistinctive(word: string): boolean {
  return !GENERIC_WORDS.has(word) && versionFromToken(word) === null && !/^\d{1,2}$/.test(word);
}

/** Extends the four key forms (spaced, joined, English stems, German stems) by one word's forms. */
function grow(key: readonly string[], forms: readonly string[]): string[] {
  const [spaced, joined, english, german] = key as [string, string, string, string];
  const [word, stemEn = word, stemDe = word] = forms as [string, string?, string?];
  const sep = spaced ? ' ' : '';
  return [spaced + sep + word, joined + word, english + sep + stemEn, german + sep + stemDe];
}
