import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentReleases } from '../../src/releases/current.ts';
import { openDatabase } from '../../src/store/database.ts';
import type { FeedResponse } from '../support/feed-server.ts';
import { createHarness } from './harness.ts';
import { EMPTY_FEED, FEED_2025_12_01, FEED_TWO_MAINLINE, HTML_ERROR_PAGE, markEol, setMoniker, truncated } from './feed-states.ts';

const A = '100000000000000001'; // everything but linux-next (the defaults)
const B = '100000000000000002'; // mainline, rc and EOL, with a role
const C = '100000000000000003'; // linux-next only
const ROLE = '200000000000000009';

let h: Awaited<ReturnType<typeof createHarness>>;
beforeEach(async () => {
  h = await createHarness('2025-12-01T13:00:00Z');
  const { store, close } = h.boot();
  await store.subscriptions.upsert({ channelId: A, guildId: 'g1', types: ['mainline', 'rc', 'stable', 'longterm', 'eol'] }, h.clock.now());
  await store.subscriptions.upsert({ channelId: B, guildId: 'g2', types: ['mainline', 'rc', 'eol'], roleId: ROLE }, h.clock.now());
  await store.subscriptions.upsert({ channelId: C, guildId: 'g3', types: ['linux-next'] }, h.clock.now());
  await close();
});
afterEach(() => h.cleanup());

/** Polls once in a fresh "process", then again in another one: the second must post nothing. */
async function step(response: FeedResponse | null) {
  if (response) h.server.set(response);
  const first = h.boot();
  const report = await first.watcher.pollOnce();
  await first.close();
  const postsAfterStep = h.sender.posts.length;
  const again = h.boot();
  await again.watcher.pollOnce();
  await again.close();
  expect(h.sender.posts.length, 'a restarted bot posted again').toBe(postsAfterStep);
  return report;
}

const feed = (body: string, etag: string): FeedResponse => ({ kind: 'feed', body, etag });

describe('ReleaseWatcher against a loopback kernel.org and a real database file', () => {
  it('walks a realistic sequence of feed states, posting each release once and nothing twice', async () => {
    // 1. First run: the current feed is the baseline, nothing is posted (6.17.10 is a day old, still not posted).
    expect((await step(feed(FEED_2025_12_01(), '"v1"'))).feed).toEqual({ status: 'baseline', releases: 9 });
    expect(h.sender.posts).toEqual([]);

    // 2. Unchanged: a conditional request answered with 304.
    h.clock.advance(15 * 60_000);
    expect((await step(null)).feed).toEqual({ status: 'not-modified' });
    expect(h.server.requests.at(-1)).toMatchObject({ status: 304, headers: { 'if-none-match': '"v1"' } });

    // 3. kernel.org has a bad day: every failure is logged, state is kept, nothing is posted.
    const failures: [FeedResponse, string][] = [
      [{ kind: 'status', status: 500, body: 'Internal Server Error' }, 'http-status'],
      [{ kind: 'status', status: 200, body: HTML_ERROR_PAGE, contentType: 'text/html' }, 'not-a-feed'],
      [{ kind: 'status', status: 200, body: truncated(FEED_TWO_MAINLINE()) }, 'invalid-xml'],
      [{ kind: 'status', status: 200, body: EMPTY_FEED }, 'empty'],
      [{ kind: 'oversized', bytes: 1_000_000 }, 'too-large'],
      [{ kind: 'hang' }, 'timeout'],
    ];
    for (const [response, reason] of failures) {
      h.clock.advance(24 * 60 * 60_000);
      expect((await step(response)).feed).toMatchObject({ status: 'error', reason });
    }
    expect(h.sender.posts).toEqual([]);
    const { store, close } = h.boot();
    expect(await store.feedState.get()).toMatchObject({ consecutiveFailures: 12, etag: '"v1"' }); // each step polls twice
    expect(await store.releases.get('6.17.10')).toBeDefined();
    await close();
    expect(h.log.warnings().some((r) => /feed fetch failed/.test(r.msg))).toBe(true);

    // 4. Merge window: two mainline items (6.19-rc1 and 6.18). Only new versions post; 6.18 is not repeated.
    h.clock.set('2025-12-15T08:00:00Z');
    const update = await step(feed(FEED_TWO_MAINLINE(), '"v2"'));
    expect(update.feed).toMatchObject({ status: 'updated' });
    expect(h.sender.titles(A)).toEqual([['Linux 6.17.12', 'Linux 6.19-rc1']]); // one digest, oldest first
    expect(h.sender.titles(B)).toEqual([['Linux 6.19-rc1']]);
    expect(h.sender.titles(C)).toEqual([['linux-next next-20251215']]);
    const toB = h.sender.postsTo(B)[0]!.body;
    expect(toB.content).toMatch(new RegExp(`^<@&${ROLE}>`));
    expect(toB.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(h.sender.postsTo(A)[0]!.body.allowed_mentions).toEqual({ parse: [] });

    // 5. Served again in full (no validators): still nothing new.
    await step({ kind: 'feed', body: FEED_TWO_MAINLINE() });
    expect(h.sender.posts).toHaveLength(3);

    // 6. 6.17 reaches end of life: its own event, once.
    const eolFeed = markEol(FEED_TWO_MAINLINE(), '6.17.12');
    h.clock.advance(60 * 60_000);
    await step(feed(eolFeed, '"v3"'));
    expect(h.sender.titles(A).at(-1)).toEqual(['Linux 6.17 has reached end of life']);
    expect(h.sender.titles(B).at(-1)).toEqual(['Linux 6.17 has reached end of life']);
    expect(h.sender.postsTo(C)).toHaveLength(1);
    await step({ kind: 'feed', body: eolFeed });
    expect(h.sender.posts).toHaveLength(5);

    // 7. A series moving from stable to longterm is not a release.
    await step(feed(setMoniker(eolFeed, '6.17.12', 'stable', 'longterm'), '"v4"'));
    expect(h.sender.posts).toHaveLength(5);
    const after = h.boot();
    expect(await after.store.releases.get('6.17.12')).toMatchObject({ moniker: 'longterm', kind: 'longterm', eol: true });

    // 8. /kernel reads the last good snapshot, with its age, without a network call.
    h.clock.advance(10 * 60_000);
    const current = (await currentReleases(after.store, h.clock))!;
    expect(current.releases.map((r) => r.version)).toContain('6.19-rc1');
    expect(current.ageMs).toBe(10 * 60_000);
    await after.close();

    // Across everything, each (channel, event) went out exactly once.
    const keys = h.sender.posts.map((p) => `${p.channelId} ${p.body.embeds!.map((e) => e.title).join('+')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('does not announce a new version tagged longer ago than the maximum age', async () => {
    await step(feed(FEED_2025_12_01(), '"v1"'));
    h.clock.set('2025-12-15T08:00:00Z');
    // 5.4.302 appears with 5.4.301's date (2025-10-29): recorded, never posted.
    const stale = FEED_2025_12_01().replaceAll('5.4.301', '5.4.302');
    expect((await step(feed(stale, '"v2"'))).feed).toMatchObject({ status: 'updated', events: [] });
    expect(h.sender.posts).toEqual([]);
    const { store, close } = h.boot();
    expect(await store.releases.get('5.4.302')).toBeDefined();
    await close();
  });

  it('counts its back-off in schedule ticks: a one-off failure never delays the next tick', async () => {
    await step(feed(FEED_2025_12_01(), '"v1"'));
    const proc = h.boot();
    h.server.set({ kind: 'status', status: 200, body: truncated(FEED_TWO_MAINLINE()) });
    expect((await proc.watcher.pollOnce()).feed).toMatchObject({ status: 'error', reason: 'invalid-xml' });
    expect(proc.watcher.ticksToSkip()).toBe(0); // the first failure: fetch again on the very next tick

    h.server.set({ kind: 'status', status: 503 });
    const skips = [];
    for (let i = 0; i < 6; i++) {
      await proc.watcher.pollOnce();
      skips.push(proc.watcher.ticksToSkip());
    }
    expect(skips).toEqual([1, 3, 7, 7, 7, 7]); // doubling waits (2, 4, 8 ticks), capped

    h.server.set({ kind: 'feed', body: FEED_2025_12_01(), etag: '"v1"' });
    expect((await proc.watcher.pollOnce()).feed).toEqual({ status: 'not-modified' });
    expect(proc.watcher.ticksToSkip()).toBe(0);

    h.server.set({ kind: 'status', status: 500 });
    await proc.watcher.pollOnce();
    const current = (await currentReleases(proc.store, h.clock))!;
    expect(current.releases).toHaveLength(9);
    expect(current.lastError).toMatch(/http-status: HTTP 500/);
  });

  it('ignores cache validators stored for a different feed URL', async () => {
    await step(feed(FEED_2025_12_01(), '"v1"'));
    const db = openDatabase(h.dbPath);
    db.prepare(`UPDATE feed_state SET url = 'https://example.invalid/old.xml'`).run();
    db.close();
    await step(null);
    expect(h.server.requests.at(-2)!.headers['if-none-match']).toBeUndefined();
  });
});
