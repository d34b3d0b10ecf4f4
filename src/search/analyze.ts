import type { Area } from '../knowledge/schema.ts';
import type { TermPipeline } from './language.ts';
import type { NameMention, NameMentions } from './mentions.ts';
import { MAX_WORD_CHARS, stripMarkup } from './limits.ts';
import { foldText } from '../shared/text.ts';
import { GENERIC_WORDS, STOP_WORDS, tokenizeWords } from './text.ts';
import { areasInTerms, versionFromToken, VERSION_QUESTION_WORDS } from './versions.ts';

/** A word of the text that may say what it is about. */
export interface ContentWord {
  word: string;
  /** Its stems, compound parts and synonym token: what the index is searched for. */
  forms: string[];
  /** How distinctive it is: rare in the knowledge base weighs more; unknown words weigh most. */
  weight: number;
  /** Whether the knowledge base contains it at all (exactly or as a stem). */
  known: boolean;
}

/**
 * What a text is about, worked out once: every later step (exact names, version questions,
 * ranking, confidence) reads this instead of folding and tokenising the raw text again.
 */
export interface QueryAnalysis {
  /** The text as searched: clipped, Discord markup removed. */
  text: string;
  /** The reader's words without stop words, in order: where names are looked for. */
  words: string[];
  /** Words that carry a topic: no filler, no generic words, no versions; each once. */
  content: ContentWord[];
  /** Generic words that were present ("linux", "install"): searched, never evidence. */
  generic: string[];
  /** Synonym tokens of phrases in the text ("file systems" → _filesystem). */
  phraseTokens: string[];
  /** The first version mentioned that the knowledge base knows. */
  version: string | null;
  areas: Area[];
  /** "what did 3.8 bring (for filesystems)?": nothing but a known version, question words and areas. */
  versionQuestion: boolean;
  mentions: NameMention[];
  /** Weighted share of the content words the knowledge base does not know: the question is elsewhere. */
  unknownShare: number;
}

export interface AnalyzerParts {
  pipeline: TermPipeline;
  mentions: NameMentions;
  isFiller: (word: string) => boolean;
  /** In how many entries a processed term occurs (0: unknown). */
  documentFrequency: (term: string) => number;
  documentCount: number;
  knownVersion: (version: string) => boolean;
}

/** Sentence punctuation followed by a space or the end, and line breaks: "3.19" and "e.g." stay whole words. */
const SENTENCE_END = /[.!?;:]+(?=\s|$)|\n/;
/** Up to this many content words a text is a typed question whose last word may be unfinished. */
export const SHORT_TEXT_WORDS = 4;
/** Language detection reads the start of a text; more adds time, not certainty. */

export function analyzeText(raw: string, parts: AnalyzerParts): QueryAnalysis {
  const { pipeline, isFiller } = parts;
  const text = stripMarkup(raw);
  const folded = foldText(text);
  const sentences = text.split(SENTENCE_END).map((sentence) => tokenizeWords(sentence).filter((w) => w.length <= MAX_WORD_CHARS && !STOP_WORDS.has(w)));
  const words = sentences.flat();
  const phrases = pipeline.phrases(folded);
  const phraseTokens = [...new Set(phrases.map((p) => p.token))];

  const versions = words.map(versionFromToken).filter((v): v is string => v !== null && parts.knownVersion(v));
  const version = versions[0] ?? null;

  const content: ContentWord[] = [];
  const generic: string[] = [];
  const seen = new Set<string>();
  const fresh = (word: string) => !seen.has(word) && (seen.add(word), true);
  for (const word of words) {
    if (versionFromToken(word) !== null || isFiller(word) || !fresh(word)) continue;
    if (GENERIC_WORDS.has(word)) {
      generic.push(word);
      continue;
    }
    content.push(contentWord(word, parts));
  }

  const phraseWords = new Set(phrases.flatMap((p) => (areasInTerms([p.token]).size > 0 ? p.words : [])));
  const areaOf = (w: ContentWord) => areasInTerms(w.forms).size > 0 || phraseWords.has(w.word);
  const areas = [...areasInTerms([...content.flatMap((w) => w.forms), ...phraseTokens])];
  const versionQuestion = version !== null && content.every((w) => VERSION_QUESTION_WORDS.has(w.word) || areaOf(w));

  const known = (word: string) => parts.documentFrequency(word) > 0;
  const { mentions, corrected } = parts.mentions.find(sentences, known, { completeLast: content.length <= SHORT_TEXT_WORDS });
  // A misspelled name ("kdbsu") is not a word from elsewhere.
  const total = content.reduce((sum, w) => sum + w.weight, 0);
  const unknown = content.reduce((sum, w) => sum + (w.known || corrected.has(w.word) ? 0 : w.weight), 0);

  return {
    text,
    words,
    content,
    generic,
    phraseTokens,
    version,
    areas,
    versionQuestion,
    mentions,
    unknownShare: total > 0 ? unknown / total : 0,
  };
}

function contentWord(word: string, parts: AnalyzerParts): ContentWord {
  const forms = parts.pipeline.processTerm(word) ?? [word];
  // The rarest meaningful form decides: a word found only as a broad stem is still fairly common.
  let frequency = 0;
  for (const form of forms) frequency = Math.max(frequency, parts.documentFrequency(form));
  const n = parts.documentCount;
  const weight = Math.log((n + 1) / (frequency + 0.5)) / Math.log((n + 1) / 0.5);
  return { word, forms, weight, known: frequency > 0 };
}
