import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One real Postgres server for the whole run (the store contract and multi-process tests).
    globalSetup: ['tests/support/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end suites start child processes and loopback servers; two cores are enough.
    maxWorkers: 2,
  },
});
