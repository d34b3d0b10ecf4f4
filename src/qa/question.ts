import { foldText } from '../shared/text.ts';
import { stripMarkup } from '../search/limits.ts';

const QUESTION_START =
  /^(what|whats|what's|how|why|when|where|which|who|is|are|does|do|did|can|could|should|will|has|have|was|wie|warum|wieso|weshalb|wann|wo|wer|welche|welcher|welches|gibt|ist|sind|kann|konnen|hat|haben|wird|werden|weiss|kennt|funktioniert)\b/;

/** A message that reads as a question: ends with "?" or opens like one, in English or German. */
export function looksLikeQuestion(text: string): boolean {
  const folded = foldText(stripMarkup(text));
  if (folded.length < 8 || folded.length > 1000) return false;
  return /\?\s*$/.test(folded) || QUESTION_START.test(folded);
}

/** The form in which unanswered questions are counted: folded, no mentions or punctuation, no user data. */
export function normalizeQuestion(text: string): string {
  return foldText(stripMarkup(text))
    .replace(/[^a-z0-9.+#_ -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
