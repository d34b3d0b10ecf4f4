import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { defaultGuilds, TOKEN, APP, ALICE, GENERAL, GUILD } from '../support/bot-harness.ts';
import { ROOT } from '../support/run.ts';

/** A gateway event discord.js cannot digest must not end the process: it is logged and the bot keeps serving. */
describe('a malformed interaction payload', () => {
  let fake: FakeDiscord | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake?.stop();
  });

  it('is logged by a last-resort handler, and the next command is answered', async () => {
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: defaultGuilds() });
    const env = { ...process.env, DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-malformed-')), 'bot.db'), LOG_LEVEL: 'info' };
    let stderr = '';
    const proc = spawn(process.execPath, ['--import=tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await fake.waitFor(() => fake!.registeredCommands().length > 0 && stderr.includes('"msg":"connected to Discord"'), 90_000, () => stderr);

    // A slash command without user, member, channel or data options: discord.js throws while building it.
    fake.dispatch('INTERACTION_CREATE', { id: '1600000000000000001', application_id: APP, type: 2, token: 'x'.repeat(80), version: 1, guild_id: GUILD, data: { id: '1', name: 'feature', type: 1 } });
    await fake.waitFor(() => /last-resort/.test(stderr), 30_000, () => stderr);
    expect(proc.exitCode).toBeNull();

    const reply = await fake.slash('feature', { name: 'kdbus' }, { user: ALICE, channelId: GENERAL }).reply(30_000);
    expect((reply.data as { embeds: { title: string }[] }).embeds[0]?.title).toMatch(/^kdbus/);
  }, 180_000);
});
