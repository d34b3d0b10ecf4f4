import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../src/config.ts';

const TOKEN = `${'A'.repeat(24)}.${'b'.repeat(6)}.${'c'.repeat(27)}`;

function problems(env: Record<string, string>, envFileText?: string, envFile = ''): string[] {
  let file = envFile;
  if (envFileText !== undefined) {
    file = join(mkdtempSync(join(tmpdir(), 'kernelbot-config-')), '.env');
    writeFileSync(file, envFileText);
  }
  try {
    loadConfig(env, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: no token means terminal mode', () => {
    const config = loadConfig({}, '');
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.DATABASE_PATH).toBe('./data/kernelbot.db');
    expect(config.FEED_SCHEDULE).toBe('*/15 * * * *');
    expect(config.KERNEL_FEED_URL).toBe('https://www.kernel.org/feeds/kdist.xml');
  });

  it('treats empty values (as in .env.example) as unset and strips a "Bot " prefix from the token', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '' }, '').DISCORD_TOKEN).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: `Bot ${TOKEN}` }, '').DISCORD_TOKEN).toBe(TOKEN);
  });

  it('gives one clear message per problem', () => {
    const found = problems({
      DISCORD_TOKEN: 'not-a-token',
      LOG_LEVEL: 'loud',
      DISCORD_GUILD_ID: '12ab',
      ANNOUNCE_TYPES: 'mainline,weekly',
      KERNEL_FEED_URL: 'ftp://example.org/feed',
      FEED_SCHEDULE: '61 * * * *',
      MESSAGE_CONTENT_INTENT: 'perhaps',
    });
    expect(found).toEqual([
      expect.stringMatching(/^DISCORD_TOKEN does not look like a bot token/),
      expect.stringMatching(/^DISCORD_GUILD_ID must be a Discord id/),
      expect.stringMatching(/^LOG_LEVEL must be one of fatal, error/),
      expect.stringMatching(/^KERNEL_FEED_URL must be an http\(s\) URL/),
      expect.stringMatching(/^FEED_SCHEDULE is not a valid cron expression/),
      expect.stringMatching(/^ANNOUNCE_TYPES: unknown type\(s\) weekly; use mainline, rc/),
      expect.stringMatching(/^MESSAGE_CONTENT_INTENT must be true or false/),
    ]);
  });

  it('never puts the token value into an error message', () => {
    const secret = `${'Z'.repeat(24)}.${'y'.repeat(6)}`;
    const found = problems({ DISCORD_TOKEN: secret });
    expect(found).toEqual([expect.stringMatching(/^DISCORD_TOKEN does not look like a bot token/)]);
    expect(found.join('\n')).not.toMatch(/Z{4}|y{4}/); // not even part of it
    // A token pasted alone on a line of .env is reported by its length only.
    const pasted = problems({}, `${TOKEN}\n`);
    expect(pasted).toEqual([expect.stringMatching(/^\S*\.env line 1: expected KEY=value, got a line of \d+ characters/)]);
    expect(pasted.join('\n')).not.toMatch(/A{4}|b{4}|c{4}/);
  });

  it('reads .env, lets the real environment win, and reports malformed lines', () => {
    const config = loadConfig({ LOG_LEVEL: 'debug' }, writeEnv('LOG_LEVEL=warn\nANNOUNCE_TYPES=stable, eol\n# comment\n'));
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.ANNOUNCE_TYPES).toEqual(['stable', 'eol']);
    expect(problems({}, 'DISCORD_TOKEN\nLOG_LEVEL=warn\n')).toEqual([expect.stringMatching(/\.env line 1: expected KEY=value, got "DISCORD_TOKEN"$/)]);
  });

  it('reads the first setting of a .env saved with a byte-order mark', () => {
    expect(loadConfig({}, writeEnv('\uFEFFLOG_LEVEL=warn\r\nANNOUNCE_LANGUAGE=de\r\n')).LOG_LEVEL).toBe('warn');
    expect(problems({}, '\uFEFFLOG_LEVEL=loud\n')).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of/)]);
  });

  it('says so when .env is there but cannot be read', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kernelbot-config-')), '.env');
    mkdirSync(dir);
    expect(problems({}, undefined, dir)).toEqual([`${dir} cannot be read (is it a file this user may read?)`]);
  });

  it('reports a quote that is never closed instead of dropping the setting or swallowing the next lines', () => {
    expect(problems({}, 'LOG_LEVEL="warn')).toEqual([expect.stringMatching(/\.env line 1: the value of LOG_LEVEL opens a " quote that is not closed on that line$/)]);
    const found = problems({}, "DISCORD_TOKEN='secret-part\nLOG_LEVEL=warn\n");
    expect(found).toEqual([expect.stringMatching(/\.env line 1: the value of DISCORD_TOKEN opens a ' quote that is not closed on that line$/)]);
    expect(found.join('\n')).not.toContain('secret');
    expect(loadConfig({}, writeEnv('LOG_LEVEL="warn" # quoted, with a comment\n')).LOG_LEVEL).toBe('warn');
  });

  it('warns about a .env name that is no setting, with the setting it probably meant', () => {
    const warnings: string[] = [];
    const config = loadConfig({}, writeEnv('DISCORD_TOKN=abc\nlog_level=debug\nPOSTGRES_PASSWORD=x\n'), (warning) => warnings.push(warning));
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/\.env line 1: DISCORD_TOKN is not a kernelbot setting and is ignored \(did you mean DISCORD_TOKEN\?\)$/),
      expect.stringMatching(/\.env line 2: log_level is not a kernelbot setting and is ignored \(did you mean LOG_LEVEL\?\)$/),
      expect.stringMatching(/\.env line 3: POSTGRES_PASSWORD is not a kernelbot setting and is ignored$/),
    ]);
  });

  it('reads ANNOUNCE_TYPES with the release module\'s parser: "all", spaces and commas', () => {
    expect(loadConfig({ ANNOUNCE_TYPES: 'all' }, '').ANNOUNCE_TYPES).toEqual(['mainline', 'rc', 'stable', 'longterm', 'linux-next', 'eol']);
    expect(loadConfig({ ANNOUNCE_TYPES: 'mainline stable' }, '').ANNOUNCE_TYPES).toEqual(['mainline', 'stable']);
    expect(loadConfig({ ANNOUNCE_TYPES: 'Stable, EOL' }, '').ANNOUNCE_TYPES).toEqual(['stable', 'eol']);
  });

  it('reads ANNOUNCE_LANGUAGE as en or de; empty is unset', () => {
    expect(loadConfig({ ANNOUNCE_LANGUAGE: 'de' }, '').ANNOUNCE_LANGUAGE).toBe('de');
    expect(loadConfig({ ANNOUNCE_LANGUAGE: '' }, '').ANNOUNCE_LANGUAGE).toBeUndefined();
    expect(problems({ ANNOUNCE_LANGUAGE: 'deutsch' })).toEqual(['ANNOUNCE_LANGUAGE must be en or de']);
  });

  it('never echoes a malformed .env line that could hold a secret', () => {
    const found = problems({}, `${TOKEN}\n`);
    expect(found).toEqual([expect.stringMatching(/\.env line 1: expected KEY=value/)]);
    for (const part of TOKEN.split('.')) expect(found.join('\n')).not.toContain(part.slice(0, 8));
    const colon = problems({}, 'DISCORD_TOKEN: abc.def\n');
    expect(colon).toEqual([expect.stringMatching(/\.env line 1: expected KEY=value/)]);
    expect(colon.join('\n')).not.toMatch(/abc|\.def/);
  });

  it('checks SHARD_IDS against SHARD_COUNT: numbers, range, duplicates, and SHARD_COUNT set', () => {
    expect(loadConfig({ SHARD_COUNT: '4', SHARD_IDS: '0, 3' }, '').SHARD_IDS).toEqual([0, 3]);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '1,4,7' })).toEqual(['SHARD_IDS 4, 7 outside 0..3 (SHARD_COUNT=4; shards are numbered from 0)']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '1,2,01' })).toEqual(['SHARD_IDS names shard 01 more than once']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '0,one,-1' })).toEqual([expect.stringMatching(/^SHARD_IDS must be a comma-separated list of shard numbers.*"one", "-1"/)]);
    expect(problems({ SHARD_COUNT: '2', SHARD_IDS: '0,' })).toEqual([expect.stringMatching(/^SHARD_IDS must be .*not a number: ""\)$/)]);
    expect(problems({ SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^SHARD_IDS needs SHARD_COUNT set/)]);
    expect(problems({ SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^SHARD_IDS needs SHARD_COUNT set/)]);
    expect(problems({ SHARD_COUNT: 'three', SHARD_IDS: '0' })).toEqual(['SHARD_COUNT must be auto or a positive whole number']);
  });

  it('accepts a six-field schedule with seconds (for tests)', () => {
    expect(loadConfig({ FEED_SCHEDULE: '*/2 * * * * *' }, '').FEED_SCHEDULE).toBe('*/2 * * * * *');
  });
});

function writeEnv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kernelbot-config-')), '.env');
  writeFileSync(file, text);
  return file;
}
