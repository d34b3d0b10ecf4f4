import { MaintainersIndex } from '../../src/kernel/maintainers/index.ts';
import { parseMaintainers } from '../../src/kernel/maintainers/parse.ts';
import { gc, heapUsedMB, measureLatency, now, seededRandom } from '../stats.ts';
import type { BenchContext, Row, Section } from '../types.ts';
import { fullSizeMaintainers } from '../maintainers-file.ts';

export function kernelSection(): Section {
  return {
    id: 'kernel',
    title: 'kernel lookups: /maintainers over a full-size MAINTAINERS',
    async run(ctx: BenchContext): Promise<Row[]> {
      const text = fullSizeMaintainers();
      const sizeKB = Math.round(Buffer.byteLength(text) / 1024);
      ctx.log(`MAINTAINERS: ${sizeKB} kB`);

      const parseRuns: number[] = [];
      for (let i = 0; i < (ctx.quick ? 3 : 7); i++) {
        const t0 = now();
        MaintainersIndex.fromText(text);
        parseRuns.push(now() - t0);
      }
      parseRuns.sort((a, b) => a - b);

      gc();
      const before = heapUsedMB();
      let index: MaintainersIndex | null = MaintainersIndex.fromText(text);
      gc();
      const memory = heapUsedMB() - before;

      // Paths a member would ask about: files under every F: directory, plus names.
      const random = seededRandom(14);
      const files = parseMaintainers(text).flatMap((s) =>
        s
          .values('files')
          .filter((f) => f.endsWith('/'))
          .map((f) => `${f}file${Math.floor(random() * 100)}.c`),
      );
      const names = ['btrfs', 'i915', 'drm', 'btfrs', 'io_uring', 'ext4', 'kasan', 'iommu'];
      const pathLatency = measureLatency(files, (path) => index!.lookup(path), { minSamples: ctx.quick ? 2_000 : 20_000, budgetMs: ctx.quick ? 1_000 : 8_000 });
      const nameLatency = measureLatency(names, (name) => index!.lookup(name), { minSamples: ctx.quick ? 500 : 2_000, budgetMs: ctx.quick ? 1_000 : 6_000 });
      const sections = index.sections.length;
      index = null;
      const scope = `${sections.toLocaleString('en-US')} sections, ${sizeKB} kB`;
      return [
        {
          metric: '/maintainers path lookup p99',
          scope,
          value: round(pathLatency.p99),
          unit: 'ms',
          target: { op: '<=', limit: 2 },
          note: `${pathLatency.samples} lookups over ${files.length} paths; p50 ${round(pathLatency.p50)} ms, p99 of per-path medians ${round(pathLatency.p99OfMedians)} ms`,
        },
        {
          metric: '/maintainers name lookup p99',
          scope,
          value: round(nameLatency.p99),
          unit: 'ms',
          target: { op: '<=', limit: 2 },
          note: `typo-tolerant title search; p50 ${round(nameLatency.p50)} ms, p99 of per-name medians ${round(nameLatency.p99OfMedians)} ms`,
        },
        {
          metric: 'MAINTAINERS parse + index',
          scope,
          value: round(parseRuns[Math.floor(parseRuns.length / 2)]!),
          unit: 'ms',
          note: `median of ${parseRuns.length}; done once per refresh (start, daily)`,
        },
        { metric: 'MAINTAINERS memory added', scope, value: round(memory), unit: 'MB', note: 'heap after a full GC, parsed sections, matcher trie and title index' },
      ];
    },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
