import { describe, expect, it } from 'vitest';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { compactIndex, loadCompactIndex } from '../src/search/compact-index.ts';
import { realKnowledge } from './support/knowledge.ts';

// The real knowledge base's answers with and without compaction: tests/index-equivalence.test.ts.
describe('compactIndex', () => {
  const documents = realKnowledge().entries.map((e, i) => ({ id: i, title: e.title.en, summary: e.summary.en, german: e.summary.de }));
  const build = () => {
    const index = new MiniSearch({ fields: ['title', 'summary', 'german'], searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2 } });
    index.addAll(documents);
    return index;
  };

  it('answers exact, prefix and fuzzy searches and suggestions exactly as the Maps did, and serialises the same', () => {
    const plain = build();
    const compacted = build();
    compactIndex(compacted);
    const queries = ['kdbus', 'file system', 'btrf', 'schedulr', 'Dateisystem', 'live patch', 'rust', 'io_uring', 'x', 'memory cgroup'];
    for (const query of queries) {
      expect(compacted.search(query)).toEqual(plain.search(query));
      expect(compacted.autoSuggest(query)).toEqual(plain.autoSuggest(query));
    }
    expect(JSON.stringify(compacted)).toBe(JSON.stringify(plain));
  });

  it('loads a serialised index straight into the compact form, answering as loadJS does', () => {
    const options = { fields: ['title', 'summary', 'german'], searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2 } };
    const json = JSON.stringify(build());
    const plain = MiniSearch.loadJSON(json, options);
    const compacted = loadCompactIndex(JSON.parse(json) as AsPlainObject, options);
    for (const query of ['kdbus', 'file system', 'btrf', 'schedulr', 'Dateisystem', 'rust']) expect(compacted.search(query)).toEqual(plain.search(query));
    expect(JSON.stringify(compacted)).toBe(JSON.stringify(plain));
  });

  it('refuses changes afterwards instead of corrupting the index', () => {
    const index = build();
    compactIndex(index);
    expect(() => index.add({ id: 10_000, title: 'kdbus again', summary: 'kdbus', german: '' })).toThrow(/read-only/);
  });
});
