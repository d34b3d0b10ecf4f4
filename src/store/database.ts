import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type { Database };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Opens (creating if needed) the SQLite file, in WAL mode with foreign keys, fully migrated. */
export function openDatabase(path: string, migrations: Migration[] = MIGRATIONS): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the terminal, the CLI) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs the migrations not yet applied, each in its own transaction with its user_version bump. */
function migrate(db: Database, migrations: Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw newerSchema(current, migrations.length);
  for (let index = current; index < migrations.length; index++) {
    const migration = migrations[index]!;
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}

export const newerSchema = (current: number, known: number) => new MigrationError(`database schema version ${current} is newer than this build knows (${known}); refusing to run an older bot on it`);
