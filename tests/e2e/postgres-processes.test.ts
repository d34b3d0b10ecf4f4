import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import type { FakeGuildSpec, FakeMessage } from '../support/fake-discord/types.ts';
import { TOKEN, APP } from '../support/bot-harness.ts';
import { spawnBotProcess } from '../support/run.ts';
import { smallKnowledgeDir } from '../support/knowledge.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { feedState, nextRelease } from '../support/release-feeds.ts';
import { FEED_2025_12_01 } from '../releases/feed-states.ts';
import { openStore } from '../../src/store/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * Two `npm start` processes on one Postgres, against the loopback fake Discord and feed server:
 * a new release reaches 100 subscribed channels exactly once although the process that is
 * delivering is killed with SIGKILL in the middle of the fan-out; the other one finishes it.
 */

const GUILD = '1320000000000000001';
const CHANNELS = Array.from({ length: 100 }, (_, i) => `13200000000000${String(1000 + i)}`);
const LEASE_SECONDS = 2;

const guild: FakeGuildSpec = {
  id: GUILD,
  name: 'Two processes',
  bot: { permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'] },
  channels: CHANNELS.map((id, i) => ({ id, name: `news-${i}`, type: 'text' as const })),
};

interface Bot {
  name: string;
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
  sent: () => number;
}

describe('two bot processes on one Postgres', () => {
  let fake: FakeDiscord;
  let feed: FeedServer;
  let db: TestDatabase;
  const bots: Bot[] = [];
  const knowledgeDir = smallKnowledgeDir();

  function startProcess(name: string): Bot {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: db.url,
      KERNEL_FEED_URL: feed.url,
      FEED_SCHEDULE: '* * * * * *',
      DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
      // Delivery is under test, not answers: one entry saves each process validating and indexing 200+ files.
      KNOWLEDGE_DIR: knowledgeDir,
    };
    const { child, exit, log } = spawnBotProcess(env);
    const bot: Bot = {
      name,
      child,
      exit,
      stderr: log,
      sent: () => (log().match(/"msg":"announcement sent"/g) ?? []).length,
    };
    bots.push(bot);
    return bot;
  }

  const announcements = (channelId: string): FakeMessage[] => fake.messages(channelId).filter((m) => m.author.id === APP);
  const total = () => CHANNELS.reduce((n, c) => n + announcements(c).length, 0);

  beforeAll(async () => {
    // Discord's real global limit: 50 requests per second per bot token, shared by both processes.
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: [guild], rateLimits: { globalPerSecond: 50 } });
    feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
    db = await createTestDatabase();
    const store = await openStore({ DATABASE_URL: db.url, DATABASE_PATH: 'unused' });
    await store.transaction(async (tx) => {
      for (const channelId of CHANNELS) await tx.subscriptions.upsert({ channelId, guildId: GUILD, types: ['stable'], createdBy: 'test' }, new Date());
    });
    await store.close();
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exit));
    await fake?.stop();
    await feed?.close();
    await db?.drop();
  });

  it('delivers a release to 100 channels exactly once when the delivering process is killed mid fan-out', async () => {
    const a = startProcess('A');
    const b = startProcess('B');
    const baseline = (bot: Bot) => bot.stderr().includes('first run: current feed recorded as baseline');
    // One process logs in to the gateway, the other stands by; both poll and deliver.
    const polling = (bot: Bot) => bot.stderr().includes('connected to Discord') || bot.stderr().includes('standing by');
    await fake.waitFor(
      () => (baseline(a) || baseline(b)) && polling(a) && polling(b),
      120_000,
      () => `A: ${a.stderr().slice(-800)}\nB: ${b.stderr().slice(-800)}`,
    );
    // The feed is fetched by one process per tick: the other skips (and only sweeps the ledger).
    expect([baseline(a), baseline(b)].filter(Boolean)).toHaveLength(1);
    expect(total()).toBe(0);

    // kernel.org publishes 6.17.11; kill whichever process has sent the most once a quarter is out.
    let victim: Bot | null = null;
    let killedAt = 0;
    const killed = new Promise<void>((resolve) => {
      const onMessage = () => {
        if (victim || total() < CHANNELS.length / 4) return;
        victim = a.sent() >= b.sent() ? a : b;
        victim.child.kill('SIGKILL');
        killedAt = performance.now();
        fake.events.off('message', onMessage);
        resolve();
      };
      fake.events.on('message', onMessage);
    });
    const publishedAt = performance.now();
    feed.set(feedState(nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date()), 'v2'));
    await killed;
    const killedBot = victim as unknown as Bot;
    const survivor = killedBot === a ? b : a;
    await killedBot.exit;
    const atKill = total();
    expect(atKill).toBeLessThan(CHANNELS.length);

    await fake.waitFor(
      () => CHANNELS.every((c) => announcements(c).length > 0),
      90_000,
      () => `${total()} of ${CHANNELS.length}; ${survivor.stderr().slice(-1500)}`,
    );
    const doneAt = performance.now();
    // Another sweep and poll of the survivor: nothing else may arrive.
    const polls = feed.requests.length;
    await fake.waitFor(() => feed.requests.length >= polls + 1, 20_000);

    const duplicates = CHANNELS.reduce((n, c) => n + Math.max(0, announcements(c).length - 1), 0);
    const losses = CHANNELS.filter((c) => announcements(c).length === 0).length;
    console.log(
      `two processes on Postgres: ${CHANNELS.length} channels, ${atKill} posted when ${killedBot.name} was killed ` +
        `(${killedBot.name} had sent ${killedBot.sent()}, ${survivor.name} ${survivor.sent()}); ` +
        `${survivor.name} finished ${((doneAt - killedAt) / 1000).toFixed(1)} s after the SIGKILL ` +
        `(claim lease ${LEASE_SECONDS} s; whole fan-out ${((doneAt - publishedAt) / 1000).toFixed(1)} s); duplicates ${duplicates}, losses ${losses}`,
    );
    expect(duplicates).toBe(0);
    expect(losses).toBe(0);
    for (const channelId of CHANNELS) expect((announcements(channelId)[0]!.embeds[0] as { title?: string }).title).toBe('Linux 6.17.11');

    // The ledger agrees: every row sent once, with the message that is in the channel.
    const store = await openStore({ DATABASE_URL: db.url, DATABASE_PATH: 'unused' });
    const ledger = await store.deliveries.all();
    await store.close();
    expect(ledger).toHaveLength(CHANNELS.length);
    for (const d of ledger) expect(d).toMatchObject({ status: 'sent', messageId: announcements(d.channelId)[0]!.id });

    survivor.child.kill('SIGTERM');
    expect(await survivor.exit).toBe(0);
    expect(survivor.stderr()).not.toContain(TOKEN);
  }, 240_000);
});
