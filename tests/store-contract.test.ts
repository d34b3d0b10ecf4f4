import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError } from '../src/store/database.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { DatabaseUnavailableError } from '../src/store/postgres.ts';
import { openStore, type Store, type StoreSettings } from '../src/store/store.ts';
import type { Release } from '../src/shared/release.ts';
import { createTestDatabase, killConnections } from './support/postgres.ts';
import { RecentAnswers } from '../src/discord/recent-answers.ts';

/**
 * The store contract: every repository behaves the same on SQLite (a real file) and on Postgres
 * (a real server started for the test run, see tests/support/postgres-global-setup.ts).
 */
const T0 = new Date('2026-01-10T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const release = (version: string, kind: Release['kind'] = 'stable', eol = false): Release => ({
  version,
  moniker: kind === 'rc' ? 'mainline' : kind,
  kind,
  released: new Date('2026-01-09T00:00:00Z'),
  eol,
  links: { tarball: `https://cdn.kernel.org/linux-${version}.tar.xz` },
});

interface Backend {
  settings(): Promise<StoreSettings>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  let dir = '';
  return {
    async settings() {
      dir = mkdtempSync(join(tmpdir(), 'kernelbot-contract-'));
      return { DATABASE_PATH: join(dir, 'kernelbot.db') };
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): Backend {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  return {
    async settings() {
      db = await createTestDatabase();
      return { DATABASE_URL: db.url, DATABASE_PATH: 'unused.db' };
    },
    async cleanup() {
      await db?.drop();
    },
  };
}

describe.each([
  ['SQLite', sqliteBackend],
  ['Postgres', postgresBackend],
] as const)('store contract on %s', (dialect, makeBackend) => {
  let backend: Backend;
  let settings: StoreSettings;
  let store: Store;
  beforeEach(async () => {
    backend = makeBackend();
    settings = await backend.settings();
    store = await openStore(settings);
  });
  afterEach(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('reports its dialect and answers a ping', async () => {
    expect(store.dialect).toBe(dialect === 'SQLite' ? 'sqlite' : 'postgres');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('migrates once: a second open finds the schema current, and an older build refuses a newer schema', async () => {
    await store.meta.set('k', 'v');
    const extended = [...MIGRATIONS, { name: 'test table', up: 'CREATE TABLE later (id INTEGER PRIMARY KEY)' }];
    const again = await openStore(settings, { migrations: extended });
    expect(await again.meta.get('k')).toBe('v');
    await again.close();
    await expect(openStore(settings)).rejects.toThrow(MigrationError);
  });

  it('rolls a failing migration back completely', async () => {
    const broken = [...MIGRATIONS, { name: 'broken', up: 'CREATE TABLE half (id INTEGER); CREATE TABLE nope (' }];
    await expect(openStore(settings, { migrations: broken })).rejects.toThrow();
    const again = await openStore(settings, { migrations: [...MIGRATIONS, { name: 'half again', up: 'CREATE TABLE half (id INTEGER)' }] });
    await again.close();
  });

  it('meta: get, set (replacing), delete', async () => {
    expect(await store.meta.get('a')).toBeUndefined();
    await store.meta.set('a', '1');
    await store.meta.set('a', '2');
    expect(await store.meta.get('a')).toBe('2');
    await store.meta.set('b', '3');
    await store.meta.delete('a');
    expect(await store.meta.get('a')).toBeUndefined();
    expect(await store.meta.get('b')).toBe('3');
  });

  it('releases: upsert keeps first_seen, refreshes what may change, counts and keeps the EOL flag', async () => {
    await store.releases.upsert(release('6.17.10'), T0);
    await store.releases.upsert(release('6.17.11', 'stable', true), later(60_000));
    await store.releases.upsert({ ...release('6.17.10'), moniker: 'longterm', kind: 'longterm' }, later(120_000));
    expect(await store.releases.count()).toBe(2);
    expect(await store.releases.get('6.17.10')).toMatchObject({ kind: 'longterm', firstSeen: T0, links: { tarball: expect.stringContaining('6.17.10') } });
    expect(await store.releases.get('9.9')).toBeUndefined();
    expect((await store.releases.get('6.17.11'))?.eol).toBe(true);
    expect((await store.releases.all()).map((r) => r.version).sort()).toEqual(['6.17.10', '6.17.11']);
  });

  it('feed state: one row, fetched / not modified / failures', async () => {
    expect(await store.feedState.get()).toMatchObject({ url: null, consecutiveFailures: 0, snapshot: null });
    await store.feedState.recordFailure('timeout', T0);
    await store.feedState.recordFailure('timeout', later(1000));
    expect(await store.feedState.get()).toMatchObject({ consecutiveFailures: 2, lastError: 'timeout', lastFailureAt: later(1000) });
    await store.feedState.recordFetched({ url: 'https://x/feed', etag: '"e"', lastModified: null, releases: [release('6.18')], at: later(2000) });
    const state = await store.feedState.get();
    expect(state).toMatchObject({ url: 'https://x/feed', etag: '"e"', consecutiveFailures: 0, lastError: null, lastSuccessAt: later(2000) });
    expect(state.snapshot?.map((r) => r.version)).toEqual(['6.18']);
    await store.feedState.recordNotModified(later(3000));
    expect((await store.feedState.get()).lastSuccessAt).toEqual(later(3000));
  });

  it('subscriptions: upsert replaces and re-enables, keeps guild and creator, lists, adopts, disables, removes', async () => {
    await store.subscriptions.upsert({ channelId: 'c1', types: ['stable', 'mainline'], createdBy: 'env' }, T0);
    expect(await store.subscriptions.adoptGuild('c1', 'g1')).toBe(true);
    expect(await store.subscriptions.adoptGuild('c1', 'g2')).toBe(false);
    await store.subscriptions.upsert({ channelId: 'c2', guildId: 'g1', types: ['eol'], roleId: 'r1' }, T0);
    await store.subscriptions.disable('c1', '403 Missing Access', later(1000));
    expect(await store.subscriptions.get('c1')).toMatchObject({ enabled: false, disabledReason: '403 Missing Access', guildId: 'g1', types: ['mainline', 'stable'] });
    expect((await store.subscriptions.listEnabled()).map((s) => s.channelId)).toEqual(['c2']);
    const again = await store.subscriptions.upsert({ channelId: 'c1', types: ['rc'] }, later(2000));
    expect(again).toMatchObject({ enabled: true, disabledReason: null, guildId: 'g1', createdBy: 'env', types: ['rc'], createdAt: T0 });
    expect((await store.subscriptions.listByGuild('g1')).map((s) => s.channelId)).toEqual(['c1', 'c2']);
    expect(await store.subscriptions.remove('c2')).toBe(true);
    expect(await store.subscriptions.remove('c2')).toBe(false);
    expect((await store.subscriptions.all()).map((s) => s.channelId)).toEqual(['c1']);
  });

  it('subscriptions: the post language is stored, replaced by a new one, kept when none is given, English without one', async () => {
    await store.subscriptions.upsert({ channelId: 'env', types: ['stable'], createdBy: 'env' }, T0);
    expect(await store.subscriptions.get('env')).toMatchObject({ lang: 'en' });
    await store.subscriptions.upsert({ channelId: 'c1', guildId: 'g1', types: ['stable'], lang: 'de' }, T0);
    expect(await store.subscriptions.get('c1')).toMatchObject({ lang: 'de' });
    await store.subscriptions.disable('c1', '403 Missing Access', later(1));
    // ANNOUNCE_CHANNEL_ID re-applied at start names no language: the one chosen with /announce set stays.
    expect(await store.subscriptions.upsert({ channelId: 'c1', types: ['mainline'] }, later(2))).toMatchObject({ lang: 'de', enabled: true, types: ['mainline'] });
    expect(await store.subscriptions.upsert({ channelId: 'c1', types: ['mainline'], lang: 'en' }, later(3))).toMatchObject({ lang: 'en' });
    expect((await store.subscriptions.listByGuild('g1')).map((s) => s.lang)).toEqual(['en']);
  });

  it('deliveries: the language is fixed with the nonce; rows without one have none', async () => {
    await store.releases.upsert(release('6.18'), T0);
    await store.deliveries.enqueue({ channelId: '1', eventKey: 'release:6.18', version: '6.18' }, T0);
    const row = (await store.deliveries.get('1', 'release:6.18'))!;
    expect(row).toMatchObject({ nonce: null, lang: null });
    await store.deliveries.assignNonce([row.id], 'n1', 'de', later(1));
    expect(await store.deliveries.get('1', 'release:6.18')).toMatchObject({ nonce: 'n1', lang: 'de' });
    expect((await store.deliveries.claimPending('1', 'p1', later(2), later(60_000)))[0]).toMatchObject({ nonce: 'n1', lang: 'de' });
  });

  it('deliveries: one row per (channel, event), known releases only, intent and result', async () => {
    await store.releases.upsert(release('6.18'), T0);
    expect(await store.deliveries.enqueue({ channelId: '1', eventKey: 'release:6.18', version: '6.18' }, T0)).toBe(true);
    expect(await store.deliveries.enqueue({ channelId: '1', eventKey: 'release:6.18', version: '6.18' }, T0)).toBe(false);
    expect(await store.deliveries.enqueue({ channelId: '2', eventKey: 'release:6.18', version: '6.18' }, T0)).toBe(true);
    await expect(store.deliveries.enqueue({ channelId: '1', eventKey: 'release:9.9', version: '9.9' }, T0)).rejects.toThrow(/foreign key/i);
    expect(await store.deliveries.pendingCount()).toBe(2);
    const row = (await store.deliveries.get('1', 'release:6.18'))!;
    await store.deliveries.assignNonce([row.id], 'n1', 'en', later(1));
    await store.deliveries.recordAttempt([row.id], '500 oops', later(2));
    await store.deliveries.markSent([row.id], 'm1', later(3));
    expect(await store.deliveries.get('1', 'release:6.18')).toMatchObject({ status: 'sent', nonce: 'n1', attempts: 1, messageId: 'm1', error: null, sentAt: later(3) });
    expect(await store.deliveries.failPendingForChannel('2', 'gone', later(4))).toBe(1);
    expect((await store.deliveries.forChannel('2'))[0]).toMatchObject({ status: 'failed', error: 'gone' });
    expect(await store.deliveries.pendingChannels(later(5))).toEqual([]);
    expect((await store.deliveries.all()).map((d) => d.status)).toEqual(['sent', 'failed']);
  });

  it('deliveries: claims with a lease; renewal; release; a run-out claim is taken over', async () => {
    await store.releases.upsert(release('6.18'), T0);
    await store.releases.upsert(release('6.19'), T0);
    for (const key of ['release:6.18', 'release:6.19']) await store.deliveries.enqueue({ channelId: 'c', eventKey: key, version: key.slice(8) }, T0);
    const mine = await store.deliveries.claimPending('c', 'A', T0, later(60_000));
    expect(mine.map((d) => d.eventKey)).toEqual(['release:6.18', 'release:6.19']);
    const ids = mine.map((d) => d.id);
    expect(await store.deliveries.extendClaim(ids, 'A', later(90_000))).toBe(true);
    if (dialect === 'Postgres') {
      // Another live process sees nothing to do while A's claim lasts, and takes over after it.
      expect(await store.deliveries.pendingChannels(later(1000), 'B')).toEqual([]);
      expect(await store.deliveries.claimPending('c', 'B', later(1000), later(61_000))).toEqual([]);
      expect((await store.deliveries.claimPending('c', 'B', later(90_001), later(150_000))).map((d) => d.id)).toEqual(ids);
      expect(await store.deliveries.extendClaim(ids, 'A', later(200_000))).toBe(false);
      expect(await store.deliveries.releaseClaims('B', 'c')).toBe(2);
      expect((await store.deliveries.claimPending('c', 'A', later(90_002), later(150_000))).map((d) => d.id)).toEqual(ids);
    } else {
      // One process per SQLite file: a claim left in the file is from a process that ended.
      expect((await store.deliveries.claimPending('c', 'B', later(1000), later(61_000))).map((d) => d.id)).toEqual(ids);
    }
    await store.deliveries.markSent([ids[0]!], 'm', later(100_000));
    expect((await store.deliveries.get('c', 'release:6.18'))?.status).toBe('sent');
    expect(await store.deliveries.releaseClaims(dialect === 'Postgres' ? 'A' : 'B')).toBe(1);
  });

  it('Q&A: channels, the once-per-post claim, cool-downs, gaps and hits', async () => {
    await store.qa.addChannel({ channelId: 'f', guildId: 'g', kind: 'forum', addedBy: 'u' }, T0);
    await store.qa.addChannel({ channelId: 't', guildId: 'g', kind: 'text', addedBy: null }, later(1));
    expect(await store.qa.channel('f')).toEqual({ channelId: 'f', guildId: 'g', kind: 'forum' });
    expect((await store.qa.channelsOf('g')).map((c) => c.channelId)).toEqual(['f', 't']);
    expect(await store.qa.removeChannel('t')).toBe(true);
    expect(await store.qa.channel('t')).toBeUndefined();

    expect(await store.qa.claimPost({ threadId: 'p', channelId: 'f', authorId: 'u' }, T0)).toBe(true);
    expect(await store.qa.claimPost({ threadId: 'p', channelId: 'f', authorId: 'u' }, T0)).toBe(false);
    await store.qa.updatePost('p', { status: 'suggested', entryIds: ['kdbus'] }, later(1));
    await store.qa.updatePost('p', { status: 'solved' }, later(2));
    expect(await store.qa.post('p')).toEqual({ status: 'solved', entryIds: ['kdbus'], authorId: 'u' });
    expect(await store.qa.countPosts('solved')).toBe(1);

    expect(await store.qa.takeCooldown('t', 'kdbus', T0, later(1000))).toBe(true);
    expect(await store.qa.takeCooldown('t', 'kdbus', later(999), later(2000))).toBe(false);
    expect(await store.qa.takeCooldown('t', 'kdbus', later(1000), later(3000))).toBe(true);

    await store.qa.recordGap('steam', 'asked', T0);
    await store.qa.recordGap('steam', 'unhelpful', later(1));
    await store.qa.recordGap('wine', 'asked', later(2));
    expect(await store.qa.gaps(5)).toEqual([
      { question: 'steam', asked: 1, unhelpful: 1, lastAt: later(1) },
      { question: 'wine', asked: 1, unhelpful: 0, lastAt: later(2) },
    ]);
    await store.qa.recordHit('kdbus', T0);
    await store.qa.recordHit('kdbus', T0);
    await store.qa.recordHit('btrfs', T0);
    expect(await store.qa.hits(1)).toEqual([{ entryId: 'kdbus', hits: 2 }]);
  });

  it('leases: one holder until it runs out or is released; the holder renews', async () => {
    expect(await store.leases.acquire('feed', 'A', T0, later(30_000))).toBe(true);
    expect(await store.leases.acquire('feed', 'B', later(10_000), later(40_000))).toBe(false);
    expect(await store.leases.acquire('feed', 'A', later(20_000), later(50_000))).toBe(true);
    expect(await store.leases.get('feed')).toEqual({ holder: 'A', until: later(50_000) });
    expect(await store.leases.acquire('feed', 'B', later(50_000), later(80_000))).toBe(true);
    expect(await store.leases.release('feed', 'A')).toBe(false);
    expect(await store.leases.release('feed', 'B')).toBe(true);
    expect(await store.leases.acquire('feed', 'A', later(50_001), later(80_000))).toBe(true);
  });

  it('leases: counts the live ones under a prefix (the outbox heartbeats)', async () => {
    await store.leases.acquire('outbox:A', 'A', T0, later(3_000));
    await store.leases.acquire('outbox:B', 'B', later(1_000), later(4_000));
    await store.leases.acquire('feed', 'A', T0, later(10_000));
    expect(await store.leases.countLive('outbox:', later(2_000))).toBe(2);
    expect(await store.leases.countLive('outbox:', later(3_000))).toBe(1);
    expect(await store.leases.countLive('outbox:', later(4_000))).toBe(0);
  });

  it('answer slots: one taker per (channel, entry) until the slot runs out; a released slot is free', async () => {
    expect(await store.answerSlots.take('c', 'kdbus', T0, later(60_000), 'https://discord.com/channels/g/c/1')).toBe(true);
    expect(await store.answerSlots.take('c', 'kdbus', later(1), later(60_001), 'x')).toBe(false);
    expect(await store.answerSlots.find('c', 'kdbus', later(2))).toBe('https://discord.com/channels/g/c/1');
    await store.answerSlots.release('c', 'kdbus');
    expect(await store.answerSlots.find('c', 'kdbus', later(3))).toBeNull();
    expect(await store.answerSlots.take('c', 'kdbus', later(3), later(60_003), null)).toBe(true);
    expect(await store.answerSlots.take('c', 'kdbus', later(60_003), later(120_003), null)).toBe(true);
  });

  it('transactions: all or nothing, and nested calls join the outer one', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.meta.set('x', '1');
        await tx.transaction(async (inner) => inner.meta.set('y', '2'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.meta.get('x')).toBeUndefined();
    expect(await store.meta.get('y')).toBeUndefined();
    await store.transaction(async (tx) => tx.meta.set('x', '1'));
    expect(await store.meta.get('x')).toBe('1');
  });
});

describe('Postgres connection problems', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('a server that does not answer is a clear start-up error naming the database without its password', async () => {
    const url = new URL(db.url);
    url.port = '1';
    const error = await openStore({ DATABASE_URL: url.toString(), DATABASE_PATH: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/^database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres\?\S+ unavailable: /);
    expect((error as Error).message).not.toContain('kernelbot-test');
  });

  it('a connection killed by the server fails the query with a clear error, loses no committed data, and the next query reconnects', async () => {
    const errors: Error[] = [];
    const store = await openStore({ DATABASE_URL: db.url, DATABASE_PATH: 'x' }, { poolSize: 1, onConnectionError: (e) => void errors.push(e) });
    await store.meta.set('kept', 'yes');
    expect(await killConnections(db)).toBe(1);
    // The idle connection's death is reported, not thrown; the pool replaces the connection.
    let outcome: unknown;
    try {
      outcome = await store.meta.get('kept');
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(DatabaseUnavailableError);
      expect(outcome.message).toMatch(/unavailable/);
    } else {
      expect(outcome).toBe('yes');
    }
    expect(await store.meta.get('kept')).toBe('yes');
    await store.close();
  });
});

describe('the answer repeat window across processes (Postgres)', () => {
  it('lets one of two processes post an entry in a channel; the other gets the link to it', async () => {
    const db = await createTestDatabase();
    const [one, two] = await Promise.all([openStore({ DATABASE_URL: db.url, DATABASE_PATH: 'x' }), openStore({ DATABASE_URL: db.url, DATABASE_PATH: 'x' })]);
    let now = 0;
    const a = new RecentAnswers(60_000, () => now, one.answerSlots);
    const b = new RecentAnswers(60_000, () => now, two.answerSlots);
    const results = await Promise.all([a.claim('c', 'kdbus', 'https://discord.com/channels/g/c'), b.claim('c', 'kdbus', 'https://discord.com/channels/g/c')]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    await (results[0] === null ? a : b).record('c', 'kdbus', 'https://discord.com/channels/g/c/42');
    expect(await b.claim('c', 'kdbus', 'x')).toBe('https://discord.com/channels/g/c/42');
    now = 60_001;
    expect(await b.claim('c', 'kdbus', 'x')).toBeNull();
    await Promise.all([one.close(), two.close()]);
    await db.drop();
  });
});
