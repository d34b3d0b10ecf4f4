import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { defaultGuilds, TOKEN, APP, GENERAL, ALICE, GUILD } from '../support/bot-harness.ts';
import { runScript, spawnBotProcess } from '../support/run.ts';
import { deployInProcess } from '../support/in-process.ts';

/**
 * The spawned smoke tests of the Discord entry points: `npm start` with a token (build/main.js with
 * the start script's flags, as an admin runs it) and `npm run deploy`. One bot process connects, registers, answers, survives an
 * event discord.js cannot digest, and ends loudly when Discord closes the gateway for good. A clean
 * SIGTERM shutdown is checked by the crash tests (announcements-process, postgres-processes), which
 * stop their surviving processes that way; everything else runs in process (tests/e2e/bot.test.ts).
 */
const answerTitle = async (interaction: ReturnType<FakeDiscord['slash']>) => ((await interaction.answer(30_000)) as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title;

describe('the bot as a process', () => {
  let fake: FakeDiscord;
  let child: ChildProcess;
  let log: () => string;
  let exit: Promise<number | null>;

  beforeAll(async () => {
    // Discord's 3-second answer window is tested in process (bot.test.ts: deferral); here a freshly
    // started process on a loaded machine may need longer for its first answer, and that is no failure.
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, guilds: defaultGuilds(), interactionDeadlineMs: 30_000 });
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-proc-')), 'bot.db'),
      LOG_LEVEL: 'debug',
    };
    const bot = spawnBotProcess(env);
    child = bot.child;
    exit = bot.exit;
    log = bot.log;
    await fake.waitFor(
      () => fake.registeredCommands().length > 0 && log().includes('"msg":"connected to Discord"'),
      90_000,
      () => log().slice(-3000),
    );
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake.stop();
  });

  it('answers a slash command', async () => {
    expect(await answerTitle(fake.slash('feature', { name: 'kdbus' }, { user: ALICE, channelId: GENERAL }))).toMatch(/^kdbus/);
  }, 60_000);

  it('logs a malformed interaction payload by a last-resort handler, and answers the next command', async () => {
    // A slash command without user, member, channel or data options: discord.js throws while building it.
    fake.dispatch('INTERACTION_CREATE', { id: '1600000000000000001', application_id: APP, type: 2, token: 'x'.repeat(80), version: 1, guild_id: GUILD, data: { id: '1', name: 'feature', type: 1 } });
    await fake.waitFor(
      () => /last-resort/.test(log()),
      30_000,
      () => log().slice(-3000),
    );
    expect(child.exitCode).toBeNull();
    expect(await answerTitle(fake.slash('feature', { name: 'btrfs' }, { user: ALICE, channelId: GENERAL }))).toMatch(/^Btrfs/i);
    expect(child.exitCode).toBeNull();
  }, 60_000);

  it('npm run deploy registers every command to the development guild', async () => {
    const { code, stdout } = await runScript('src/discord/deploy-cli.ts', [], { env: { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: GUILD }, timeoutMs: 60_000 });
    expect(stdout).toMatch(/^Registered \d+ commands to guild 1300000000000000001\.\n$/);
    expect(code).toBe(0);
    const names = fake.registeredCommands(GUILD).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['feature', 'ask', 'release', 'kernel', 'announce', 'qa', 'kb', 'Find kernel answer']));
  }, 90_000);

  it('ends with one fatal line and exit code 1 when Discord closes the gateway for good (4004), never logging the token', async () => {
    fake.closeGateway(4004, 'Authentication failed.');
    await fake.waitFor(
      () => child.exitCode !== null,
      60_000,
      () => log().slice(-3000),
    );
    expect(await exit).toBe(1);
    const fatal = log()
      .split('\n')
      .filter((line) => line.includes('"level":60'));
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(/"closeCode":4004/);
    expect(fatal[0]).toMatch(/the token was reset or is wrong/);
    expect(log()).toMatch(/"msg":"shutting down"/);
    expect(log()).not.toContain(TOKEN);
  }, 90_000);
});

describe('npm run deploy in process', () => {
  it('says clearly that it needs a token', async () => {
    const { code, stdout, stderr } = await deployInProcess({ env: { DISCORD_TOKEN: '' } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ {2}- DISCORD_TOKEN is required for npm run deploy$/m);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('registers globally without DISCORD_GUILD_ID, and says a failed request clearly', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: defaultGuilds() });
    try {
      const global = await deployInProcess({ env: { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase } });
      expect(global.stderr).toBe('');
      expect(global.stdout).toMatch(/^Registered \d+ commands globally \(may take up to an hour to appear\)\.\n$/);
      expect(global.code).toBe(0);
      expect(fake.registeredCommands().map((c) => c.name)).toEqual(expect.arrayContaining(['feature', 'Find kernel answer']));
      const wrongToken = await deployInProcess({ env: { DISCORD_TOKEN: `${'N'.repeat(24)}.${'a'.repeat(6)}.${'b'.repeat(27)}`, DISCORD_API_BASE: fake.apiBase } });
      expect(wrongToken.code).toBe(1);
      expect(wrongToken.stderr).toMatch(/^deploy failed: /);
      expect(wrongToken.stderr).not.toContain('N'.repeat(24));
    } finally {
      await fake.stop();
    }
  });
});
