import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { databaseFileError } from './database.ts';

export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

/**
 * One bot process per SQLite file: an exclusive lock on a small side file (`<path>.lock`) is held
 * for the life of the process. The operating system drops it when the process ends in any way,
 * so a crash never leaves a stale lock. The terminal and the CLI do not take it (they only read).
 */
export function lockSqliteFile(path: string): { release(): void } {
  if (path === ':memory:') return { release: () => undefined };
  let lock: Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    lock = new BetterSqlite3(`${path}.lock`, { timeout: 0 });
  } catch (error) {
    throw databaseFileError(path, error);
  }
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
    lock.prepare('DELETE FROM holder').run();
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    lock.exec('COMMIT');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new StoreLockedError(`another kernelbot process is already running on ${path}; stop it first (one process per SQLite file — several processes need Postgres, see DATABASE_URL)`);
    }
    throw databaseFileError(path, error);
  }
  return { release: () => lock.close() };
}
