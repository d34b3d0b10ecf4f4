import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Nearest-rank percentile of already collected samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function now(): number {
  return performance.now();
}

let gcFn: (() => void) | undefined;

/** A full GC, also without --expose-gc (the flag is switched on at run time, the function taken from a fresh context). */
export function gc(): void {
  if (!gcFn) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) gcFn = existing;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

export function heapUsedMB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** The slowest measured calls: index into the inputs and time. */
  slowest: { index: number; ms: number }[];
  /** p99 over each input's median: the inputs' own cost, robust to scheduler and GC noise. */
  p99OfMedians: number;
  /** How many distinct inputs were measured at least once. */
  covered: number;
}

/**
 * Latency of `fn` over the inputs, in order, cycling: warm-up (JIT, caches) for `warmupPasses` passes
 * or `warmupBudgetMs`, whichever ends first, then measured calls until `minSamples` calls or
 * `budgetMs`, whichever ends first, but never fewer than one call per input or `budgetMs` spent.
 */
export function measureLatency<T>(inputs: readonly T[], fn: (input: T) => unknown, options: { warmupPasses?: number; warmupBudgetMs?: number; minSamples?: number; budgetMs?: number } = {}): Latency {
  const { warmupPasses = 2, warmupBudgetMs = 3000, minSamples = 2000, budgetMs = 4000 } = options;
  let sink = 0;
  const warmStart = now();
  for (let i = 0; i < warmupPasses * inputs.length && now() - warmStart < warmupBudgetMs; i++) if (fn(inputs[i % inputs.length]!)) sink++;
  const samples: number[] = [];
  const worst = new Map<number, number>();
  const perInput = new Map<number, number[]>();
  const started = now();
  for (let i = 0; ; i++) {
    const elapsed = now() - started;
    if (elapsed >= budgetMs) break;
    if (samples.length >= minSamples && samples.length >= inputs.length) break;
    const index = i % inputs.length;
    const t0 = now();
    const out = fn(inputs[index]!);
    const ms = now() - t0;
    samples.push(ms);
    if (ms > (worst.get(index) ?? -1)) worst.set(index, ms);
    const list = perInput.get(index);
    if (list) list.push(ms);
    else perInput.set(index, [ms]);
    if (out) sink++;
  }
  if (sink < 0) console.error(sink); // keeps results observable for the optimiser
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.reduce((a, b) => Math.max(a, b), 0),
    samples: samples.length,
    slowest: [...worst]
      .map(([index, ms]) => ({ index, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3),
    p99OfMedians: percentile([...perInput.values()].map(median), 99),
    covered: perInput.size,
  };
}

/** Deterministic Fisher–Yates shuffle: a budget-truncated run then still samples every kind of input. */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const rng = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
