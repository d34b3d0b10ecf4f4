import { execFileSync, spawn } from 'node:child_process';
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
import { prepareStartScript, startNodeArgs } from '../../tests/support/start-script.ts';
import { BUNDLE_OPTIONS } from '../../scripts/bundle-options.mjs';
import { fullSizeMaintainers } from '../maintainers-file.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AUTOCOMPLETE_P99_MS = 50;
const IDLE_RSS_MB = 90;

/**
 * Round trips through the loopback fake Discord: from the test dispatching INTERACTION_CREATE on
 * the gateway to the bot's callback arriving over REST, with the real discord.js client in between.
 */
/** `floor` (the --full run): also the idle RSS of discord.js + node-cron alone. */
export function discordSection(options: { floor: boolean }): Section {
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
      if (options.floor) rows.push(await floorRss(ctx));
      return rows;
    },
  };
}

/**
 * RSS of `npm start` (one node process) connected to the fake Discord, after its first successful
 * kernel.org poll and MAINTAINERS download (a full-size file from a loopback stand-in, so the
 * parsed file is in memory as in production) and a few idle seconds.
 */
async function idleRss(ctx: BenchContext): Promise<Row> {
  const feed = await startFeedServer({ kind: 'feed', body: FEED_2025_12_01(), etag: '"bench"' });
  const maintainers = await startFeedServer({ kind: 'feed', body: fullSizeMaintainers(), etag: '"maintainers"' });
  const databaseDir = mkdtempSync(join(tmpdir(), 'kernelbot-bench-'));
  try {
    const env = {
      DATABASE_PATH: join(databaseDir, 'bot.db'),
      LOG_LEVEL: 'warn',
      FEED_SCHEDULE: '0 0 1 1 *',
      KERNEL_FEED_URL: feed.url,
      MAINTAINERS_URL: maintainers.url,
    };
    const args = prepareStartScript({ ...process.env, ...env });
    // As after `npm install`: the knowledge snapshot is current. (A bot that had to build its index
    // itself, after a code or knowledge change, idles about 6 MB higher until its next start.)
    execFileSync(process.execPath, ['scripts/build.mjs', '--prepare'], { cwd: ROOT, stdio: 'ignore' });
    const kb = await idleKilobytes(args, env, (fake) => fake.registeredCommands().length > 0 && feed.requests.length > 0 && maintainers.requests.length > 0);
    ctx.log(`idle bot RSS ${(kb / 1024).toFixed(1)} MB`);
    return {
      metric: 'idle RSS of the connected bot',
      scope: 'npm start',
      value: kb / 1024,
      unit: 'MB',
      target: { op: '<=', limit: IDLE_RSS_MB },
      note: 'the start script (bundle + node flags), after registration, the first feed poll, a full-size MAINTAINERS and 5 s idle',
    };
  } finally {
    await feed.close();
    await maintainers.close();
    rmSync(databaseDir, { recursive: true, force: true });
  }
}

/**
 * The same for a process that is only a logged-in discord.js client and a node-cron schedule,
 * bundled with the bot's esbuild options (scripts/bundle-options.mjs) and started like the bot: what
 * the fixed packages cost before the bot adds anything.
 */
async function floorRss(ctx: BenchContext): Promise<Row> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'kernelbot-floor-'));
  try {
    const outfile = join(dir, 'floor.mjs');
    await esbuild.build({ ...BUNDLE_OPTIONS, absWorkingDir: ROOT, entryPoints: ['bench/probes/discord-floor.ts'], outfile });
    const flags = startNodeArgs().slice(0, -1);
    const kb = await idleKilobytes([...flags, outfile], {}, () => true);
    ctx.log(`floor RSS ${(kb / 1024).toFixed(1)} MB`);
    return {
      metric: 'idle RSS of discord.js + node-cron alone',
      scope: 'floor',
      value: kb / 1024,
      unit: 'MB',
      note: 'a logged-in discord.js client and a cron schedule, bundled and started with the same flags: the part of the bot figure no bot code adds',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts `node <args>` against a fresh fake Discord, waits until it is logged in and `ready()`, then 5 s idle; VmRSS in kB. */
async function idleKilobytes(args: string[], env: Record<string, string>, ready: (fake: FakeDiscord) => boolean): Promise<number> {
  const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 5000, guilds: defaultGuilds() });
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase }, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await fake.waitFor(() => fake.gateway.activeSessions().length > 0 && ready(fake), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
    await fake.stop();
  }
}
