/**
 * A small SQL layer the repositories share across SQLite and Postgres: one tagged template whose
 * values become bound parameters (`?` for SQLite, `$n` for Postgres), and an executor per dialect.
 * Kept in-house so the default SQLite start loads nothing but better-sqlite3.
 */
export type Dialect = 'sqlite' | 'postgres';

/** A statement with its values kept apart from the text; nested Sql fragments are spliced in. */
export class Sql<Row = unknown> {
  declare readonly _row?: Row;
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  compile(dialect: Dialect): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    const build = (query: Sql): string => {
      let text = query.strings[0]!;
      query.values.forEach((value, index) => {
        if (value instanceof Sql) text += build(value);
        else {
          params.push(value === undefined ? null : value);
          text += dialect === 'postgres' ? `$${params.length}` : '?';
        }
        text += query.strings[index + 1]!;
      });
      return text;
    };
    return { text: build(this), params };
  }

  /** Runs the statement; for symmetry with the helpers below. */
  async execute(db: Executor): Promise<QueryResult<Row>> {
    return db.query(this);
  }
}

export function sql<Row = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Sql<Row> {
  return new Sql<Row>(strings, values);
}

/** A comma-separated list of bound values, e.g. for `IN (…)`. */
sql.join = (values: readonly unknown[]): Sql => new Sql(['', ...values.slice(1).map(() => ', '), ''], values);

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows an INSERT, UPDATE or DELETE touched. */
  changes: number;
}

/** A connection or an open transaction; repositories run their SQL on whichever they were given. */
export interface Executor {
  readonly dialect: Dialect;
  query<Row>(statement: Sql<Row>): Promise<QueryResult<Row>>;
  /** Runs fn in one transaction (inside a transaction: in that one). */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

/** Every row of a query. */
export async function rows<T>(db: Executor, query: Sql<T>): Promise<T[]> {
  return (await db.query(query)).rows;
}

/** The first row of a query, if any. */
export async function first<T>(db: Executor, query: Sql<T>): Promise<T | undefined> {
  return (await db.query(query)).rows[0];
}

/** How many rows an INSERT, UPDATE or DELETE touched. */
export async function changes(db: Executor, query: Sql): Promise<number> {
  return (await db.query(query)).changes;
}

/** Postgres returns count(*) as a string (bigint); SQLite as a number. */
export const toNumber = (value: number | string | bigint): number => Number(value);
