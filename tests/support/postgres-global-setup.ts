import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, postgresUrl, startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the one Postgres server of this test run; tests make their own schemas on it. */
    postgresUrl: string;
    /** Written once the server accepts connections ("ready") or could not start ("failed: …"); null when it is up already. */
    postgresReadyFile: string | null;
  }
}

/**
 * One Postgres for the whole run (TEST_POSTGRES_URL uses an existing server instead). Starting it
 * takes a few seconds, mostly initdb: the run does not wait for it. Its port is chosen now and its
 * URL handed out at once; the tests that use Postgres wait for the ready file (tests/support/postgres.ts)
 * while the others already run.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.TEST_POSTGRES_URL);
    project.provide('postgresReadyFile', null);
    return;
  }
  // TMPDIR is the run's own directory by now (temp-root.ts runs first).
  const readyFile = join(tmpdir(), 'postgres-ready');
  const port = await freePort();
  const starting = startPostgres(port);
  project.provide('postgresUrl', postgresUrl(port));
  project.provide('postgresReadyFile', readyFile);
  starting.then(
    () => writeFileSync(readyFile, 'ready'),
    (error: unknown) => writeFileSync(readyFile, `failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  return async () => {
    const server = await starting.catch(() => null);
    await server?.stop();
  };
}
