import type { Database } from 'better-sqlite3';
import type { Executor, QueryResult, Sql } from './sql.ts';

/**
 * better-sqlite3 behind the async executor. Its calls are synchronous, so the only thing to guard
 * is an open transaction whose callback awaits: other statements wait until it has finished.
 */
export class SqliteExecutor implements Executor {
  readonly dialect = 'sqlite' as const;
  private active: Promise<void> | null = null;

  constructor(readonly database: Database) {}

  async query<Row>(statement: Sql<Row>): Promise<QueryResult<Row>> {
    while (this.active) await this.active;
    return run(this.database, statement);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    while (this.active) await this.active;
    let done!: () => void;
    this.active = new Promise((resolve) => (done = resolve));
    const db = this.database;
    const inside: Executor = {
      dialect: 'sqlite',
      query: async (statement) => run(db, statement),
      transaction: (inner) => inner(inside),
    };
    try {
      db.exec('BEGIN IMMEDIATE');
      const result = await fn(inside);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      this.active = null;
      done();
    }
  }
}

function run<Row>(db: Database, statement: Sql<Row>): QueryResult<Row> {
  const { text, params } = statement.compile('sqlite');
  const prepared = db.prepare(text);
  if (prepared.reader) return { rows: prepared.all(...params) as Row[], changes: 0 };
  return { rows: [], changes: prepared.run(...params).changes };
}
