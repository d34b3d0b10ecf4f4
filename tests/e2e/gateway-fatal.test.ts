import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { defaultGuilds, TOKEN, APP } from '../support/bot-harness.ts';
import { ROOT } from '../support/run.ts';

/** A gateway close Discord never lets a bot recover from (4004: the token was reset) ends the process loudly. */
describe('a non-recoverable gateway close', () => {
  let fake: FakeDiscord | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake?.stop();
  });

  it('4004 (authentication failed) logs a fatal line and exits non-zero instead of staying up silent', async () => {
    fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP, botUserId: APP, heartbeatIntervalMs: 1000, guilds: defaultGuilds() });
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-fatal-')), 'bot.db'),
      LOG_LEVEL: 'info',
    };
    let stderr = '';
    const proc = spawn(process.execPath, ['--import=tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await fake.waitFor(() => stderr.includes('"msg":"connected to Discord"'), 90_000, () => stderr);

    fake.closeGateway(4004, 'Authentication failed.');
    await fake.waitFor(() => proc.exitCode !== null, 60_000, () => stderr.slice(-3000));
    expect(await exit).toBe(1);
    const fatal = stderr.split('\n').filter((line) => line.includes('"level":60'));
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(/"closeCode":4004/);
    expect(fatal[0]).toMatch(/the token was reset or is wrong/);
    expect(stderr).not.toContain(TOKEN);
  }, 150_000);
});
