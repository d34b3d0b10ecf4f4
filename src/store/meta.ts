import { sql, first, type Executor } from './sql.ts';

/** Generic key/value settings shared by every feature (namespace keys: "releases.baseline_at"). */
export class MetaRepo {
  constructor(private readonly db: Executor) {}

  async get(key: string): Promise<string | undefined> {
    return (await first(this.db, sql<{ value: string }>`SELECT value FROM meta WHERE key = ${key}`))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await sql`INSERT INTO meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(this.db);
  }

  async delete(key: string): Promise<void> {
    await sql`DELETE FROM meta WHERE key = ${key}`.execute(this.db);
  }
}
