import { describe, expect, it } from 'vitest';
import { KnowledgeSearch, type SearchIndexData } from '../src/search/index.ts';
import { createTermPipeline } from '../src/search/language.ts';
import { germanWords, SEARCH_FIELDS, toDocument } from '../src/search/documents.ts';
import { labelledQueries } from './support/labelled.ts';
import { realUsePosts, realUseQuestions } from './support/real-use.ts';
import { realKnowledge } from './support/knowledge.ts';

// How the index is built and loaded may get faster; what it answers must not change.
describe('index construction', () => {
  const { entries } = realKnowledge();
  // One fresh build (not the run's shared snapshot) for both checks.
  const search = new KnowledgeSearch(entries);

  it('answers the labelled texts from a loaded index exactly as from a fresh build', { timeout: 60_000 }, () => {
    const loaded = new KnowledgeSearch(entries, JSON.parse(JSON.stringify(search.indexData())) as SearchIndexData);
    // Every second text of every labelled set: the sets' variety at half the time.
    const texts = [...labelledQueries().map((q) => q.q), ...realUsePosts().map((p) => p.text), ...realUseQuestions().map((q) => q.text)].filter((_, i) => i % 2 === 0);
    expect(texts.length).toBeGreaterThan(400);
    const outcome = (s: KnowledgeSearch, text: string) => {
      const { confidence, hits, suggestions } = s.search(text);
      const ids = (list: typeof hits) => list.map((h) => [h.entry.id, h.via, Number(h.score.toPrecision(9)), Number(h.probability.toPrecision(9))]);
      return { confidence, hits: ids(hits), suggestions: ids(suggestions) };
    };
    const differing = texts.filter((text) => JSON.stringify(outcome(loaded, text)) !== JSON.stringify(outcome(search, text)));
    expect(differing).toEqual([]);
  });

  it('counts document frequencies while indexing exactly as a second tokenising pass does', { timeout: 60_000 }, () => {
    // The reference: every document's fields tokenised and processed again, each term once per entry.
    const pipeline = createTermPipeline(germanWords(entries));
    const reference = new Map<string, number>();
    for (const document of entries.map(toDocument)) {
      const terms = new Set<string>();
      for (const field of SEARCH_FIELDS) for (const token of pipeline.tokenize(document[field])) for (const term of pipeline.processTerm(token) ?? []) terms.add(term);
      for (const term of terms) reference.set(term, (reference.get(term) ?? 0) + 1);
    }
    expect(new Map(search.indexData().frequency)).toEqual(reference);
  });
});
