import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { defaultGuilds, TOKEN, APP, GENERAL, ALICE, BOB } from '../support/bot-harness.ts';
import { spawnBotProcess } from '../support/run.ts';
import { smallKnowledgeDir } from '../support/knowledge.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { feedState } from '../support/release-feeds.ts';
import { FEED_2025_12_01 } from '../releases/feed-states.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * Two `npm start` processes on one Postgres with one shard: only the holder of the `gateway` lease
 * logs in, the other stands by (/readyz and /metrics say so). SIGTERM on the first hands the lease
 * over and the standby answers the next command; a process that loses the lease logs out.
 */

const LEASE_SECONDS = 3;

interface Bot {
  name: string;
  child: ChildProcess;
  exit: Promise<number | null>;
  log: () => string;
  logged: (msg: string) => boolean;
  opsUrl: () => string | undefined;
}

const title = (answer: Record<string, unknown> | undefined) => (answer as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title;

describe('gateway standby: one shard, two processes on one Postgres', () => {
  let fake: FakeDiscord;
  let feed: FeedServer;
  let db: TestDatabase;
  const bots: Bot[] = [];
  const identifies: number[] = [];
  const closes: number[] = [];
  const knowledgeDir = smallKnowledgeDir('kdbus', 'btrfs', 'overlayfs');

  function startProcess(name: string): Bot {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: db.url,
      KERNEL_FEED_URL: feed.url,
      GATEWAY_LEASE_SECONDS: String(LEASE_SECONDS),
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      // The hand-over is under test, not answers: three entries save each process validating 200+ files.
      KNOWLEDGE_DIR: knowledgeDir,
    };
    const { child, exit, log } = spawnBotProcess(env);
    const bot: Bot = {
      name,
      child,
      exit,
      log,
      logged: (msg) => log().includes(`"msg":"${msg}`),
      opsUrl: () => /"url":"(http:\/\/127\.0\.0\.1:\d+)","msg":"operations endpoints listening/.exec(log())?.[1],
    };
    bots.push(bot);
    return bot;
  }

  const waitLogged = (bot: Bot, msg: string, timeoutMs = 60_000) =>
    fake.waitFor(
      () => bot.logged(msg),
      timeoutMs,
      () => `${bot.name} never logged "${msg}":\n${bot.log().slice(-1500)}`,
    );
  const readyz = async (bot: Bot) => (await fetch(`${bot.opsUrl()}/readyz`)).json() as Promise<{ ready: boolean; role: string; gateway: string }>;
  const roleMetric = async (bot: Bot) => /kernelbot_gateway_role\{role="(\w+)"\} 1/.exec(await (await fetch(`${bot.opsUrl()}/metrics`)).text())?.[1];

  beforeAll(async () => {
    // A long interaction deadline: this test is about who answers, not how fast (answer latency is in
    // the bench); a freshly started process on a loaded machine can miss Discord's 3 s for its first answer.
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: defaultGuilds(), interactionDeadlineMs: 15_000 });
    fake.events.on('identify', () => identifies.push(performance.now()));
    fake.events.on('gatewayClose', () => closes.push(performance.now()));
    feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
    db = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exit));
    await fake?.stop();
    await feed?.close();
    await db?.drop();
  });

  it('the standby takes over the gateway on SIGTERM and answers the next command; a process that loses the lease logs out', async () => {
    const a = startProcess('A');
    await waitLogged(a, 'connected to Discord');
    const b = startProcess('B');
    await waitLogged(b, 'another process holds the gateway lease; standing by');
    await fake.waitFor(() => Boolean(b.opsUrl()), 10_000);

    // Only A is logged in; B says it stands by and is ready (it still delivers announcements).
    expect(identifies).toHaveLength(1);
    expect(await readyz(a)).toMatchObject({ ready: true, role: 'active', gateway: 'ready' });
    expect(await readyz(b)).toMatchObject({ ready: true, role: 'standby', gateway: 'standby' });
    expect(await roleMetric(a)).toBe('active');
    expect(await roleMetric(b)).toBe('standby');

    const first = await fake.slash('feature', { name: 'kdbus' }, { user: ALICE, channelId: GENERAL }).answer(30_000);
    expect(title(first)).toMatch(/^kdbus/);

    // Rolling deploy: SIGTERM on A hands the lease back; B logs in.
    const termAt = performance.now();
    a.child.kill('SIGTERM');
    await waitLogged(b, 'connected to Discord', 20_000);
    const takeoverMs = performance.now() - termAt;
    expect(await a.exit).toBe(0);
    expect(identifies).toHaveLength(2);
    expect(a.logged('logged out of the Discord gateway')).toBe(true);

    const second = await fake.slash('feature', { name: 'btrfs' }, { user: BOB, channelId: GENERAL }).answer(30_000);
    expect(title(second)).toMatch(/btrfs/i);
    expect(await readyz(b)).toMatchObject({ ready: true, role: 'active', gateway: 'ready' });
    console.log(`gateway standby: B logged in ${(takeoverMs / 1000).toFixed(2)} s after SIGTERM on A (gateway lease ${LEASE_SECONDS} s, standby asks every 1 s)`);

    // Another holder takes the lease (as a process would after B's renewals failed): B must log out at its next renewal.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const closesBefore = closes.length;
      await admin.query(`UPDATE leases SET holder = 'intruder', until = $1 WHERE name = 'gateway'`, [new Date(Date.now() + 3_600_000).toISOString()]);
      await waitLogged(b, 'gateway lease lost; logging out and standing by', 10_000);
      await fake.waitFor(() => closes.length > closesBefore, 10_000);
      expect(await readyz(b)).toMatchObject({ role: 'standby', gateway: 'standby' });

      // The lease frees up: B logs in again with a fresh client and answers.
      const logins = identifies.length;
      await admin.query(`DELETE FROM leases WHERE name = 'gateway'`);
      await fake.waitFor(
        () => identifies.length > logins,
        20_000,
        () => b.log().slice(-1500),
      );
      await fake.waitFor(() => (b.log().match(/"msg":"connected to Discord"/g) ?? []).length >= 2, 20_000);
      const third = await fake.slash('feature', { name: 'overlayfs' }, { user: ALICE, channelId: GENERAL }).answer(30_000);
      expect(title(third)).toMatch(/overlay/i);
    } finally {
      await admin.end();
    }

    b.child.kill('SIGTERM');
    expect(await b.exit).toBe(0);
    for (const bot of bots) expect(bot.log()).not.toContain(TOKEN);
  }, 180_000);
});
