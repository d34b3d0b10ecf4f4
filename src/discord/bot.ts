import { Events, REST, RESTEvents, Routes, type Client } from 'discord.js';
import type { APIUser } from 'discord-api-types/v10';
import type { Config } from '../config.ts';
import type { CommandDeps } from '../../commands/command.ts';
import { createLogger, type Logger } from '../logger.ts';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { openStore, type Store } from '../store/store.ts';
import { lockSqliteFile } from '../store/sqlite-lock.ts';
import { BotMetrics } from '../ops/metrics.ts';
import { startOpsServer, type OpsServer, type Role } from '../ops/server.ts';
import { BOT_VERSION } from '../version.ts';
import { createDiscordClient } from './client.ts';
import { createInteractionRouter } from './router.ts';
import { createMentionHandler } from './mentions.ts';
import { RecentAnswers } from './recent-answers.ts';
import { syncCommands } from './deploy.ts';
import { createChannelAccess, createDiscordSender } from './announcement-ports.ts';
import { startReleaseAnnouncements, type ReleaseAnnouncements } from '../releases/wiring.ts';
import { dropEveryoneRole } from '../releases/env-subscription.ts';
import { QaService } from '../qa/service.ts';
import { systemClock } from '../shared/clock.ts';
import { createForumPostHandler, createTextQuestionHandler } from './qa-events.ts';
import { createRefsHandler } from './refs-events.ts';
import { startKernelLookups } from '../kernel/wiring.ts';
import type { Clock } from '../shared/clock.ts';
import { GatewayLease } from './gateway-lease.ts';

export interface RunningBot {
  /** The gateway client (a fresh one after each takeover; never logged in while standing by). */
  readonly client: Client;
  /** active: logged in to the gateway; standby: another process holds the gateway lease (Postgres, one shard). */
  readonly role: Role;
  store: Store;
  logger: Logger;
  releases: ReleaseAnnouncements;
  metrics: BotMetrics;
  /** The operations endpoints' base URL when HTTP_PORT is set. */
  opsUrl: string | null;
  stop(): Promise<void>;
}

export interface BotOptions {
  logger?: Logger;
  /** Exit on SIGINT/SIGTERM after a clean shutdown (the real process; tests stop the bot themselves). */
  handleSignals?: boolean;
  deferAfterMs?: number;
  /** The release announcements' clock (feed backoff, maximum item age, /kernel age); tests inject one. */
  clock?: Clock;
}

/** Gateway close codes after which discord.js never reconnects, with what the admin has to do. */
const FATAL_CLOSE_CODES = new Map<number, string>([
  [4004, 'authentication failed (4004): the token was reset or is wrong; copy a new one from the Developer Portal, Bot tab'],
  [4010, 'invalid shard (4010)'],
  [4011, 'sharding required (4011): the bot is in too many servers for one connection'],
  [4012, 'invalid API version (4012): update discord.js'],
  [4013, 'invalid intents (4013)'],
  [4014, 'disallowed intents (4014): switch on the Message Content Intent in the Developer Portal, or set MESSAGE_CONTENT_INTENT=false'],
]);

/** The errors @discordjs/ws throws for those codes (no listener of ours can catch them earlier). */
const GATEWAY_FATAL_ERRORS = new Map<string, number>([
  ['Authentication failed', 4004],
  ['Invalid shard', 4010],
  ['Sharding is required', 4011],
  ['Used an invalid API version', 4012],
  ['Used invalid intents', 4013],
  ['Used disallowed intents', 4014],
]);

/**
 * Connects the bot: one client, one router, one store, the release announcements. Commands are
 * synced on ready only when their definitions changed since the last sync.
 */
export async function startBot(config: Config, baseDeps: CommandDeps, options: BotOptions = { handleSignals: true }): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, token: config.DISCORD_TOKEN });
  // One process per SQLite file; several processes share a Postgres (DATABASE_URL).
  const fileLock = config.DATABASE_URL ? null : lockSqliteFile(config.DATABASE_PATH);
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = await openStore(config, {
    onConnectionError: (error) => logger.error({ err: error }, 'database connection lost; work that needs it stays queued and is retried'),
  }).catch((error: unknown) => {
    fileLock?.release();
    throw error;
  });
  const clientOptions = {
    apiBase: config.DISCORD_API_BASE,
    messageContent: config.MESSAGE_CONTENT_INTENT,
    shardCount: config.SHARD_COUNT === undefined ? undefined : config.SHARD_COUNT === 'auto' ? ('auto' as const) : Number(config.SHARD_COUNT),
    shardIds: config.SHARD_IDS,
  };
  // One client per gateway term: discord.js cannot log a destroyed client in again.
  let client = createDiscordClient(clientOptions);
  let role: Role = 'starting';
  const metrics = new BotMetrics(
    {
      gatewayPingMs: () => (client.ws.ping >= 0 ? client.ws.ping : null),
      pendingOutbox: () => store.deliveries.pendingCount(),
      lastFeedSuccess: async () => (await store.feedState.get()).lastSuccessAt,
      role: () => role,
    },
    config.HTTP_PORT !== undefined,
  );
  const observeRest = (rest: REST) => {
    rest.on(RESTEvents.Response, (_request, response) => metrics.restResponses.inc({ status: String(response.status) }));
    rest.on(RESTEvents.RateLimited, (info) => metrics.rateLimits.inc({ scope: info.global ? 'global' : info.scope }));
  };
  // Announcements go through a REST client of their own, so a standby (never logged in) delivers too.
  const outboxRest = new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(config.DISCORD_TOKEN ?? '');
  observeRest(outboxRest);
  let selfId: string | undefined;
  const botUserId = async () => client.user?.id ?? (selfId ??= ((await outboxRest.get(Routes.user())) as APIUser).id);
  const releases = await startReleaseAnnouncements({
    config,
    holder,
    metrics,
    store,
    logger,
    search: baseDeps.search,
    sender: createDiscordSender(outboxRest, botUserId),
    access: createChannelAccess(() => client),
    clock: options.clock,
  });
  const qa = new QaService({
    store,
    search: baseDeps.search,
    clock: systemClock,
    onCountError: (error) => logger.warn({ err: error }, 'could not count an answer or gap (database unavailable)'),
    observeAnswer: (outcome, lang) => metrics.countAnswer(outcome, lang),
  });
  const kernel = await startKernelLookups({ config, store, logger, access: createChannelAccess(() => client) });
  const deps: CommandDeps = {
    ...baseDeps,
    services: { ...baseDeps.services, announcements: releases.service, kernelReleases: releases.service, qa, maintainers: kernel.maintainers, refs: kernel.refs },
  };
  const recent = new RecentAnswers(60_000, () => deps.now().getTime(), store.answerSlots);

  const routeInteraction = createInteractionRouter({
    commandDeps: deps,
    logger,
    recent,
    deferAfterMs: options.deferAfterMs,
    observe: ({ type, command, outcome, seconds }) => {
      metrics.interactions.inc({ type, command, outcome });
      metrics.answerLatency.observe({ type }, seconds);
    },
  });
  // Each message listener logs "event handled" when done, answered or not: the signal tests wait for.
  const handled =
    <A extends [{ id: string }, ...unknown[]]>(event: string, handler: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await handler(...args);
      } finally {
        logger.debug({ event, id: args[0].id }, 'event handled');
      }
    };
  const onMention = handled('mention', createMentionHandler({ commandDeps: deps, logger, botUserId: () => client.user?.id }));
  const onTextQuestion = handled('text-question', createTextQuestionHandler({ qa, logger, botUserId: () => client.user?.id }));
  const onForumPost = handled('forum-post', createForumPostHandler({ qa, logger }));
  const onRefs = handled('kernel-refs', createRefsHandler({ refs: kernel.refs, logger }));

  /** Logs in with a fresh client carrying every listener; resolves once it is ready, rejects when the login fails. */
  let loggedInBefore = false;
  const logIn = async (): Promise<void> => {
    const next = loggedInBefore ? createDiscordClient(clientOptions) : client;
    loggedInBefore = true;
    client = next;
    observeRest(next.rest);
    next.on(Events.InteractionCreate, (event) => void routeInteraction(event));
    next.on(Events.MessageCreate, (event) => void onMention(event));
    next.on(Events.MessageCreate, (event) => void onTextQuestion(event));
    next.on(Events.ThreadCreate, (thread, newlyCreated) => void onForumPost(thread, newlyCreated));
    next.on(Events.MessageCreate, (event) => void onRefs(event));
    next.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
    next.on(Events.ShardDisconnect, (event) => {
      const why = FATAL_CLOSE_CODES.get(event.code);
      if (!why) return;
      // discord.js gives up on these codes; staying up disconnected would only look alive.
      logger.fatal({ closeCode: event.code }, `Discord closed the gateway connection for good: ${why}`);
      if (options.handleSignals) void stop().finally(() => process.exit(1));
    });
    next.on(Events.Warn, (message) => logger.warn(message));
    const ready = new Promise<void>((resolve) => next.once(Events.ClientReady, (readyClient) => void onReady(readyClient).finally(resolve)));
    await next.login(config.DISCORD_TOKEN);
    await ready;
  };
  const logOut = async (): Promise<void> => {
    await client.destroy();
    logger.info('logged out of the Discord gateway');
  };

  const onReady = async (readyClient: Client<true>): Promise<void> => {
    logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');
    try {
      const result = await syncCommands(readyClient.rest, {
        applicationId: readyClient.application.id,
        guildId: config.DISCORD_GUILD_ID ?? null,
        commands: deps.commands,
        memory: store.meta,
      });
      logger.info({ ...result, scope: config.DISCORD_GUILD_ID ? 'guild' : 'global' }, result.synced ? 'commands synced' : 'commands unchanged, sync skipped');
    } catch (error) {
      logger.error({ err: error }, 'command sync failed; run npm run deploy');
    }
    // ANNOUNCE_CHANNEL_ID was subscribed before login, without its server: record it, so /announce show and off there see it.
    const envChannel = config.ANNOUNCE_CHANNEL_ID ? readyClient.channels.cache.get(config.ANNOUNCE_CHANNEL_ID) : undefined;
    if (envChannel && !envChannel.isDMBased()) {
      await store.subscriptions.adoptGuild(envChannel.id, envChannel.guildId).catch((error: unknown) => logger.error({ err: error }, 'could not record the server of ANNOUNCE_CHANNEL_ID'));
      if (
        config.ANNOUNCE_ROLE_ID === envChannel.guildId &&
        (await dropEveryoneRole(store, envChannel.id, envChannel.guildId).catch((error: unknown) => {
          logger.error({ err: error }, 'could not drop the @everyone role of ANNOUNCE_CHANNEL_ID');
          return false;
        }))
      )
        logger.warn(
          "ANNOUNCE_ROLE_ID is the server's own id, which is the @everyone role; the bot never pings @everyone, so announcements go out without a role mention (set a role id, or leave ANNOUNCE_ROLE_ID empty)",
        );
    } else if (config.ANNOUNCE_CHANNEL_ID) logger.warn({ channelId: config.ANNOUNCE_CHANNEL_ID }, 'ANNOUNCE_CHANNEL_ID is not a channel of a server the bot is in');
    // Polling starts once channels are cached, so permission checks and posts work from the first poll.
    releases.startSchedule();
  };

  // Several processes on one Postgres with one shard: one gateway connection, the other processes stand by.
  const singleShard = config.SHARD_COUNT === undefined || config.SHARD_COUNT === '1';
  const gateway =
    store.dialect === 'postgres' && singleShard
      ? new GatewayLease({
          leases: store.leases,
          holder,
          leaseMs: config.GATEWAY_LEASE_SECONDS * 1000,
          logger,
          connect: logIn,
          disconnect: logOut,
          onRole: (next) => {
            if (role !== 'stopping') role = next;
          },
        })
      : null;

  // Declared before stop(), which closes it: a failed start stops what was set up before it.
  let ops: OpsServer | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    logger.info('shutting down');
    role = 'stopping';
    // Log out and hand the gateway lease to a standby first (commands keep being answered), then stop
    // claiming, finish or hand back sends in flight (≤ 5 s), release leases and close.
    await gateway?.stop().catch((error: unknown) => logger.error({ err: error }, 'handing back the gateway failed'));
    await client.destroy();
    await releases.stop(5_000);
    kernel.stop();
    await store.close();
    fileLock?.release();
    await ops?.close();
  };
  if (options.handleSignals) {
    // Last resort: an event discord.js cannot digest (a malformed interaction payload) throws outside
    // any handler of ours. One bad event must not end the bot for every server: log it and keep serving.
    process.on('uncaughtException', (error) => {
      // @discordjs/ws reports a non-recoverable close (4004, 4010-4014) by throwing one of these: fatal, not survivable.
      const closeCode = GATEWAY_FATAL_ERRORS.get(error.message);
      if (closeCode) {
        logger.fatal({ closeCode }, `Discord closed the gateway connection for good: ${FATAL_CLOSE_CODES.get(closeCode)}`);
        void stop().finally(() => process.exit(1));
        return;
      }
      logger.error({ err: error }, 'last-resort handler: uncaught exception; still serving');
    });
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'last-resort handler: unhandled rejection; still serving'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        // Within 8 seconds whatever happens (a hung database or gateway must not block a deploy).
        setTimeout(() => {
          logger.error('shutdown took over 8 s; exiting anyway');
          process.exit(1);
        }, 8_000).unref();
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }

  ops =
    config.HTTP_PORT === undefined
      ? null
      : await startOpsServer({
          port: config.HTTP_PORT,
          host: config.HTTP_HOST,
          metrics,
          logger,
          probes: {
            version: BOT_VERSION,
            role: () => role,
            heartbeatAgeMs: () => {
              const acks = [...client.ws.shards.values()].map((shard) => shard.lastPingTimestamp).filter((at) => at > 0);
              return acks.length ? Date.now() - Math.min(...acks) : null;
            },
            knowledgeLoaded: () => baseDeps.search.entries.length > 0,
            pingDatabase: () => store.ping(),
            gatewayReady: () => client.isReady(),
          },
        }).catch(async (error: unknown) => {
          // The start failed after the store, the lookups and the lock were set up: undo them, or the
          // process would linger (and hold the SQLite file) after saying it could not start.
          await stop();
          throw error;
        });

  if (gateway) {
    // Postgres with one shard: the holder of the gateway lease logs in, the others stand by (and deliver).
    role = await gateway.start();
    if (role === 'standby') {
      logger.info('another process holds the gateway lease; standing by (announcements are still delivered from here)');
      releases.startSchedule();
    }
  } else {
    await logIn();
    role = 'active';
  }
  return {
    get client() {
      return client;
    },
    get role() {
      return role;
    },
    store,
    logger,
    releases,
    metrics,
    opsUrl: ops?.url ?? null,
    stop,
  };
}
