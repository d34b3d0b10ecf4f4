import { startHarness, type Harness } from '../../tests/support/bot-harness.ts';
import type { FakeGuildSpec } from '../../tests/support/fake-discord/types.ts';
import { startFeedServer, type FeedServer } from '../../tests/support/feed-server.ts';
import { feedState, nextRelease } from '../../tests/support/release-feeds.ts';
import { FEED_2025_12_01 } from '../../tests/releases/feed-states.ts';
import type { BenchContext, Row, Section } from '../types.ts';

/** Discord's global limit for a bot, and a per-route bucket like the one on POST /channels/:id/messages. */
export const GLOBAL_PER_SECOND = 50;
export const PER_ROUTE = { limit: 5, windowMs: 5_000 };
export const MAX_RATIO_TO_FLOOR = 1.2;
/** Round-trip time of a message POST to the real Discord from a typical host (loopback answers in ~1 ms). */
const REALISTIC_RTT_MS = 150;
/** Discord allows at most 500 channels per server. */
const CHANNELS_PER_GUILD = 500;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Servers of up to 500 channels (Discord's maximum), as many as `channels` needs. */
export function fanoutGuilds(channels: number): FakeGuildSpec[] {
  const specs: FakeGuildSpec[] = [];
  for (let g = 0; g * CHANNELS_PER_GUILD < channels; g++) {
    const count = Math.min(CHANNELS_PER_GUILD, channels - g * CHANNELS_PER_GUILD);
    specs.push({
      id: `13200000000000${String(g).padStart(4, '0')}`,
      name: `fan-out ${g + 1}`,
      bot: { permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'] },
      channels: Array.from({ length: count }, (_, i) => ({ id: `1320000000${String(g).padStart(2, '0')}${String(i).padStart(6, '0')}`, name: `news-${i}`, type: 'text' as const })),
    });
  }
  return specs;
}

/**
 * One release fanned out to many subscribed channels: the real bot (discord.js REST, Deliverer,
 * SQLite ledger) against the fake Discord enforcing 50 requests/s globally and 5 per 5 s per
 * channel route. The floor is channels / 50 s; duplicates and losses are counted per channel.
 */
export function fanoutSection(channelsOption?: number): Section {
  return {
    id: 'fanout',
    title: 'Release fan-out through Discord-like rate limits',
    async run(ctx: BenchContext): Promise<Row[]> {
      const channels = channelsOption ?? (ctx.quick ? 250 : 1000);
      return [...(await fanout(ctx, channels, 0)), ...(await fanout(ctx, channels, REALISTIC_RTT_MS))];
    },
  };
}

async function fanout(ctx: BenchContext, channels: number, rttMs: number): Promise<Row[]> {
  const scope = `${fmt(channels)} channels, ${rttMs ? `${rttMs} ms RTT` : 'loopback'}`;
  const specs = fanoutGuilds(channels);
  const channelIds = specs.flatMap((g) => g.channels!.map((c) => ({ guildId: g.id, channelId: c.id })));
  let feed: FeedServer | undefined;
  let h: Harness | undefined;
  try {
    feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
    // A fixed clock a few days after the fixture, so the new release is within the maximum item age.
    const now = new Date('2025-12-05T13:00:00Z');
    h = await startHarness({
      guilds: specs,
      rateLimits: { globalPerSecond: GLOBAL_PER_SECOND, perRoute: PER_ROUTE },
      restLatencyMs: rttMs,
      clock: { now: () => now },
      env: { KERNEL_FEED_URL: feed.url, FEED_SCHEDULE: '0 0 1 1 *' },
      logLevel: 'warn',
    });
    const bot = h.bot;
    await bot.releases.pollNow(); // baseline
    await bot.store.transaction(async (tx) => {
      for (const { guildId, channelId } of channelIds) await tx.subscriptions.upsert({ guildId, channelId, types: ['stable'], createdBy: 'bench' }, now);
    });
    feed.set(feedState(nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date('2025-12-05T12:00:00Z')), 'v2'));
    // Start with a fresh global window (login and command sync used the current one).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const limitedBefore = h.fake.rateLimiter.limited.length;
    const postsBefore = h.fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).length;
    ctx.log(`fan-out of one release to ${scope} (floor ${channels / GLOBAL_PER_SECOND} s)…`);

    const t0 = performance.now();
    const report = await bot.releases.pollNow();
    const seconds = (performance.now() - t0) / 1000;

    const fake = h.fake;
    const perChannel = channelIds.map(({ channelId }) => fake.messages(channelId).filter((m) => (m.embeds[0] as { title?: string } | undefined)?.title === 'Linux 6.17.11').length);
    const duplicates = perChannel.reduce((n, c) => n + Math.max(0, c - 1), 0);
    const losses = perChannel.filter((c) => c === 0).length;
    const limited = fake.rateLimiter.limited.slice(limitedBefore);
    const globalLimited = limited.filter((l) => l.global).length;
    const posts = fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).length - postsBefore;
    const floor = channels / GLOBAL_PER_SECOND;
    const delivery = report.delivery;
    const how = `${fmt(posts)} POSTs for ${fmt(channels)} messages; fake answered ${limited.length} × 429 (${globalLimited} global, ${limited.length - globalLimited} per-route); deliverer: ${delivery?.messagesSent ?? '?'} sent, ${delivery?.deferredChannels.length ?? '?'} deferred, ${delivery?.eventsFailed ?? '?'} failed`;
    ctx.log(`${seconds.toFixed(2)} s; ${how}`);
    return [
      {
        metric: 'fan-out total time',
        scope,
        value: Number(seconds.toFixed(2)),
        unit: 's',
        note: `floor ${floor} s at ${GLOBAL_PER_SECOND} req/s global, ${PER_ROUTE.limit} per ${PER_ROUTE.windowMs / 1000} s per channel`,
      },
      { metric: 'fan-out time / rate-limit floor', scope, value: Number((seconds / floor).toFixed(3)), unit: '×', target: { op: '<=', limit: MAX_RATIO_TO_FLOOR }, note: how },
      { metric: 'fan-out duplicates', scope, value: duplicates, unit: 'messages', target: { op: '<=', limit: 0 }, note: 'extra messages of the release in a channel' },
      { metric: 'fan-out losses', scope, value: losses, unit: 'channels', target: { op: '<=', limit: 0 }, note: 'subscribed channels without the release' },
    ];
  } finally {
    await h?.stop();
    await feed?.close();
  }
}
