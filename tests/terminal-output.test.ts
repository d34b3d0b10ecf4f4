import { afterEach, describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../src/app.ts';
import { runCli } from '../src/cli-app.ts';
import { COMMANDS } from '../commands/registry.ts';
import { useColour, visibleLength, wrapText } from '../src/terminal/format.ts';
import { localeLanguage } from '../src/terminal/repl.ts';
import { startFeedServer, type FeedServer } from './support/feed-server.ts';
import { FEED_2025_12_01 } from './releases/feed-states.ts';
import { nextRelease } from './support/release-feeds.ts';
import { ROOT } from './support/run.ts';
import { realKnowledge } from './support/knowledge.ts';

/** A stdout as a terminal has it (isTTY, columns), or as a pipe (neither). */
class Screen extends Writable {
  text = '';
  constructor(
    readonly isTTY?: boolean,
    readonly columns?: number,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** npm start without a token, in this process, with piped lines and the stdout given. */
async function terminal(lines: string[], options: { env?: Record<string, string>; stdout?: Screen } = {}): Promise<string> {
  const stdout = options.stdout ?? new Screen();
  const stderr = new Screen();
  const env = { DISCORD_TOKEN: '', LOG_LEVEL: 'error', LANG: 'C.UTF-8', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-term-')), 'k.db'), ...options.env };
  const code = await runApp({ env, cwd: ROOT, stdin: Readable.from([lines.join('\n')]), stdout, stderr, knowledge: () => realKnowledge().search }, new URL('../src/main.ts', import.meta.url).href);
  expect(stderr.text).toBe('');
  expect(code).toBe(0);
  return stdout.text;
}

const ANSI = new RegExp(String.raw`\x1b\[[0-9;]*m`);

describe('wrapping', () => {
  const text = '  • Sources and more: see https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=b700e7f03df5d92f85fa5247fe1f557528d3363d for the commit that added livepatch';

  it.each([30, 40, 80])('breaks at %i columns on spaces only, keeps URLs whole and lines up continuations with the bullet', (width) => {
    const lines = wrapText(text, width).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) if (!line.includes('https://')) expect(visibleLength(line)).toBeLessThanOrEqual(width);
    expect(lines.slice(1).every((line) => line.startsWith('    ') && !line.startsWith('     '))).toBe(true);
    // Joining the pieces gives the words back unchanged: nothing split, nothing lost.
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text.trim());
    expect(lines.some((l) => l.trim() === 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=b700e7f03df5d92f85fa5247fe1f557528d3363d')).toBe(true);
  });

  it('leaves short lines and blank lines alone and counts colour codes as nothing', () => {
    expect(wrapText('a\n\n  b', 40)).toBe('a\n\n  b');
    const coloured = `\x1b[1mStatus:\x1b[22m ${'word '.repeat(6).trim()}`;
    expect(wrapText(coloured, 40)).toBe(coloured);
  });

  it('wraps terminal answers at the terminal width, and at 80 columns on a pipe', async () => {
    const narrow = await terminal(['/feature kdbus'], { stdout: new Screen(false, 50) });
    const piped = await terminal(['/feature kdbus']);
    const tooLong = (out: string, width: number) => out.split('\n').filter((l) => visibleLength(l) > width && !/\S{30,}/.test(l));
    expect(tooLong(narrow, 50)).toEqual([]);
    expect(tooLong(piped, 80)).toEqual([]);
    expect(Math.max(...piped.split('\n').map(visibleLength))).toBeGreaterThan(50);
    expect(narrow).toContain('https://www.phoronix.com/news/KDBUS-Missing-Linux-4.1');
  });
});

describe('the lookup CLI', () => {
  const cli = async (args: string[], stdout: Screen, env: Record<string, string> = {}) => {
    const code = await runCli(args, { env, stdin: Readable.from(['']), stdout, stderr: new Screen(), knowledge: () => realKnowledge().search });
    expect(code).toBe(0);
    return stdout.text;
  };

  it('wraps (and colours) answers for a terminal, and leaves piped output as rendered', async () => {
    const tty = await cli(['feature', 'kdbus'], new Screen(true, 40), { NO_COLOR: '1' });
    expect(tty).not.toMatch(ANSI);
    expect(tty.split('\n').filter((l) => visibleLength(l) > 40 && !/\S{30,}/.test(l))).toEqual([]);
    expect(await cli(['feature', 'kdbus'], new Screen(true, 100))).toMatch(ANSI);
    const piped = await cli(['feature', 'kdbus'], new Screen());
    expect(piped).not.toMatch(ANSI);
    expect(Math.max(...piped.split('\n').map(visibleLength))).toBeGreaterThan(100);
    expect(await cli(['errno', 'EBUSY', '--json'], new Screen(true, 20))).toMatch(/^\{.*\}\n$/);
  });
});

describe('colour', () => {
  it('follows the NO_COLOR convention: a TTY gets colour unless NO_COLOR is set and not empty', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
  });

  it('colours headings and labels on a TTY, and writes plain text with NO_COLOR or on a pipe', async () => {
    const tty = await terminal(['/feature kdbus', '/nonsense'], { stdout: new Screen(true, 100) });
    expect(tty).toMatch(ANSI);
    expect(tty).toContain('\x1b[1m\x1b[36m== kdbus (D-Bus transport in the kernel) ==');
    expect(tty).toContain('\x1b[33mUnknown command /nonsense.');
    expect(await terminal(['/feature kdbus'], { stdout: new Screen(true, 100), env: { NO_COLOR: '1' } })).not.toMatch(ANSI);
    expect(await terminal(['/feature kdbus'])).not.toMatch(ANSI);
  });
});

describe('control characters', () => {
  it('never passes a control character or escape sequence from a piped line to the terminal', async () => {
    const line = 'zz \x1b[2J\x1b]0;t\x07 \x01\x7f\u009b1m';
    for (const stdout of [new Screen(true, 200), new Screen()]) {
      const shown = (await terminal([line, '/unknown\x1b[8m'], { stdout })).replaceAll(new RegExp(ANSI.source, 'g'), '');
      expect(shown).toContain('I have no confident answer to “zz [2J]0;t 1m”.');
      expect(shown).toContain('Unknown command /unknown[8m.');
      // eslint-disable-next-line no-control-regex -- the characters that must not reach the terminal
      expect(shown).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
  });
});

describe('locale', () => {
  it.each([
    [{ LANG: 'de_DE.UTF-8' }, 'de'],
    [{ LANG: 'C.UTF-8', LC_ALL: 'de_AT.UTF-8' }, 'de'],
    [{ LANG: 'de_DE.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'de_CH.UTF-8' }, 'de'],
    [{}, 'en'],
  ])('%j starts in %s', (env, lang) => expect(localeLanguage(env)).toBe(lang));

  it('prints the banner in the language of the locale', async () => {
    const german = await terminal([], { env: { LANG: 'de_DE.UTF-8' } });
    expect(german).toMatch(/^kernelbot \S+ – Terminal-Modus \(kein DISCORD_TOKEN gesetzt\)\. \d+ Einträge\.\nProbier: /);
    const english = await terminal([]);
    expect(english).toMatch(/^kernelbot \S+ – terminal mode \(no DISCORD_TOKEN set\)\. \d+ entries\.\nTry: /);
  });
});

describe('/help in the terminal', () => {
  it('lists exactly the commands the terminal runs, and each of them runs', async () => {
    const help = await terminal(['/help']);
    const listed = [...help.matchAll(/^• \/([a-z]+)/gm)].map((m) => m[1]);
    const runnable = COMMANDS.filter((c) => !c.adminOnly).map((c) => c.definition.name);
    expect(listed).toEqual([...runnable, 'lang', 'quit']);
    expect(help).toMatch(/Server settings \(\/announce, \/qa, \/refs, \/kb\) .* only on Discord/s);
    expect(help).not.toMatch(/^• \/(announce|qa|refs|kb)\b/m);

    const replies = (await terminal(runnable.map((name) => `/${name}`))).split('\n');
    expect(replies.filter((l) => /Unknown command/.test(l))).toEqual([]);
    const refused = await terminal(COMMANDS.filter((c) => c.adminOnly).map((c) => `/${c.definition.name} show`));
    expect(refused.match(/^\/(announce|qa|refs|kb) is a server setting and works only on Discord\./gm)).toHaveLength(4);
  });
});

describe('the README', () => {
  it('claims exactly the commands the terminal has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const claim = /The terminal has (.*?), plus `\/lang de\|en` and `\/quit`/s.exec(readme)?.[1] ?? '';
    const claimed = [...claim.matchAll(/`\/([a-z]+)`/g)].map((m) => m[1]);
    expect(claimed).toEqual(COMMANDS.filter((c) => !c.adminOnly).map((c) => c.definition.name));
    const discordOnly = /The server settings \((.*?)\)/s.exec(readme)?.[1] ?? '';
    expect([...discordOnly.matchAll(/`\/([a-z]+)`/g)].map((m) => m[1])).toEqual(COMMANDS.filter((c) => c.adminOnly).map((c) => c.definition.name));
  });
});

describe('/kernel in the terminal', () => {
  let feed: FeedServer | undefined;
  afterEach(() => feed?.close());

  it('fetches the kernel.org feed once, on the first /kernel', async () => {
    feed = await startFeedServer({ kind: 'feed', body: FEED_2025_12_01() });
    const out = await terminal(['/feature kdbus', '/kernel', '/kernel'], { env: { KERNEL_FEED_URL: feed.url } });
    expect(feed.requests).toHaveLength(1);
    expect(out.match(/^mainline\s+6\.18\s/gm)).toHaveLength(2);
    expect(out).toMatch(/^longterm\s+6\.12\.\d+\s/m);
    expect(out).toMatch(/As of kernel\.org feed checked just now/);
  });

  it('answers "what is the latest kernel?" from the same fetch as /kernel', async () => {
    feed = await startFeedServer({ kind: 'feed', body: FEED_2025_12_01() });
    const out = await terminal(['what is the latest kernel version?', 'welcher Kernel ist aktuell?', '/kernel'], { env: { KERNEL_FEED_URL: feed.url } });
    expect(feed.requests).toHaveLength(1);
    expect(out.match(/^mainline\s+6\.18\s/gm)).toHaveLength(3);
  });

  it('says a version past kernel.org\'s newest mainline is not out yet, for /release and "when is … coming out?"', async () => {
    feed = await startFeedServer({ kind: 'feed', body: nextRelease(FEED_2025_12_01(), '6.18', '7.4-rc7', new Date('2026-11-29T20:00:00Z')) });
    const out = (await terminal(['/release 7.4', 'when is 7.5 coming out?', 'wann kommt Linux 7.4?', '/release 7.3'], { env: { KERNEL_FEED_URL: feed.url } })).replace(/\s+/g, ' ');
    expect(out).toContain('Linux 7.4 is not out yet: the newest mainline release on kernel.org is 7.4-rc7 (29 November 2026). A release usually follows about a week after rc7 or rc8.');
    expect(out).toContain('Linux 7.5 is not out yet: the newest mainline release on kernel.org is 7.4-rc7 (29 November 2026).');
    expect(out).not.toContain('7.5 is not out yet: the newest mainline release on kernel.org is 7.4-rc7 (29 November 2026). A release');
    expect(out).toContain('Linux 7.4 ist noch nicht erschienen: Die neueste Mainline-Version auf kernel.org ist 7.4-rc7 (29. November 2026).');
    expect(out).toContain('== What Linux 7.3 brought ==');
    expect(feed.requests).toHaveLength(1);
  });

  it('says clearly why the feed could not be fetched, and tries again on the next /kernel', async () => {
    feed = await startFeedServer();
    feed.sequence([
      { kind: 'status', status: 503 },
      { kind: 'feed', body: '<html>maintenance</html>' },
      { kind: 'feed', body: FEED_2025_12_01() },
    ]);
    const out = await terminal(['/kernel', '/kernel', '/lang de', '/kernel'], { env: { KERNEL_FEED_URL: feed.url } });
    expect(out.replace(/\s+/g, ' ')).toContain(`The kernel.org release feed (${feed.url}) could not be fetched: the server answered HTTP 503.`);
    expect(out.replace(/\s+/g, ' ')).toMatch(/could not be fetched: the response is not a release feed/);
    expect(out).toMatch(/^mainline\s+6\.18\s/m);
    expect(out).toMatch(/Stand des kernel\.org-Feeds: abgerufen gerade eben/);
    expect(feed.requests).toHaveLength(3);
  });

  it('says so when nothing answers at all', async () => {
    feed = await startFeedServer();
    const url = feed.url;
    await feed.close();
    feed = undefined;
    const out = await terminal(['/kernel'], { env: { KERNEL_FEED_URL: url } });
    expect(out.replace(/\s+/g, ' ')).toContain(`The kernel.org release feed (${url}) could not be fetched: network error.`);
  });
});

describe('/maintainers in the terminal', () => {
  let server: FeedServer | undefined;
  afterEach(() => server?.close());

  it('fetches MAINTAINERS at a lookup that finds none, says why it failed and that the next /maintainers tries again', async () => {
    server = await startFeedServer();
    const file = readFileSync(new URL('./fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
    // 304 to a request without validators: nothing came, yet nothing failed either.
    server.sequence([
      { kind: 'status', status: 304 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 304 },
      { kind: 'status', status: 503 },
      { kind: 'feed', body: file },
    ]);
    const out = await terminal(['/maintainers btrfs', '/maintainers btrfs', '/lang de', '/maintainers btrfs', '/maintainers btrfs', '/maintainers btrfs', '/maintainers btrfs'], {
      env: { MAINTAINERS_URL: server.url },
    });
    const text = out.replace(/\s+/g, ' ');
    expect(text).toContain('No MAINTAINERS file is stored yet and kernel.org sent none; the next /maintainers tries again.');
    expect(text).toContain(`The MAINTAINERS file could not be fetched from kernel.org just now; the next /maintainers tries again. Last attempt: HTTP 503 Service Unavailable (${server.url})`);
    expect(text).toContain('Es ist noch keine MAINTAINERS-Datei gespeichert, und kernel.org hat keine geschickt; das nächste /maintainers versucht es erneut.');
    expect(text).toContain('Die MAINTAINERS-Datei ließ sich gerade nicht von kernel.org laden; das nächste /maintainers versucht es erneut. Letzter Versuch: der Server antwortete mit HTTP 503');
    // The promise holds: the next lookup fetched the file and answered; the one after used it without a request.
    expect(text.match(/Subsystem: BTRFS FILE SYSTEM/g)).toHaveLength(2);
    expect(server.requests).toHaveLength(5);
    expect(text).not.toMatch(/once a day|einmal täglich/);
  });
});
