import type { Language } from '../knowledge/schema.ts';
import { foldText } from '../shared/text.ts';
import { stripMarkup } from './limits.ts';
import { STOPWORDS } from './stopwords.ts';

/** Enough of a long post to tell its language. */
const SAMPLE_CHARS = 1000;

/**
 * The verbs of short help questions, which stopword lists lack: "was bedeutet Tainted: P O im Oops?"
 * has no German function word of its own ("was" and "im" are English words too) and a question made
 * of terms has little else.
 */
const QUESTION_VERBS: Readonly<Record<Language, readonly string[]>> = {
  en: ['mean', 'means', 'meaning', 'explain', 'difference', 'happened', 'fix', 'broke', 'broken', 'enable', 'disable'],
  de: [
    'bedeutet',
    'bedeuten',
    'heißt',
    'funktioniert',
    'funktionieren',
    'unterschied',
    'brauche',
    'brauchen',
    'erklären',
    'erkläre',
    'aktivieren',
    'aktiviere',
    'deaktivieren',
    'installieren',
    'kaputt',
    'läuft',
    'stürzt',
    'passiert',
  ],
};

/**
 * Function words of one language only: "which", "my", "does" / "ist", "und", "wann". Words on both
 * lists ("was", "in", "man", "will") tell nothing. Folded as the text is.
 */
const MARKERS: Readonly<Record<Language, ReadonlySet<string>>> = (() => {
  const fold = (words: readonly string[]) => new Set(words.map(foldText).filter((w) => /^[a-z]+$/.test(w)));
  const en = fold([...STOPWORDS.en, ...QUESTION_VERBS.en]);
  const de = fold([...STOPWORDS.de, ...QUESTION_VERBS.de]);
  return { en: new Set([...en].filter((w) => !de.has(w))), de: new Set([...de].filter((w) => !en.has(w))) };
})();

/**
 * The language a text is written in, or null when it does not say (a name, a command line, a
 * keyword query). Everyday questions and posts always contain function words of their language,
 * and an umlaut or ß counts for German; whichever language has more wins. On the labelled real-use
 * data this is right far more often than a general n-gram detector, and never wrong on the held-out
 * part (tests/language.test.ts).
 */
export function detectLanguage(raw: string): Language | null {
  const text = stripMarkup(raw).slice(0, SAMPLE_CHARS);
  let en = 0;
  let de = /[äöüß]/i.test(text) ? 1 : 0;
  // Hyphenated words are names and terms ("Copy-on-Write", "Live-Patching"), and words joined by
  // underscores identifiers and error codes ("IRQL_NOT_LESS_OR_EQUAL"), not function words.
  for (const word of foldText(text).match(/[a-z]+(?:[-_][a-z0-9]+)*/g) ?? []) {
    if (MARKERS.en.has(word)) en++;
    else if (MARKERS.de.has(word)) de++;
  }
  return en > de ? 'en' : de > en ? 'de' : null;
}
