import { describe, expect, it } from 'vitest';
import { beginsSortedKey } from '../src/search/sorted-keys.ts';
import { namesOf } from '../src/search/names.ts';
import { realKnowledge } from './support/knowledge.ts';

describe('beginsSortedKey (name mentions grow a window only while it can still become a name)', () => {
  it('says exactly what a set of every key prefix says', () => {
    // The real names, folded and joined the ways mentions.ts keys them, plus strings that only nearly begin one.
    const keys = [
      ...new Set(
        realKnowledge()
          .entries.flatMap((e) => namesOf(e).map((n) => n.text.toLowerCase()))
          .flatMap((k) => [k, k.replace(/ /g, '')]),
      ),
    ].sort();
    const prefixes = new Set(keys.flatMap((key) => Array.from({ length: key.length }, (_, i) => key.slice(0, i + 1))));
    const probes = [...prefixes, ...keys.map((k) => `${k}x`), ...keys.map((k) => `${k.slice(0, -1)}~`), '', ' ', 'zzzz', '\uffff', 'a'];
    const wrong = probes.filter((probe) => beginsSortedKey(keys, probe) !== prefixes.has(probe));
    expect(wrong).toEqual([]);
    expect(prefixes.size).toBeGreaterThan(10_000);
  });
});
