import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInProcess } from './support/in-process.ts';

/**
 * npm start without a token: the terminal mode, driven in process through piped stdin (the same
 * runApp src/main.ts calls; tests/snapshot.test.ts starts the real `npm start` process once).
 */
describe('terminal mode', () => {
  it('answers every piped line, in both languages, and exits at end of input', async () => {
    const input = ['/feature kdbus', 'Was ist Live-Patching?', '', '/nonsense', '/release 3.19', '/lang de', '/feature kdbus', '/help', 'how do I install Steam'].join('\n');
    const { code, stdout, stderr } = await startInProcess({ input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/terminal mode/);
    expect(stdout).toMatch(/== kdbus \(D-Bus transport in the kernel\) ==/);
    expect(stdout).toMatch(/== Kernel live patching/i);
    expect(stdout).toMatch(/Type a question, or a command/); // empty line
    expect(stdout).toMatch(/Unknown command \/nonsense/);
    expect(stdout).toMatch(/== What Linux 3\.19 brought ==/);
    expect(stdout).toMatch(/Antworten ab jetzt auf Deutsch/);
    expect(stdout).toMatch(/Status: nie aufgenommen/);
    expect(stdout).toMatch(/• \/feature <Name>/);
    expect(stdout).toMatch(/Nicht in meiner Wissensbasis/);
  });

  it('suggests the command a misspelt one most likely meant, in the session language', async () => {
    const { stdout } = await startInProcess({ input: ['/maintainer fs/ext4/inode.c', '/relase 6.1', '/lang de', '/featur kdbus', '/xyzzy'].join('\n') });
    expect(stdout).toMatch(/Unknown command \/maintainer\. Did you mean \/maintainers\?/);
    expect(stdout).toMatch(/Unknown command \/relase\. Did you mean \/release\?/);
    expect(stdout).toMatch(/Unbekannter Befehl \/featur\. Meintest du \/feature\?/);
    // Nothing close: the general hint instead of a guess.
    expect(stdout).toMatch(/Unbekannter Befehl \/xyzzy\. Stell eine Frage oder nutze einen Befehl/);
  });

  it('asks for words when a question has nothing to search for (mentions, emoji, punctuation)', async () => {
    const { stdout } = await startInProcess({ input: ['/ask <@123456789012345678> 🐧', '/lang de', '/ask ***'].join('\n') });
    expect(stdout).toMatch(/There is nothing in that to search for: ask in words/);
    expect(stdout).toMatch(/Darin ist nichts, wonach ich suchen kann/);
    expect(stdout).not.toMatch(/no confident answer|keine verlässliche Antwort/);
  });

  it('answers a plain question in its own language until /lang picks one', async () => {
    const { stdout } = await startInProcess({
      input: ['Was genau ist Live-Patching und wie funktioniert es?', 'What is kernel live patching?', '/lang en', 'Was genau ist Live-Patching und wie funktioniert es?'].join('\n'),
      env: { LANG: 'C.UTF-8' },
    });
    const headings = stdout.match(/^Status: .*$/gm) ?? [];
    expect(headings, stdout).toHaveLength(3);
    expect(headings[0]).toMatch(/^Status: aufgenommen/);
    expect(headings[1]).toMatch(/^Status: merged/);
    expect(headings[2]).toMatch(/^Status: merged/);
  });

  it('gives one answer per line for Windows line ends and stray carriage returns', async () => {
    const { code, stdout } = await startInProcess({ input: '/feature kdbus\r\nwhat is\rf2fs?\r\n' });
    expect(code).toBe(0);
    expect(stdout.match(/^== /gm)).toHaveLength(2);
    expect(stdout).toMatch(/== F2FS/);
    expect(stdout).not.toMatch(/Not in my knowledge base/); // "what is" alone was never asked
    expect(stdout).not.toMatch(/Type a question, or a command/); // no empty extra line
  });

  it.each(['/proc/self/status', '/dev/null', '/tmp'])('refuses DATABASE_PATH=%s (not a regular file) at once with a clear message', async (path) => {
    const { code, stderr } = await startInProcess({ input: '/feature kdbus\n', env: { DATABASE_PATH: path } });
    expect(code).toBe(1);
    expect(stderr).toContain(`DATABASE_PATH ${path} is not a regular file`);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says in one line which DATABASE_PATH cannot be used and still answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-db-'));
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database, but someone pointed DATABASE_PATH at it\n'.repeat(200));
    const { code, stdout, stderr } = await startInProcess({ input: '/feature kdbus\n', env: { DATABASE_PATH: notes } });
    expect(code).toBe(0);
    expect(stderr).toBe(`DATABASE_PATH ${notes} is not a SQLite database; answering without the bot's stored data (/kernel and /maintainers fetch from kernel.org)\n`);
    expect(stdout).toMatch(/== kdbus \(D-Bus transport in the kernel\) ==/);

    const underFile = join(notes, 'kernelbot.db');
    const nested = await startInProcess({ input: '/feature kdbus\n', env: { DATABASE_PATH: underFile } });
    expect(nested.stderr).toBe(
      `DATABASE_PATH ${underFile} cannot be created: something on the way to ${notes} is a file, not a directory; answering without the bot's stored data (/kernel and /maintainers fetch from kernel.org)\n`,
    );
  });

  it('stops the bot with one line naming DATABASE_PATH when the file is no database', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'kernelbot-db-')), 'notes.txt');
    writeFileSync(notes, 'plain text\n'.repeat(500));
    const token = `${'M'.repeat(24)}.${'a'.repeat(6)}.${'b'.repeat(27)}`;
    const { code, stderr } = await startInProcess({ env: { DISCORD_TOKEN: token, DISCORD_API_BASE: 'http://127.0.0.1:9/api', DATABASE_PATH: notes } });
    expect(code).toBe(1);
    expect(stderr).toBe(`kernelbot could not start: DATABASE_PATH ${notes} is not a SQLite database\n`);
  });

  it('starts in German on a German system locale', async () => {
    const { stdout } = await startInProcess({ input: '/feature kdbus\n', env: { LANG: 'de_DE.UTF-8' } });
    expect(stdout).toMatch(/== kdbus \(D-Bus-Transport im Kernel\) ==/);
  });

  it('reads /lang and /quit in any case and with trailing words, as it does every other command', async () => {
    const { code, stdout } = await startInProcess({ input: '/LANG DE\n/Quit now\n/feature kdbus\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Antworten ab jetzt auf Deutsch/);
    expect(stdout).not.toMatch(/== kdbus/);
  });

  it('asks for the missing argument of a command', async () => {
    const { stdout } = await startInProcess({ input: '/feature\n/release\n' });
    expect(stdout).toMatch(/\/feature <name>/);
    expect(stdout).toMatch(/\/release <version>/);
  });

  it('reports a malformed .env with one clear line per problem and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-env-'));
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=loud\nthis line is wrong\nFEED_SCHEDULE=every minute\n');
    const { code, stderr } = await startInProcess({ cwd: dir, env: { LOG_LEVEL: undefined } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.env line 2: expected KEY=value/);
    expect(stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(stderr).toMatch(/FEED_SCHEDULE is not a valid cron expression/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names a misspelt .env setting on stderr and still starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-env-'));
    writeFileSync(join(dir, '.env'), 'DISCORD_TOKN=abc\n');
    const { code, stdout, stderr } = await startInProcess({ cwd: dir, input: '/feature kdbus\n' });
    expect(code).toBe(0);
    expect(stderr).toBe(`${join(dir, '.env')} line 1: DISCORD_TOKN is not a kernelbot setting and is ignored (did you mean DISCORD_TOKEN?)\n`);
    expect(stdout).toMatch(/terminal mode/);
  });
});
