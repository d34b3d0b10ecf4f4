import pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { MigrationError, newerSchema } from './database.ts';
import { sql, type Executor, type QueryResult, type Sql } from './sql.ts';

/** Any number; the same for every process of the bot, so only one of them migrates at a time. */
const MIGRATION_LOCK = 0x6b62_6f74; // "kbot"

/** Connection failures, said plainly: the work that needed the database stays queued and is retried. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** True for an error that means the database could not be reached (rather than a bad query). */
function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e instanceof DatabaseUnavailableError) return true;
  return (e.code !== undefined && CONNECTION_CODES.has(e.code)) || /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message ?? '');
}

/** The URL without its password, for messages and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A pool whose idle-connection errors are reported, never thrown (unhandled, they would end the process). */
function createPool(url: string, options: { max?: number; onIdleError?: (error: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

function unavailable(error: unknown, where: string): DatabaseUnavailableError {
  if (error instanceof DatabaseUnavailableError) return error;
  return new DatabaseUnavailableError(`database ${where} unavailable: ${(error as Error).message}`, { cause: error });
}

/** Postgres behind the async executor: statements on the pool, a transaction on one client. */
export class PostgresExecutor implements Executor {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  query<Row>(statement: Sql<Row>): Promise<QueryResult<Row>> {
    return this.run(this.pool, statement);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailable(error, this.where);
    }
    const inside: Executor = { dialect: 'postgres', query: (statement) => this.run(client, statement), transaction: (inner) => inner(inside) };
    let broken: Error | undefined;
    try {
      await this.run(client, sql`BEGIN`);
      const result = await fn(inside);
      await this.run(client, sql`COMMIT`);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback instanceof Error ? rollback : new Error(String(rollback))));
      throw error;
    } finally {
      // A client whose connection broke is discarded, not returned to the pool.
      client.release(broken);
    }
  }

  private async run<Row>(on: pg.Pool | pg.PoolClient, statement: Sql<Row>): Promise<QueryResult<Row>> {
    const { text, params } = statement.compile('postgres');
    try {
      const result = await on.query(text, params);
      return { rows: result.rows as Row[], changes: result.rowCount ?? 0 };
    } catch (error) {
      throw isConnectionError(error) ? unavailable(error, this.where) : error;
    }
  }
}

/**
 * Brings the Postgres schema up to date, every migration in its own transaction, under an advisory
 * lock so processes that start together migrate once.
 */
async function migratePostgres(pool: pg.Pool, where: string, migrations: Migration[] = MIGRATIONS): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw unavailable(error, where);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    await client.query('INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)');
    const current = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]!.version;
    if (current > migrations.length) throw newerSchema(current, migrations.length);
    for (let index = current; index < migrations.length; index++) {
      const migration = migrations[index]!;
      const text = migration.postgres ?? migration.up;
      if (typeof text !== 'string') throw new MigrationError(`migration ${index + 1} (${migration.name}) has no Postgres version`);
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('UPDATE schema_version SET version = $1', [index + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`migration ${index + 1} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Connects, migrates and returns the executor for DATABASE_URL; loaded only when Postgres is configured. */
export async function openPostgres(
  url: string,
  options: { migrations?: Migration[]; poolSize?: number; onConnectionError?: (error: Error) => void },
): Promise<{ executor: PostgresExecutor; location: string; close(): Promise<void> }> {
  const where = redactUrl(url);
  const pool = createPool(url, { max: options.poolSize, onIdleError: options.onConnectionError });
  try {
    await migratePostgres(pool, where, options.migrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { executor: new PostgresExecutor(pool, where), location: where, close: () => pool.end() };
}
