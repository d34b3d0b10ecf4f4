import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, openDatabase } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import { lockSqliteFile, StoreLockedError } from '../../src/store/sqlite-lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kernelbot-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the parent directory and runs every migration once, in WAL mode with foreign keys', async () => {
    const path = join(dir, 'nested', 'data', 'kernelbot.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = createStore(db);
    await store.meta.set('k', 'v');
    await store.close();

    const again = createStore(openDatabase(path));
    expect(await again.meta.get('k')).toBe('v');
    await again.close();
  });

  it('applies migrations appended later, and refuses a database newer than the code', async () => {
    const path = join(dir, 'k.db');
    openDatabase(path).close();
    const extended = [...MIGRATIONS, { name: 'test table', up: 'CREATE TABLE later (id INTEGER PRIMARY KEY)' }];
    const db = openDatabase(path, extended);
    expect(db.pragma('user_version', { simple: true })).toBe(extended.length);
    db.close();
    expect(() => openDatabase(path)).toThrow(MigrationError);
  });

  it('rolls a failing migration back completely', async () => {
    const path = join(dir, 'k.db');
    const broken = [...MIGRATIONS, { name: 'broken', up: 'CREATE TABLE half (id INTEGER); CREATE TABLE nope (' }];
    expect(() => openDatabase(path, broken)).toThrow();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get()).toBeUndefined();
    db.close();
  });

  it('keeps one delivery row per (channel, event)', async () => {
    const store = createStore(openDatabase(join(dir, 'k.db')));
    const now = new Date();
    await store.releases.upsert({ version: '6.18', moniker: 'mainline', kind: 'mainline', released: now, eol: false, links: {} }, now);
    expect(await store.deliveries.enqueue({ channelId: '1', eventKey: 'release:6.18', version: '6.18' }, now)).toBe(true);
    expect(await store.deliveries.enqueue({ channelId: '1', eventKey: 'release:6.18', version: '6.18' }, now)).toBe(false);
    expect(await store.deliveries.enqueue({ channelId: '2', eventKey: 'release:6.18', version: '6.18' }, now)).toBe(true);
    await expect(store.deliveries.enqueue({ channelId: '1', eventKey: 'release:9.9', version: '9.9' }, now)).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });
});

describe('lockSqliteFile', () => {
  it('lets one bot process use a SQLite file at a time, with a clear message for the second', () => {
    const path = join(dir, 'k.db');
    const first = lockSqliteFile(path);
    expect(() => lockSqliteFile(path)).toThrow(StoreLockedError);
    expect(() => lockSqliteFile(path)).toThrow(/another kernelbot process is already running on .*k\.db.*Postgres/);
    first.release();
    lockSqliteFile(path).release();
  });
});
