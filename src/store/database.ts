import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type { Database };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The SQLite file at DATABASE_PATH cannot be used; the message names the setting, the file and what to check. */
export class DatabaseFileError extends Error {
  override name = 'DatabaseFileError';
}

/** What went wrong opening `path`, in one line an admin can act on (better-sqlite3 says only "unable to open database file"). */
export function databaseFileError(path: string, error: unknown): DatabaseFileError {
  const code = (error as { code?: string }).code ?? '';
  const problem =
    code === 'SQLITE_NOTADB'
      ? 'is not a SQLite database'
      : code.startsWith('SQLITE_READONLY')
        ? 'is read-only for this user'
        : code === 'SQLITE_CANTOPEN'
          ? 'cannot be opened or created: may this user write to it and to its directory?'
          : code === 'EEXIST' || code === 'ENOTDIR'
            ? `cannot be created: something on the way to ${dirname(path)} is a file, not a directory`
            : code === 'EACCES' || code === 'EPERM'
              ? `cannot be created: this user may not create ${dirname(path)}`
              : `cannot be used: ${(error as Error).message}`;
  return new DatabaseFileError(`DATABASE_PATH ${path} ${problem}`, { cause: error });
}

/** Opens (creating if needed) the SQLite file, in WAL mode with foreign keys, fully migrated. */
export function openDatabase(path: string, migrations: Migration[] = MIGRATIONS): Database {
  let db: Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (the terminal, the CLI) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof MigrationError ? error : databaseFileError(path, error);
  }
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
