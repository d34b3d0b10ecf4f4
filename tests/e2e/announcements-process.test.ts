import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import type { FakeGuildSpec, FakeMessage } from '../support/fake-discord/types.ts';
import { TOKEN, APP } from '../support/bot-harness.ts';
import { spawnBotProcess } from '../support/run.ts';
import { smallKnowledgeDir } from '../support/knowledge.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { feedState, nextRelease } from '../support/release-feeds.ts';
import { FEED_2025_12_01 } from '../releases/feed-states.ts';
import { openDatabase } from '../../src/store/database.ts';
import { createStore } from '../../src/store/store.ts';

/**
 * `npm start` as a real process, killed with SIGKILL in the middle of a fan-out to many channels and
 * started again on the same database file: every channel ends with exactly one message for the release.
 * The fake Discord's global rate limit (16 requests/s) makes the fan-out take about two seconds.
 */

const GUILD = '1310000000000000001';
const CHANNELS = Array.from({ length: 30 }, (_, i) => `13100000000000${String(1000 + i)}`);
const KILL_AFTER = 10;

const guild: FakeGuildSpec = {
  id: GUILD,
  name: 'Fan-out',
  bot: { permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'] },
  channels: CHANNELS.map((id, i) => ({ id, name: `news-${i}`, type: 'text' as const })),
};

interface Bot {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
}

describe('a bot process killed in the middle of a fan-out', () => {
  let fake: FakeDiscord;
  let feed: FeedServer;
  let databasePath: string;
  const bots: Bot[] = [];
  const knowledgeDir = smallKnowledgeDir();

  /** `node --import tsx`, not the tsx CLI: the CLI runs the bot in a child of its own, which survives a SIGKILL of the CLI. */
  function startProcess(): Bot {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: databasePath,
      KERNEL_FEED_URL: feed.url,
      // Every second: the process polls on start and then keeps polling by itself.
      FEED_SCHEDULE: '* * * * * *',
      LOG_LEVEL: 'info',
      // Delivery is under test, not answers: one entry saves each process validating and indexing 200+ files.
      KNOWLEDGE_DIR: knowledgeDir,
    };
    const { child, exit, log } = spawnBotProcess(env);
    const bot = { child, exit, stderr: log };
    bots.push(bot);
    return bot;
  }

  const announcements = (channelId: string): FakeMessage[] => fake.messages(channelId).filter((m) => m.author.id === APP);
  const total = () => CHANNELS.reduce((n, c) => n + announcements(c).length, 0);

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: [guild], rateLimits: { globalPerSecond: 16 } });
    feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
    databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-fanout-')), 'bot.db');
    // Thirty channels subscribed, as /announce set would leave them in the database.
    const db = openDatabase(databasePath);
    const store = createStore(db);
    for (const channelId of CHANNELS) await store.subscriptions.upsert({ channelId, guildId: GUILD, types: ['stable'], createdBy: 'test' }, new Date());
    db.close();
  }, 30_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exit));
    await fake?.stop();
    await feed?.close();
    if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
  });

  it('resumes after SIGKILL: every channel gets the release exactly once, nothing lost', async () => {
    const first = startProcess();
    await fake.waitFor(() => feed.requests.length > 0 && first.stderr().includes('first run: current feed recorded as baseline'), 60_000, first.stderr);
    expect(total()).toBe(0);

    // kernel.org publishes 6.17.11 now; the next tick fans it out. Kill the process the moment the
    // KILL_AFTER-th message exists in Discord, before the bot can hear back and record it.
    const killed = new Promise<void>((resolve) => {
      const onMessage = () => {
        if (total() < KILL_AFTER) return;
        first.child.kill('SIGKILL');
        fake.events.off('message', onMessage);
        resolve();
      };
      fake.events.on('message', onMessage);
    });
    feed.set(feedState(nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date()), 'v2'));
    await killed;
    await first.exit;
    expect(first.child.signalCode).toBe('SIGKILL');
    const atKill = total();
    expect(atKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(atKill).toBeLessThan(CHANNELS.length);

    const deduplicated: unknown[] = [];
    fake.events.on('nonceDeduplicated', (event) => deduplicated.push(event));
    const second = startProcess();
    await fake.waitFor(
      () => CHANNELS.every((c) => announcements(c).length > 0),
      60_000,
      () => `${total()} of ${CHANNELS.length} channels; ${second.stderr().slice(-2000)}`,
    );
    // Another poll of the restarted process: nothing else may arrive.
    const polls = feed.requests.length;
    await fake.waitFor(() => feed.requests.length >= polls + 1, 10_000);
    // SIGTERM: a clean shutdown with exit code 0 (the spawned bot smoke test ends with a fatal close instead).
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(second.stderr()).toMatch(/"msg":"shutting down"/);

    for (const channelId of CHANNELS) {
      const posts = announcements(channelId);
      expect(posts, `channel ${channelId}`).toHaveLength(1);
      expect((posts[0]!.embeds[0] as { title?: string }).title).toBe('Linux 6.17.11');
    }
    // Messages interrupted by the kill were looked up in the channel first (found: recorded, not resent);
    // the others went out again with their nonce, which Discord drops if the first send had arrived.
    expect(fake.requestsTo('GET', /\/channels\/\d+\/messages$/).length).toBeGreaterThanOrEqual(1);
    const recordedWithoutResend = (second.stderr().match(/already posted; recorded without resending/g) ?? []).length;
    expect(deduplicated.length + recordedWithoutResend).toBeGreaterThanOrEqual(1);

    const store = createStore(openDatabase(databasePath));
    const ledger = await store.deliveries.all();
    await store.close();
    expect(ledger).toHaveLength(CHANNELS.length);
    expect(ledger.every((d) => d.status === 'sent' && d.eventKey === 'release:6.17.11')).toBe(true);
    // Each recorded message id is the one message in its channel.
    for (const d of ledger) expect(d.messageId).toBe(announcements(d.channelId)[0]!.id);
    expect(second.stderr()).not.toContain(TOKEN);
  }, 180_000);
});
