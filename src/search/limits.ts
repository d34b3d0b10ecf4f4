/**
 * How much user text the search reads. Every entry point clips to these before searching, and the
 * search clips again, so no input can make it slow: fuzzy matching grows with the square of a word.
 */

/** A whole forum post (title and first message) fits; longer text adds nothing an answer depends on. */
export const MAX_QUERY_CHARS = 4000;

/** No name or word in the knowledge base is longer; longer "words" (hashes, garbage) are ignored. */
export const MAX_WORD_CHARS = 40;

/** What autocomplete reads of a typed value (Discord's option values are at most 100 characters). */
export const MAX_TYPED_CHARS = 100;

/** Removes what is Discord markup rather than words: mentions, channels, custom emoji, links. */
export function stripMarkup(text: string): string {
  return text
    .slice(0, MAX_QUERY_CHARS)
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' '));
}
