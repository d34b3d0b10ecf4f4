import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness, defaultGuilds, ALICE, GENERAL, TOKEN, APP } from '../../tests/support/bot-harness.ts';
import { FakeDiscord } from '../../tests/support/fake-discord/index.ts';
import { realKnowledge } from '../../tests/support/knowledge.ts';
import { startFeedServer } from '../../tests/support/feed-server.ts';
import { FEED_2025_12_01 } from '../../tests/releases/feed-states.ts';
import { percentile } from '../stats.ts';
import type { BenchContext, Row, Section } from '../types.ts';
import { prepareStartScript } from '../../tests/support/start-script.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AUTOCOMPLETE_P99_MS = 50;
const IDLE_RSS_MB = 90;

/**
 * Round trips through the loopback fake Discord: from the test dispatching INTERACTION_CREATE on
 * the gateway to the bot's callback arriving over REST, with the real discord.js client in between.
 */
export function discordSection(): Section {
  return {
    id: 'discord',
    title: 'Discord round trips (fake Discord on loopback) and idle memory',
    async run(ctx: BenchContext): Promise<Row[]> {
      const rows: Row[] = [];
      const h = await startHarness({ logLevel: 'warn' });
      try {
        const ids = realKnowledge().entries.map((e) => e.id);
        const feature: number[] = [];
        const rounds = ctx.quick ? 60 : 300;
        for (let i = 0; i < rounds + 20; i++) {
          const t0 = performance.now();
          await h.fake.slash('feature', { name: ids[i % ids.length]!, hide: true }, { user: ALICE, channelId: GENERAL }).reply();
          if (i >= 20) feature.push(performance.now() - t0);
        }
        const prefixes = ids.flatMap((id) => [id.slice(0, 2), id.slice(0, 4), id.replace(/-/g, ' ').slice(0, 7)]);
        const complete: number[] = [];
        for (let i = 0; i < (ctx.quick ? 100 : 500) + 20; i++) {
          const t0 = performance.now();
          await h.fake.autocomplete('feature', { name: { value: prefixes[i % prefixes.length]!, focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
          if (i >= 20) complete.push(performance.now() - t0);
        }
        rows.push(
          { metric: '/feature round trip p50', scope: 'fake Discord', value: percentile(feature, 50), unit: 'ms', note: `${feature.length} interactions (hide:true)` },
          { metric: '/feature round trip p99', scope: 'fake Discord', value: percentile(feature, 99), unit: 'ms' },
          { metric: 'autocomplete round trip p50', scope: 'fake Discord', value: percentile(complete, 50), unit: 'ms', note: `${complete.length} interactions` },
          { metric: 'autocomplete round trip p99', scope: 'fake Discord', value: percentile(complete, 99), unit: 'ms', target: { op: '<=', limit: AUTOCOMPLETE_P99_MS } },
        );
      } finally {
        await h.stop();
      }
      rows.push(await idleRss(ctx));
      return rows;
    },
  };
}

/**
 * RSS of `npm start` (one node process) connected to the fake Discord, after its first successful
 * kernel.org poll (so the feed parser is loaded, as in production) and a few idle seconds.
 */
async function idleRss(ctx: BenchContext): Promise<Row> {
  const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 5000, guilds: defaultGuilds() });
  const feed = await startFeedServer({ kind: 'feed', body: FEED_2025_12_01(), etag: '"bench"' });
  const databaseDir = mkdtempSync(join(tmpdir(), 'kernelbot-bench-'));
  const env = {
    ...process.env,
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_BASE: fake.apiBase,
    DATABASE_PATH: join(databaseDir, 'bot.db'),
    LOG_LEVEL: 'warn',
    FEED_SCHEDULE: '0 0 1 1 *',
    KERNEL_FEED_URL: feed.url,
  };
  const child = spawn(process.execPath, prepareStartScript(env), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await fake.waitFor(() => fake.registeredCommands().length > 0 && feed.requests.length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    ctx.log(`idle bot RSS ${(kb / 1024).toFixed(1)} MB`);
    return {
      metric: 'idle RSS of the connected bot',
      scope: 'npm start',
      value: kb / 1024,
      unit: 'MB',
      target: { op: '<=', limit: IDLE_RSS_MB },
      note: 'the start script (bundle + node flags), after registration, the first feed poll and 5 s idle',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
    await fake.stop();
    await feed.close();
    rmSync(databaseDir, { recursive: true, force: true });
  }
}
