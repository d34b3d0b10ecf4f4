import type { Language } from '../knowledge/schema.ts';

/**
 * The shape a translation must have: the same keys as the English texts, a string for every
 * string and a function with the same parameters for every function. A key missing in German (or
 * one German has that English lacks) is a compile error.
 */
export type Translation<E> = {
  [K in keyof E]: E[K] extends (...args: infer A) => string ? (...args: A) => string : E[K] extends string ? string : Translation<E[K]>;
};

/** One area's user-facing texts in both languages; English sets the shape, German must match it. */
export function texts<E extends object>(en: E, de: NoInfer<Translation<E>>): Record<Language, Translation<E>> {
  return { en: en as Translation<E>, de };
}
