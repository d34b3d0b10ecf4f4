import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeDiscord } from './fake-discord/index.ts';
import type { FakeGuildSpec, FakeRateLimitOptions, PrivilegedIntentName } from './fake-discord/types.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { COMMANDS } from '../../commands/registry.ts';
import type { CommandDeps, RegisteredCommand } from '../../commands/command.ts';
import { realKnowledge } from './knowledge.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';
import { KnowledgeSearch } from '../../src/search/index.ts';
import { OFFLINE_KERNEL_ORG } from './offline.ts';

export const TOKEN = `${'M'.repeat(24)}.${'a'.repeat(6)}.${'b'.repeat(27)}`;
export const APP = '1100000000000000001';
export const GUILD = '1300000000000000001';
export const GUILD_DE = '1300000000000000002';
export const GENERAL = '1300000000000000010';
export const RANDOM = '1300000000000000011';
export const LOCKED = '1300000000000000012';
export const FORUM = '1300000000000000013';
export const GENERAL_DE = '1300000000000000020';
export const MOD_ROLE = '1300000000000000030';
export const ALICE = { id: '1400000000000000001', username: 'alice' };
export const BOB = { id: '1400000000000000002', username: 'bob' };
export const MOD = { id: '1400000000000000003', username: 'mod' };

const BOT_PERMISSIONS = ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory', 'SendMessagesInThreads', 'ManageThreads'];

export function defaultGuilds(): FakeGuildSpec[] {
  return [
    {
      id: GUILD,
      name: 'Kernel Hackers',
      preferred_locale: 'en-US',
      roles: [{ id: MOD_ROLE, name: 'mods', permissions: ['ManageGuild'] }],
      members: [{ user: MOD, roles: [MOD_ROLE] }],
      bot: { permissions: BOT_PERMISSIONS },
      channels: [
        { id: GENERAL, name: 'general', type: 'text' },
        { id: RANDOM, name: 'random', type: 'text' },
        { id: LOCKED, name: 'announcements', type: 'text', permission_overwrites: [{ id: APP, type: 'member', deny: ['SendMessages'] }] },
        {
          id: FORUM,
          name: 'help',
          type: 'forum',
          available_tags: [
            { id: '1300000000000000040', name: 'solved' },
            { id: '1300000000000000041', name: 'question' },
          ],
        },
      ],
    },
    {
      id: GUILD_DE,
      name: 'Kernel-Runde',
      preferred_locale: 'de',
      bot: { permissions: BOT_PERMISSIONS },
      channels: [{ id: GENERAL_DE, name: 'allgemein', type: 'text' }],
    },
  ];
}

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  logs: Record<string, unknown>[];
  databasePath: string;
  /** A new bot process on the same database; `without` drops entries from its knowledge base. */
  restart(options?: { without?: string[] }): Promise<RunningBot>;
  /**
   * Resolves once the bot has handled a gateway event for this message or thread `times` times in
   * all (answered or ignored): check that nothing was posted only after this signal.
   */
  handled(event: 'mention' | 'text-question' | 'forum-post' | 'kernel-refs', id: string, times?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A fake Discord on 127.0.0.1 and the real bot (real discord.js client, real SQLite file) connected to it. */
export async function startHarness(
  options: {
    extraCommands?: RegisteredCommand[];
    env?: Record<string, string>;
    deferAfterMs?: number;
    guilds?: FakeGuildSpec[];
    /** Discord-like rate limits enforced by the fake (none by default). */
    rateLimits?: FakeRateLimitOptions;
    /** The release announcements' clock, kept across restarts (default: the system clock). */
    clock?: Clock;
    /** Log level of the captured logs (default debug). */
    logLevel?: 'debug' | 'info' | 'warn';
    /** Privileged intents the fake grants (e.g. MessageContent for Q&A text channels). */
    allowedPrivilegedIntents?: PrivilegedIntentName[];
    /** Round-trip time added to every REST request by a proxy in front of the fake (default none: loopback). */
    restLatencyMs?: number;
  } = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APP,
    botUserId: APP,
    botUsername: 'kernelbot',
    heartbeatIntervalMs: 1000,
    guilds: options.guilds ?? defaultGuilds(),
    rateLimits: options.rateLimits,
    allowedPrivilegedIntents: options.allowedPrivilegedIntents,
  });
  const databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-e2e-')), 'kernelbot.db');
  const logs: Record<string, unknown>[] = [];
  const { entries, search } = realKnowledge();
  const depsWithout = (without: string[] = []): CommandDeps => ({
    search: without.length > 0 ? new KnowledgeSearch(entries.filter((e) => !without.includes(e.id))) : search,
    commands: [...COMMANDS, ...(options.extraCommands ?? [])],
    botVersion: 'test',
    now: () => new Date(),
  });
  const proxy: LatencyProxy | null = options.restLatencyMs ? await startLatencyProxy(fake.apiBase, options.restLatencyMs) : null;
  const config = loadConfig({ ...OFFLINE_KERNEL_ORG, DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: proxy?.apiBase ?? fake.apiBase, DATABASE_PATH: databasePath, ...options.env }, '');
  const start = (without?: string[]) =>
    startBot(config, depsWithout(without), { logger: capturingLogger(logs, options.logLevel), handleSignals: false, deferAfterMs: options.deferAfterMs, clock: options.clock });
  const harness: Harness = {
    fake,
    bot: await start(),
    logs,
    databasePath,
    async restart(restartOptions = {}) {
      await harness.bot.stop();
      harness.bot = await start(restartOptions.without);
      return harness.bot;
    },
    async handled(event, id, times = 1) {
      const count = () => logs.filter((l) => l.msg === 'event handled' && l.event === event && l.id === id).length;
      await fake.waitFor(
        () => count() >= times,
        10_000,
        () => `${event} ${id} handled ${count()} of ${times} times`,
      );
    },
    async stop() {
      await harness.bot.stop();
      await proxy?.close();
      await fake.stop();
      rmSync(dirname(databasePath), { recursive: true, force: true });
    },
  };
  return harness;
}

/** A pino logger (with the same redaction as production) whose JSON lines the test can read. */
function capturingLogger(logs: Record<string, unknown>[], level: 'debug' | 'info' | 'warn' = 'debug'): Logger {
  return createLogger({ level, token: TOKEN, destination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) } });
}
