import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import cron from 'node-cron';
import { LOG_LEVELS } from './logger.ts';
import { RELEASE_KINDS } from './shared/release.ts';
import { closestName } from './shared/text.ts';

/** Every problem with the configuration, one clear line each; never a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`);
    this.name = 'ConfigError';
  }
}

/** The one place for settings' defaults and formats: the bot, the CLI and the release core read them here. */
const DEFAULT_DATABASE_PATH = './data/kernelbot.db';
export const DEFAULT_FEED_URL = 'https://www.kernel.org/feeds/kdist.xml';
export const DEFAULT_FEED_SCHEDULE = '*/15 * * * *';
export const DEFAULT_MAINTAINERS_URL = 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS';

/** A Discord id (user, channel, role, guild). */
export const SNOWFLAKE = /^\d{17,20}$/;

/** A cron expression node-cron accepts: five fields, or six with seconds. */
export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/** Subscription types: the release kinds plus end-of-life notices. */
export const ANNOUNCE_TYPES = [...RELEASE_KINDS, 'eol'] as const;
export type AnnounceType = (typeof ANNOUNCE_TYPES)[number];
/** linux-next is daily: only on request. */
export const DEFAULT_ANNOUNCE_TYPES: readonly AnnounceType[] = ['mainline', 'rc', 'stable', 'longterm', 'eol'];

/** Unknown words in an announcement type list; the message names the valid ones (for ANNOUNCE_TYPES; /announce words it per language). */
export class UnknownAnnounceTypes extends Error {
  constructor(readonly unknown: string[]) {
    super(`ANNOUNCE_TYPES: unknown type(s) ${unknown.join(', ')}; use ${ANNOUNCE_TYPES.join(', ')} or all`);
  }
}

/** Parses ANNOUNCE_TYPES (also /announce set types:); throws UnknownAnnounceTypes when a word is unknown. */
export function parseAnnounceTypes(text: string | null | undefined): AnnounceType[] {
  const words = (text ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length === 0) return [...DEFAULT_ANNOUNCE_TYPES];
  if (words.includes('all')) return [...ANNOUNCE_TYPES];
  const unknown = words.filter((w) => !(ANNOUNCE_TYPES as readonly string[]).includes(w));
  if (unknown.length) throw new UnknownAnnounceTypes(unknown);
  return ANNOUNCE_TYPES.filter((t) => words.includes(t));
}

const snowflake = (name: string) => z.string().regex(SNOWFLAKE, `${name} must be a Discord id (17–20 digits)`);

const schema = z.object({
  DISCORD_TOKEN: z
    .string()
    .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it again from the Developer Portal, Bot tab')
    .optional(),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/, error: 'DISCORD_API_BASE must be an http(s) URL such as https://discord.com/api' }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  KNOWLEDGE_DIR: z.string().min(1).optional(),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(DEFAULT_DATABASE_PATH)
    .superRefine((path, ctx) => {
      const problem = databasePathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', message: `DATABASE_PATH ${path} ${problem}` });
    }),
  DELIVERY_LEASE_SECONDS: z.coerce
    .number({ error: 'DELIVERY_LEASE_SECONDS must be a number of seconds' })
    .int('DELIVERY_LEASE_SECONDS must be a whole number of seconds')
    .min(1, 'DELIVERY_LEASE_SECONDS must be at least 1')
    .max(3600, 'DELIVERY_LEASE_SECONDS must be at most 3600')
    .default(60),
  GATEWAY_LEASE_SECONDS: z.coerce
    .number({ error: 'GATEWAY_LEASE_SECONDS must be a number of seconds' })
    .int('GATEWAY_LEASE_SECONDS must be a whole number of seconds')
    .min(3, 'GATEWAY_LEASE_SECONDS must be at least 3')
    .max(300, 'GATEWAY_LEASE_SECONDS must be at most 300')
    .default(15),
  SHARD_COUNT: z
    .string()
    .regex(/^(auto|[1-9]\d*)$/, 'SHARD_COUNT must be auto or a positive whole number')
    .optional(),
  // Checked against SHARD_COUNT in shardIdProblems (the two settings only make sense together).
  SHARD_IDS: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((id) => Number(id.trim()))),
  HTTP_PORT: z.coerce
    .number({ error: 'HTTP_PORT must be a port number' })
    .int('HTTP_PORT must be a port number')
    .min(0, 'HTTP_PORT must be between 0 and 65535')
    .max(65535, 'HTTP_PORT must be between 0 and 65535')
    .optional(),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL, e.g. postgres://kernelbot:secret@127.0.0.1:5432/kernelbot' }).optional(),
  KERNEL_FEED_URL: z.url({ protocol: /^https?$/, error: 'KERNEL_FEED_URL must be an http(s) URL' }).default(DEFAULT_FEED_URL),
  MAINTAINERS_URL: z.url({ protocol: /^https?$/, error: 'MAINTAINERS_URL must be an http(s) URL of a plain MAINTAINERS file' }).default(DEFAULT_MAINTAINERS_URL),
  KERNEL_GIT_URL: z
    .url({ protocol: /^https?$/, error: 'KERNEL_GIT_URL must be an http(s) URL of a cgit repository page, e.g. https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git' })
    .default('https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git')
    .transform((url) => url.replace(/\/+$/, '')),
  FEED_SCHEDULE: z.string().default(DEFAULT_FEED_SCHEDULE).refine(isValidSchedule, 'FEED_SCHEDULE is not a valid cron expression (five fields, or six with seconds)'),
  ANNOUNCE_CHANNEL_ID: snowflake('ANNOUNCE_CHANNEL_ID').optional(),
  ANNOUNCE_TYPES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return parseAnnounceTypes(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  ANNOUNCE_ROLE_ID: snowflake('ANNOUNCE_ROLE_ID').optional(),
  ANNOUNCE_LANGUAGE: z.enum(['en', 'de'], { error: 'ANNOUNCE_LANGUAGE must be en or de' }).optional(),
  MESSAGE_CONTENT_INTENT: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'MESSAGE_CONTENT_INTENT must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
});

export type Config = z.output<typeof schema>;

/**
 * SQLite on a pseudo-file (/proc, /sys, a device) or a directory never works and can spin forever:
 * refuse it before anything opens it.
 */
function databasePathProblem(path: string): string | null {
  if (path === ':memory:') return null;
  const full = resolve(path);
  if (/^\/(proc|sys|dev)(\/|$)/.test(full)) return 'is not a regular file (it is under /proc, /sys or /dev); use a path such as ./data/kernelbot.db';
  if (existsSync(full) && !statSync(full).isFile()) return 'is not a regular file; use a path such as ./data/kernelbot.db';
  return null;
}

/**
 * SHARD_IDS names this process's shards out of SHARD_COUNT: distinct whole numbers from 0 to
 * SHARD_COUNT-1. discord.js would otherwise fail at login with an unclear gateway error (4010).
 */
function shardIdProblems(count: string | undefined, ids: string | undefined): string[] {
  if (ids === undefined) return [];
  const items = ids.split(',').map((id) => id.trim());
  const bad = items.filter((id) => !/^\d+$/.test(id));
  if (bad.length > 0) return [`SHARD_IDS must be a comma-separated list of shard numbers, e.g. 0,1 (not a number: ${bad.map((id) => `"${id.slice(0, 20)}"`).join(', ')})`];
  if (count !== undefined && count !== 'auto' && !/^[1-9]\d*$/.test(count)) return []; // SHARD_COUNT's own message says it
  if (count === undefined || count === 'auto') return ['SHARD_IDS needs SHARD_COUNT set to the total number of shards, e.g. SHARD_COUNT=4 SHARD_IDS=0,1'];
  const problems: string[] = [];
  const outside = items.filter((id) => Number(id) >= Number(count));
  if (outside.length > 0) problems.push(`SHARD_IDS ${outside.join(', ')} outside 0..${Number(count) - 1} (SHARD_COUNT=${count}; shards are numbered from 0)`);
  const duplicates = [...new Set(items.filter((id, i) => items.findIndex((other) => Number(other) === Number(id)) !== i))];
  if (duplicates.length > 0) problems.push(`SHARD_IDS names shard ${duplicates.join(', ')} more than once`);
  return problems;
}

/**
 * Reads .env (if present) under the real environment, which wins, and validates everything.
 * `warn` hears about .env lines that are read but have no effect (a misspelt setting name).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env', warn: (message: string) => void = () => undefined): Config {
  const problems: string[] = [];
  let fileValues: Record<string, string> = {};
  if (envFile && existsSync(envFile)) {
    const text = readEnvFile(envFile);
    if (text === null) throw new ConfigError([`${envFile} cannot be read (is it a file this user may read?)`]);
    const { problems: syntax, validText, unknown } = checkEnvSyntax(text, envFile);
    problems.push(...syntax);
    unknown.forEach(warn);
    fileValues = parseEnv(validText) as Record<string, string>;
  }
  const merged: Record<string, string | undefined> = { ...fileValues };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  // An empty value means "not set", as in .env.example.
  for (const key of Object.keys(merged)) if (merged[key]?.trim() === '') merged[key] = undefined;
  if (merged.DISCORD_TOKEN) merged.DISCORD_TOKEN = merged.DISCORD_TOKEN.trim().replace(/^Bot\s+/i, '');

  const result = schema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      problems.push(issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`);
    }
  }
  problems.push(...shardIdProblems(merged.SHARD_COUNT, merged.SHARD_IDS));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** The .env text, without an editor's byte-order mark (it would become part of the first setting's name); null when it cannot be read. */
function readEnvFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

const SETTINGS: ReadonlySet<string> = new Set(Object.keys(schema.shape));

/**
 * Lines that are neither blank, comments nor KEY=value are reported (parseEnv would silently drop
 * them, or swallow the next line), and so is a value whose opening quote is never closed on its
 * line (parseEnv drops it when it is the last line, or runs it into the next ones); the valid lines
 * are still read so every other problem shows too. Names that are no setting come back in `unknown`.
 */
function checkEnvSyntax(text: string, file: string): { problems: string[]; validText: string; unknown: string[] } {
  const problems: string[] = [];
  const unknown: string[] = [];
  const valid: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const setting = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!setting) {
      problems.push(`${file} line ${i + 1}: expected KEY=value, got ${describeLine(trimmed)}`);
      return;
    }
    const [, name = '', value = ''] = setting;
    const quote = /^["'`]/.exec(value)?.[0];
    if (quote && !value.slice(1).includes(quote)) {
      problems.push(`${file} line ${i + 1}: the value of ${name} opens a ${quote} quote that is not closed on that line`);
      return;
    }
    if (!SETTINGS.has(name)) unknown.push(`${file} line ${i + 1}: ${name} is not a kernelbot setting and is ignored${didYouMean(name)}`);
    valid.push(line);
  });
  return { problems, validText: valid.join('\n'), unknown };
}

/** The setting a misspelt name most likely meant (at most three edits away), as " (did you mean X?)". */
function didYouMean(name: string): string {
  const setting = closestName(name.toUpperCase(), SETTINGS, 3);
  return setting ? ` (did you mean ${setting}?)` : '';
}

/** A malformed line may be a pasted secret: only a bare setting name is quoted back. */
function describeLine(line: string): string {
  return /^[A-Z][A-Z0-9_]{0,39}$/.test(line) ? `"${line}"` : `a line of ${line.length} characters (not shown: it may hold a secret)`;
}
