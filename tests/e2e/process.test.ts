import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { defaultGuilds, TOKEN, APP, GENERAL, ALICE, GUILD } from '../support/bot-harness.ts';
import { ROOT, runScript } from '../support/run.ts';

/** `npm start` with a token, as an admin runs it: connects, registers, answers, and stops cleanly on SIGTERM. */
describe('the bot as a process', () => {
  let fake: FakeDiscord;
  let child: ChildProcess;
  let stderr = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: defaultGuilds() });
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-proc-')), 'bot.db'),
      LOG_LEVEL: 'debug',
    };
    child = spawn(process.execPath, ['--import=tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await fake.waitFor(() => fake.registeredCommands().length > 0, 20_000);
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.stop();
  });

  it('answers a slash command', async () => {
    const reply = await fake.slash('feature', { name: 'kdbus' }, { user: ALICE, channelId: GENERAL }).reply(10_000);
    expect((reply.data as { embeds: { title: string }[] }).embeds[0]?.title).toMatch(/^kdbus/);
  });

  it('npm run deploy registers every command to the development guild', async () => {
    const { code, stdout } = await runScript('src/discord/deploy-cli.ts', [], { env: { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: GUILD } });
    expect(stdout).toMatch(/Registered \d+ commands to guild/);
    expect(code).toBe(0);
    const names = fake.registeredCommands(GUILD).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['feature', 'ask', 'release', 'kernel', 'announce', 'qa', 'kb', 'Find kernel answer']));
  });

  it('npm run deploy without a token says so clearly', async () => {
    const { code, stderr } = await runScript('src/discord/deploy-cli.ts', [], { env: { DISCORD_TOKEN: '' } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DISCORD_TOKEN is required for npm run deploy/);
  });

  it('shuts down cleanly on SIGTERM and never logs the token', async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/"msg":"connected to Discord"/);
    expect(stderr).toMatch(/"msg":"shutting down"/);
    expect(stderr).not.toContain(TOKEN);
  });
});
