import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreSettings } from '../../src/store/store.ts';
import { createTestDatabase } from '../support/postgres.ts';

/** The kernel lookups' tables behave the same on SQLite (a real file) and Postgres (a real server). */
const backends = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-kernel-store-'));
    return { settings: { DATABASE_PATH: join(dir, 'kernelbot.db') } as StoreSettings, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  Postgres: async () => {
    const db = await createTestDatabase();
    return { settings: { DATABASE_URL: db.url, DATABASE_PATH: 'unused.db' } as StoreSettings, cleanup: () => db.drop() };
  },
};

describe.each(Object.entries(backends))('kernel tables on %s', (_name, makeBackend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    store = await openStore(backend.settings);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('keeps one MAINTAINERS file with its validators and the last check', async () => {
    expect(await store.maintainers.load()).toBeNull();
    const fetchedAt = new Date('2026-12-01T06:00:00Z');
    await store.maintainers.save({ url: 'https://example.org/MAINTAINERS', text: 'THE REST\nF:\t*\n', etag: '"e1"', lastModified: null, fetchedAt });
    await store.maintainers.noteCheck(new Date('2026-12-02T06:00:00Z'), 'HTTP 500');
    await store.maintainers.save({ url: 'https://example.org/MAINTAINERS', text: 'second', etag: '"e2"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT', fetchedAt });
    expect(await store.maintainers.load()).toEqual({ url: 'https://example.org/MAINTAINERS', text: 'second', etag: '"e2"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT', fetchedAt });
  });

  it('caches references, hits and misses', async () => {
    const at = new Date('2026-12-02T06:00:00Z');
    const view = { kind: 'commit' as const, id: 'a'.repeat(40), subject: 's', author: 'a', date: 'd', tags: [], url: 'u' };
    await store.kernelRefs.put('commit:aaaaaaaaaaaa', { found: true, view, fetchedAt: at });
    await store.kernelRefs.put('commit:bbbbbbbbbbbb', { found: false, view: null, fetchedAt: at });
    expect(await store.kernelRefs.get('commit:aaaaaaaaaaaa')).toEqual({ found: true, view, fetchedAt: at });
    expect(await store.kernelRefs.get('commit:bbbbbbbbbbbb')).toEqual({ found: false, view: null, fetchedAt: at });
    expect(await store.kernelRefs.get('commit:cccccccccccc')).toBeNull();
  });

  it('enables reference replies per channel, idempotently', async () => {
    await store.refChannels.enable({ channelId: '10', guildId: '1' }, 'mod');
    await store.refChannels.enable({ channelId: '10', guildId: '1' }, 'mod');
    await store.refChannels.enable({ channelId: '11', guildId: '1' }, null);
    expect(await store.refChannels.isEnabled('10')).toBe(true);
    expect(await store.refChannels.channelsOf('1')).toEqual(['10', '11']);
    expect(await store.refChannels.disable('10')).toBe(true);
    expect(await store.refChannels.disable('10')).toBe(false);
    expect(await store.refChannels.isEnabled('10')).toBe(false);
  });
});
