import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, defaultGuilds, type Harness, MOD, GENERAL, RANDOM, APP, TOKEN } from '../support/bot-harness.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { feedState, floodedFeed, FLOOD_STABLE } from '../support/release-feeds.ts';
import { FEED_TWO_MAINLINE } from '../releases/feed-states.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import type { FakeMessage } from '../support/fake-discord/types.ts';
import type { Clock } from '../../src/shared/clock.ts';

/**
 * More new versions in one poll than are announced (MAX_RELEASES_PER_POLL = 10), end to end: the
 * real bot (discord.js) against the loopback fake Discord and a loopback kernel.org, on a SQLite
 * file and on Postgres. The newest ten are posted; every channel learns in one line which of the
 * versions it follows were left out, once, also across a restart.
 */

/** Subscribed from the environment to mainline only: none of the flood is for it. */
const MAINLINE_ONLY = '1300000000000000014';

class TestClock implements Clock {
  private ms = Date.parse('2025-12-15T08:00:00Z');
  now = () => new Date(this.ms);
  set(at: string) {
    this.ms = Date.parse(at);
  }
}

const titles = (m: FakeMessage) => (m.embeds as { title?: string }[]).map((e) => e.title);

const backends = {
  SQLite: async () => ({ env: {}, drop: async () => undefined }),
  Postgres: async () => {
    const db: TestDatabase = await createTestDatabase();
    return { env: { DATABASE_URL: db.url }, drop: () => db.drop() };
  },
};

describe.each(Object.entries(backends))('a poll with 18 new versions on %s', (_name, makeBackend) => {
  let h: Harness;
  let feed: FeedServer;
  let drop: () => Promise<void>;
  const clock = new TestClock();

  beforeAll(async () => {
    const backend = await makeBackend();
    drop = backend.drop;
    const guilds = defaultGuilds();
    guilds.find((g) => g.channels?.some((c) => c.id === GENERAL))!.channels!.push({ id: MAINLINE_ONLY, name: 'mainline-news', type: 'text' });
    feed = await startFeedServer(feedState(FEED_TWO_MAINLINE(), 'v1'));
    h = await startHarness({
      guilds,
      clock,
      env: { ...backend.env, KERNEL_FEED_URL: feed.url, FEED_SCHEDULE: '0 0 1 1 *', ANNOUNCE_CHANNEL_ID: MAINLINE_ONLY, ANNOUNCE_TYPES: 'mainline' },
    });
    await h.bot.releases.pollNow(); // the first run records the baseline
    for (const [channel, options] of [
      [GENERAL, {}],
      [RANDOM, { types: 'longterm', language: 'de' }],
    ] as const) {
      const reply = await h.fake.slash('announce set', { channel, ...options }, { user: MOD, channelId: GENERAL }).reply();
      expect(JSON.stringify(reply.data)).toMatch(/will be announced in/);
    }
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    await feed?.close();
    await drop?.();
  });

  it('posts the newest ten and, in the last post to each channel, names the versions it follows that were left out', async () => {
    clock.set('2025-12-15T09:00:00Z');
    feed.set(feedState(floodedFeed(FEED_TWO_MAINLINE(), new Date('2025-12-15T08:30:00Z')), 'v2'));
    const report = await h.bot.releases.pollNow();
    expect(report.feed).toMatchObject({ status: 'updated' });
    expect(h.logs.some((l) => l.msg === '8 more new versions in one poll recorded; each channel gets one note naming them')).toBe(true);

    // GENERAL follows stable and longterm: the ten newest (all 6.17.x) as embeds, the eight others in one line of the last post.
    const general = h.fake.messages(GENERAL).filter((m) => m.author.id === APP);
    expect(general.flatMap(titles)).toEqual(FLOOD_STABLE.slice(3).map((v) => `Linux ${v}`));
    const last = general.at(-1)!;
    expect(last.content.split('\n').at(-1)).toBe('Also new, not announced separately (8): 6.17.15, 6.17.14, 6.17.13, 6.1.163, 6.1.162, 6.1.161, 6.1.160, 6.1.159');
    expect(general.slice(0, -1).every((m) => !m.content.includes('not announced separately'))).toBe(true);

    // RANDOM follows longterm only, in German: none of its versions was kept, so the note is its only post, text alone.
    const random = h.fake.messages(RANDOM).filter((m) => m.author.id === APP);
    expect(random).toHaveLength(1);
    expect(random[0]!.content).toBe('Ebenfalls neu, nicht einzeln angekündigt (5): 6.1.163, 6.1.162, 6.1.161, 6.1.160, 6.1.159');
    expect(random[0]!.embeds).toEqual([]);

    // The mainline channel hears nothing: no mainline version came, none was left out.
    expect(h.fake.messages(MAINLINE_ONLY).filter((m) => m.author.id === APP)).toEqual([]);

    // Each note is a row of the ledger like every post: sent once, with a nonce.
    const notes = (await h.bot.store.deliveries.all()).filter((d) => d.eventKey.startsWith('skipped:'));
    expect(notes.map((d) => [d.channelId, d.eventKey, d.status]).sort()).toEqual(
      [
        [GENERAL, 'skipped:8:6.17.15,6.17.14,6.17.13,6.1.163,6.1.162,6.1.161,6.1.160,6.1.159', 'sent'],
        [RANDOM, 'skipped:5:6.1.163,6.1.162,6.1.161,6.1.160,6.1.159', 'sent'],
      ].sort(),
    );
    const body = h.fake.requestsTo('POST', `/channels/${RANDOM}/messages`).at(-1)!.body as { nonce?: string; enforce_nonce?: boolean; allowed_mentions?: unknown };
    expect(body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(body.nonce).toMatch(/^kb[0-9a-f]{23}$/);
  });

  it("/announce show names each channel's note in words, not by its ledger key", async () => {
    clock.set('2025-12-15T09:05:00Z');
    const reply = await h.fake.slash('announce show', {}, { user: MOD, channelId: GENERAL }).reply();
    const fields = (reply.data as { embeds?: { fields?: { name: string; value: string }[] }[] }).embeds?.[0]?.fields ?? [];
    const lastDelivery = (channel: string) =>
      fields
        .find((f) => f.name === `#${channel}`)
        ?.value.split('\n')
        .find((l) => l.startsWith('Last delivery: '));
    expect(lastDelivery(GENERAL)).toBe('Last delivery: note on 8 further versions not announced one by one, the newest 6.17.15 (sent 5 min ago)');
    expect(lastDelivery(RANDOM)).toBe('Last delivery: note on 5 further versions not announced one by one, the newest 6.1.163 (sent 5 min ago)');
  });

  it('a restart on the same database posts neither the releases nor the notes again', async () => {
    const before = [GENERAL, RANDOM, MAINLINE_ONLY].map((c) => h.fake.messages(c).length);
    await h.restart();
    await h.bot.releases.pollNow();
    clock.set('2025-12-15T09:15:00Z');
    await h.bot.releases.pollNow();
    expect([GENERAL, RANDOM, MAINLINE_ONLY].map((c) => h.fake.messages(c).length)).toEqual(before);
    expect(h.fake.invalidRequests).toEqual([]);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });
});
