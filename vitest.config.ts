import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Temp directories first: everything the run creates (the Postgres data dir too) is removed at the end.
    // One real Postgres server for the whole run (the store contract and multi-process tests).
    globalSetup: ['tests/support/temp-root.ts', 'tests/support/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end suites start child processes and loopback servers; two cores are enough.
    maxWorkers: 2,
  },
});
