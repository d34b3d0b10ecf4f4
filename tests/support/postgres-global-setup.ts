import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the one Postgres server of this test run; tests make their own databases on it. */
    postgresUrl: string;
  }
}

/** The server being started; postgres-ready.ts (a later global setup) waits for it. */
export let startingPostgres: Promise<PostgresServer | null> = Promise.resolve(null);

/**
 * One Postgres for the whole run (TEST_POSTGRES_URL uses an existing server instead). Starting it
 * mostly waits on initdb and the server process, so the global setups after this one (building the
 * knowledge snapshot) run meanwhile; postgres-ready.ts provides the URL once it accepts connections.
 */
export default function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.TEST_POSTGRES_URL);
    return;
  }
  startingPostgres = startPostgres();
  startingPostgres.catch(() => {}); // reported by postgres-ready.ts
  return async () => {
    const server = await startingPostgres.catch(() => null);
    await server?.stop();
  };
}
