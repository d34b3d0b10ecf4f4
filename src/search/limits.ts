/**
 * How much user text the search reads. Every entry point clips to these before searching, and the
 * search clips again, so no input can make it slow: fuzzy matching grows with the square of a word.
 */

/**
 * The most user text any entry point (CLI and terminal lines, mentions, forum posts, context-menu
 * targets, slash options) hands to the search: a Discord message holds at most 4,000 characters, and a
 * whole forum post (title and first message) fits. Longer text is cut, never refused.
 */
export const MAX_QUERY_CHARS = 4000;

/** No name or word in the knowledge base is longer; longer "words" (hashes, garbage) are ignored. */
export const MAX_WORD_CHARS = 40;

/** What autocomplete reads of a typed value (Discord's option values are at most 100 characters). */
export const MAX_TYPED_CHARS = 100;

/** Cuts user text to `max` characters, never leaving half of a surrogate pair (an emoji) at the cut. */
export function capText(text: string, max = MAX_QUERY_CHARS): string {
  if (text.length <= max) return text;
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}

/** Whether a text has anything to search for once mentions, emoji, links and punctuation are gone. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(stripMarkup(text));
}

/** Removes what is Discord markup rather than words: mentions, channels, custom emoji, links. */
export function stripMarkup(text: string): string {
  return capText(text)
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' '));
}
