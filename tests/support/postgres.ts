import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** Connects into a schema of its own (search_path) with its name as application_name. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

let ready: Promise<void> | undefined;

/** Resolves once the run's Postgres accepts connections: the global setup starts it while the first test files run. */
function postgresReady(): Promise<void> {
  ready ??= (async () => {
    const file = inject('postgresReadyFile');
    if (!file) return;
    const deadline = Date.now() + 120_000;
    // The ready file is the signal; it is checked every 50 ms until it appears.
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error('the test Postgres did not start within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const state = readFileSync(file, 'utf8');
    if (state !== 'ready') throw new Error(`the test Postgres ${state}`);
  })();
  return ready;
}

let adminClient: Promise<pg.Client> | undefined;

/**
 * One admin connection per worker, opened on first use and kept: every new server connection costs
 * Postgres a forked backend (tens of ms of CPU on this VM), and the tests make schemas by the dozen.
 * A connection that breaks is replaced on the next use.
 */
function adminConnection(): Promise<pg.Client> {
  adminClient ??= (async () => {
    await postgresReady();
    const client = new pg.Client({ connectionString: inject('postgresUrl'), application_name: 'kernelbot-tests-admin' });
    client.on('error', () => (adminClient = undefined));
    client.on('end', () => (adminClient = undefined));
    await client.connect();
    return client;
  })().catch((error: unknown) => {
    adminClient = undefined;
    throw error;
  });
  return adminClient;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  return run(await adminConnection());
}

/**
 * A fresh, empty schema on the run's Postgres server: cheaper than a database per test, and just as
 * separate for the bot, whose tables all resolve through the search_path.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const schema = `kb_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(inject('postgresUrl'));
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return {
    url: url.toString(),
    schema,
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }),
  };
}

/** Ends every server connection of the test database, as a server restart or network cut would. */
export function killConnections(db: TestDatabase): Promise<number> {
  return admin(async (c) => (await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [db.schema])).rowCount ?? 0);
}
