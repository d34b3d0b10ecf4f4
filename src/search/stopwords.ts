import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Language } from '../knowledge/schema.ts';

/**
 * stopwords-iso's lists for our two languages. The package is one JSON file of 50+ languages: it is
 * read rather than imported, so only these two lists stay in memory.
 */
const require = createRequire(import.meta.url);

export const STOPWORDS: Readonly<Record<Language, readonly string[]>> = (() => {
  const all = JSON.parse(readFileSync(require.resolve('stopwords-iso'), 'utf8')) as Partial<Record<string, string[]>>;
  return { en: all.en ?? [], de: all.de ?? [] };
})();
