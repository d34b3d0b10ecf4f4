import { getHeapStatistics } from 'node:v8';
import type { KnowledgeEntry } from '../../src/knowledge/schema.ts';
import { KnowledgeSearch } from '../../src/search/index.ts';
import { realKnowledge } from '../knowledge.ts';
import { searchQueries, suggestInputs, type Labeled } from '../queries.ts';
import { gc, heapUsedMB, measureLatency, median, now, shuffled, type Latency } from '../stats.ts';
import { namesOfEntries, syntheticEntries, wordsPerEntry } from '../synthetic.ts';
import type { BenchContext, Row, Section } from '../types.ts';

/** Autocomplete must answer inside Discord's 3 s interaction window with room to spare. */
const AUTOCOMPLETE_P99_REAL_MS = 2;
const AUTOCOMPLETE_P99_100K_MS = 20;

const fmt = (n: number) => n.toLocaleString('en-US');

interface Size {
  label: string;
  count: number | 'real';
}

function parseSizes(spec: string | undefined, quick: boolean): Size[] {
  const list = spec ? spec.split(',') : quick ? ['real'] : ['real', '10000', '100000'];
  return list.map((s) => (s === 'real' ? { label: 'real', count: 'real' } : { label: fmt(Number(s)), count: Number(s) }));
}

/** The slowest measured inputs, for the note: where the p99 comes from. */
function slowest<T>(inputs: readonly Labeled<T>[], lat: Latency, show: (input: T) => string): string {
  return lat.slowest.map(({ index, ms }) => `${inputs[index]!.kind} "${show(inputs[index]!.input)}" ${ms.toFixed(1)} ms`).join('; ');
}

function latencyRows(metric: string, scope: string, lat: Latency, inputs: number, p99Target: number | undefined, extra: string): Row[] {
  const coverage = lat.covered < inputs ? `only ${lat.covered} of ${inputs} inputs reached within the time budget` : `all ${inputs} inputs`;
  const rows: Row[] = [
    { metric: `${metric} p50`, scope, value: lat.p50, unit: 'ms' },
    {
      metric: `${metric} p99`,
      scope,
      value: lat.p99,
      unit: 'ms',
      note: `${fmt(lat.samples)} samples, ${coverage}; max ${lat.max.toFixed(1)} ms; p99 of per-input medians ${lat.p99OfMedians.toFixed(2)} ms (noise-robust)${extra ? `; slowest: ${extra}` : ''}`,
    },
  ];
  if (p99Target !== undefined) rows[1]!.target = { op: '<=', limit: p99Target };
  return rows;
}

export function searchSection(sizesSpec?: string): Section {
  return {
    id: 'search',
    title: 'Knowledge index: build, heap, search, autocomplete',
    async run(ctx: BenchContext): Promise<Row[]> {
      const real = realKnowledge();
      ctx.log(`real knowledge: ${real.entries.length} entries via ${real.how}`);
      // Shuffled (deterministically) so that a run cut short by its time budget still samples every kind.
      const queries = shuffled(searchQueries(real.entries), 1);
      const suggests = shuffled(suggestInputs(real.entries), 2);
      const rows: Row[] = [];
      const realNames = namesOfEntries(real.entries);
      const heapLimit = getHeapStatistics().heap_size_limit / 1024 / 1024;

      for (const size of parseSizes(sizesSpec, ctx.quick)) {
        let entries: readonly KnowledgeEntry[] = real.entries;
        let scope = `real (${real.entries.length})`;
        let genNote = real.how;
        if (size.count !== 'real') {
          const extra = Math.max(0, size.count - real.entries.length);
          const t0 = now();
          // Validation of every synthetic entry costs ~15 s at 100,000; it is the same generator, so a prefix is checked.
          const checked = syntheticEntries({ count: Math.min(extra, 2000), takenNames: realNames, validate: true });
          const synthetic = extra <= 2000 ? checked : syntheticEntries({ count: extra, takenNames: realNames, validate: false });
          entries = [...real.entries, ...synthetic];
          scope = size.label;
          const words = synthetic.slice(0, 1000).reduce((sum, e) => sum + wordsPerEntry(e), 0) / Math.min(1000, synthetic.length);
          genNote = `${real.entries.length} real + ${fmt(synthetic.length)} synthetic (~${Math.round(words)} words each, first ${fmt(checked.length)} schema-checked), generated in ${((now() - t0) / 1000).toFixed(1)} s`;
        }
        ctx.log(`[${scope}] building index over ${fmt(entries.length)} entries…`);

        // Build: repeated at small sizes for a stable median, once at large sizes.
        gc();
        const heapBefore = heapUsedMB();
        const repeats = entries.length <= 1000 ? (ctx.quick ? 5 : 15) : 1;
        const builds: number[] = [];
        let search!: KnowledgeSearch;
        for (let i = 0; i < repeats; i++) {
          if (i > 0) {
            search = undefined as unknown as KnowledgeSearch;
            gc();
          }
          const t0 = now();
          search = new KnowledgeSearch(entries);
          builds.push(now() - t0);
        }
        gc();
        const heapAfter = heapUsedMB();
        rows.push({ metric: 'index build', scope, value: median(builds), unit: 'ms', note: `${repeats > 1 ? `median of ${repeats}; ` : ''}${genNote}` });
        rows.push({
          metric: 'heap used after build',
          scope,
          value: heapAfter,
          unit: 'MB',
          note: `index ≈ ${(heapAfter - heapBefore).toFixed(1)} MB of it (after GC; entries themselves excluded); V8 heap limit ${fmt(Math.round(heapLimit))} MB`,
        });
        ctx.log(`[${scope}] build ${(median(builds) / 1000).toFixed(2)} s, heap ${heapAfter.toFixed(0)} MB; measuring autocomplete…`);

        // Autocomplete (targets). Prefixes of real names and typos, both languages.
        const big = entries.length >= 50_000;
        const suggestFn = (q: { typed: string; lang: 'en' | 'de' }) => search.suggest(q.typed, q.lang).length;
        const ac = measureLatency(
          suggests.map((s) => s.input),
          suggestFn,
          { warmupPasses: 2, warmupBudgetMs: big ? 2000 : 3000, minSamples: 3000, budgetMs: big ? 10_000 : 3000 },
        );
        const acTarget = size.count === 'real' ? AUTOCOMPLETE_P99_REAL_MS : size.count === 100_000 ? AUTOCOMPLETE_P99_100K_MS : undefined;
        rows.push(
          ...latencyRows(
            'autocomplete',
            scope,
            ac,
            suggests.length,
            acTarget,
            slowest(suggests, ac, (q) => q.typed),
          ),
        );

        // Empty input: what Discord sends when the option is first focused. Info only.
        const empty = measureLatency([{ typed: '', lang: 'en' as const }], suggestFn, { warmupPasses: 1, warmupBudgetMs: 1000, minSamples: 20, budgetMs: big ? 1500 : 500 });
        rows.push({ metric: 'autocomplete "" (focus) p50', scope, value: empty.p50, unit: 'ms', note: `${empty.samples} samples; info` });

        ctx.log(`[${scope}] autocomplete p99 ${ac.p99.toFixed(2)} ms; measuring search…`);
        // Search (info). At large sizes one query can take seconds, so the budget bounds the sample count.
        const searchFn = (q: string) => search.search(q).hits.length;
        const sq = measureLatency(
          queries.map((q) => q.input),
          searchFn,
          { warmupPasses: 1, warmupBudgetMs: big ? 1500 : 2000, minSamples: 1000, budgetMs: big ? 8000 : 3000 },
        );
        rows.push(
          ...latencyRows(
            'search',
            scope,
            sq,
            queries.length,
            undefined,
            slowest(queries, sq, (q) => q),
          ),
        );
        ctx.log(`[${scope}] search p99 ${sq.p99.toFixed(1)} ms (${sq.samples} samples)`);
        if (size.count === 'real') rows.push(heapAfterNewWords(search, scope));
        search = undefined as unknown as KnowledgeSearch;
        entries = [];
        gc();
      }
      return rows;
    },
  };
}

const NEW_WORD_QUESTIONS = 10_000;

/**
 * Heap growth of a long-running bot: questions full of words never seen before (names, typos, other
 * topics) pass through the term, stem and correction memos; they must stay bounded, not grow with use.
 */
function heapAfterNewWords(search: KnowledgeSearch, scope: string): Row {
  let seed = 12345;
  const word = (length: number) => {
    let text = '';
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += String.fromCharCode(97 + (seed % 26));
    }
    return text;
  };
  gc();
  const before = heapUsedMB();
  for (let i = 0; i < NEW_WORD_QUESTIONS; i++) search.search(`how do I set up ${word(7)} with ${word(9)} on my ${word(6)} laptop after the ${word(8)} update?`);
  gc();
  return {
    metric: 'heap growth after questions with new words',
    scope,
    value: heapUsedMB() - before,
    unit: 'MB',
    note: `${fmt(NEW_WORD_QUESTIONS)} questions, 4 unseen words each (after GC); info: the memos of words are bounded`,
  };
}
