import { describe, expect, it } from 'vitest';
import { realKnowledge } from './support/knowledge.ts';
import { labelledQueries, coverageTopics, expectedIds } from './support/labelled.ts';

/**
 * The labelled query set: recall@3 over answerable questions and the decline rate over
 * out-of-scope ones, with floors at the level measured (raise them when search improves).
 */
// 97.3 % with the answer threshold chosen as the median over bootstrap resamples (0.85); the single best
// threshold had jumped between 0.83 and 0.86 on near ties, and several keyword queries sit there.
const RECALL_AT_3_FLOOR = 0.97;
// One of the keyword set's out-of-scope queries ("Was kostet ein Kernel?") is answered since the 4.15
// release entry says "kostete": the floor is the measured rate, not 100 %.
const DECLINE_FLOOR = 0.95;

describe('labelled query set', () => {
  const { search, entries } = realKnowledge();
  const queries = labelledQueries();
  const ids = new Set(entries.map((e) => e.id));

  it('is large, bilingual and labelled with real entry ids', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const german = queries.filter((q) => q.lang === 'de').length;
    expect(german / queries.length).toBeGreaterThanOrEqual(0.4);
    expect(queries.filter((q) => q.expect === null).length).toBeGreaterThanOrEqual(8);
    const unknown = queries.flatMap((q) =>
      expectedIds(q)
        .filter((id) => !ids.has(id))
        .map((id) => `${q.file}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it(`finds the expected entry in the top 3 for at least ${RECALL_AT_3_FLOOR * 100} % of answerable queries`, () => {
    const answerable = queries.filter((q) => q.expect !== null);
    const misses = answerable.filter((q) => {
      const outcome = search.search(q.q);
      return !outcome.answered || !outcome.hits.slice(0, 3).some((h) => expectedIds(q).includes(h.entry.id));
    });
    const recall = 1 - misses.length / answerable.length;
    console.log(`recall@3 = ${(recall * 100).toFixed(1)} % over ${answerable.length} queries; misses:\n${misses.map((m) => `  ${m.q} → ${expectedIds(m).join('|')}`).join('\n')}`);
    expect(recall).toBeGreaterThanOrEqual(RECALL_AT_3_FLOOR);
  });

  it('declines out-of-scope questions instead of answering at random', () => {
    const outOfScope = queries.filter((q) => q.expect === null);
    const wronglyAnswered = outOfScope.filter((q) => search.search(q.q).answered).map((q) => `${q.q} → ${search.search(q.q).hits[0]?.entry.id}`);
    const declineRate = 1 - wronglyAnswered.length / outOfScope.length;
    console.log(`declined ${(declineRate * 100).toFixed(1)} % of ${outOfScope.length} out-of-scope queries; answered: ${wronglyAnswered.join('; ') || 'none'}`);
    expect(declineRate).toBeGreaterThanOrEqual(DECLINE_FLOOR);
  });
});

describe('seed coverage', () => {
  const { search, entries } = realKnowledge();
  const ids = new Set(entries.map((e) => e.id));
  const topics = coverageTopics();

  it('lists the topics of the seed', () => {
    expect(topics.length).toBeGreaterThanOrEqual(80);
  });

  // Coverage, not confidence: a bare seed name ("Fedora 21", "Fermi-GPUs") may rightly stay below the
  // answer level, but the search must rank its entry among the first three candidates.
  it('has an entry for every topic the seed mentions, ranked in the top 3 for its name', () => {
    const ranked = (name: string) =>
      search
        .rank(search.analyze(name))
        .slice(0, 3)
        .map((c) => c.entry.id);
    const found = (name: string) => [
      ...search
        .search(name)
        .hits.slice(0, 1)
        .map((h) => h.entry.id),
      ...ranked(name),
    ];
    const missing = topics.filter((t) => !ids.has(t.entry)).map((t) => `${t.name} → ${t.entry} (no such entry)`);
    const notFound = topics
      .filter((t) => ids.has(t.entry))
      .filter((t) => !found(t.name).includes(t.entry))
      .map((t) => `${t.name} → ${t.entry} (got ${found(t.name).join(', ') || 'nothing'})`);
    expect([...missing, ...notFound]).toEqual([]);
  });
});
