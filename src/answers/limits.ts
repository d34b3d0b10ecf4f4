/**
 * The user-text caps of every entry point. They live with the search, which is what they protect
 * (fuzzy matching grows with the square of a word); see src/search/limits.ts.
 */
export { MAX_QUERY_CHARS as MAX_USER_TEXT, MAX_TYPED_CHARS as MAX_AUTOCOMPLETE_TEXT, capText as capUserText } from '../search/limits.ts';
