import { defineConfig } from 'vitest/config';
import { ProcessesFirst } from './tests/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Temp directories first: everything the run creates (the Postgres data dir too) is removed at the end.
    // No test process reaches the real kernel.org (offline.ts). build/ is brought up to date as `npm start` does.
    // One real Postgres server for the whole run (the store contract and multi-process tests) starts in
    // the background first; the tests that use it wait until it is up, the others do not. Meanwhile the
    // real knowledge base is indexed once for the run (or read from build/'s fitting snapshot), not per file.
    globalSetup: ['tests/support/temp-root.ts', 'tests/support/offline.ts', 'tests/support/postgres-global-setup.ts', 'tests/support/build-global-setup.ts', 'tests/support/knowledge-global-setup.ts'],
    testTimeout: 20_000,
    // Hooks start fake Discords, bots and servers: on a loaded machine that can take long (no test waits on a timer).
    hookTimeout: 60_000,
    // Three workers that keep their modules between files: discord.js, the search code and the shared
    // knowledge base load once per worker instead of once per file. Three on two cores, because the
    // files that start real processes mostly wait (start-ups, leases, rate limits): measured 40-42 s
    // against 43-45 s with two. No test changes process-wide state (environment, working directory,
    // signal handlers); spawned smoke tests run real processes. A test that asserts nothing fails.
    expect: { requireAssertions: true },
    pool: 'threads',
    sequence: { sequencer: ProcessesFirst },
    isolate: false,
    maxWorkers: 3,
    // Transformed sources are kept on disk between runs (node_modules/.experimental-vitest-cache,
    // keyed by content): a run transforms only what changed.
    experimental: { fsModuleCache: true },
  },
});
