import { describe, expect, it } from 'vitest';
import { realKnowledge } from './support/knowledge.ts';

/**
 * Every entry is the top hit for its own title and each alias, in search and in autocomplete.
 * Thousands of look-ups over the whole base: a generous timeout so a loaded machine does not fail them.
 */
const ALL_NAMES_TIMEOUT_MS = 180_000;

describe('every entry answers to its own names', () => {
  const { search, entries } = realKnowledge();

  it(
    'is the top search hit for its titles and aliases',
    () => {
      const wrong: string[] = [];
      for (const entry of entries) {
        for (const name of [entry.title.en, entry.title.de, ...entry.aliases.en, ...entry.aliases.de]) {
          const top = search.search(name).hits[0]?.entry.id;
          if (top !== entry.id) wrong.push(`${name} → ${top ?? 'nothing'} (want ${entry.id})`);
        }
      }
      expect(wrong).toEqual([]);
    },
    ALL_NAMES_TIMEOUT_MS,
  );

  it(
    'is the first autocomplete suggestion for its titles and aliases',
    () => {
      const wrong: string[] = [];
      for (const entry of entries) {
        for (const [lang, names] of [
          ['en', [entry.title.en, ...entry.aliases.en]],
          ['de', [entry.title.de, ...entry.aliases.de]],
        ] as const) {
          for (const name of names) {
            const first = search.suggest(name, lang)[0]?.value;
            if (first !== entry.id) wrong.push(`${name} → ${first ?? 'nothing'} (want ${entry.id})`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
    ALL_NAMES_TIMEOUT_MS,
  );

  it('resolves by id, as a picked autocomplete value arrives', () => {
    for (const entry of entries) expect(search.resolve(entry.id)?.id).toBe(entry.id);
  });
});
