/**
 * The most user text any entry point (CLI and terminal lines, mentions, forum posts, context-menu
 * targets, slash options) hands to the search: a Discord message holds at most 4,000 characters, and
 * nothing longer is a question. Longer text is cut, never refused.
 */
export const MAX_USER_TEXT = 4000;

/** Typed autocomplete text when the option declares no max_length (Discord's choice values hold 100). */
export const MAX_AUTOCOMPLETE_TEXT = 100;

export function capUserText(text: string, max = MAX_USER_TEXT): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair (an emoji) at the cut.
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}
