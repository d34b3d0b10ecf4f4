import { Events, type Client } from 'discord.js';
import type { Config } from '../config.ts';
import type { CommandDeps } from '../../commands/command.ts';
import { createLogger, type Logger } from '../logger.ts';
import { openDatabase } from '../store/database.ts';
import { createStore, type Store } from '../store/store.ts';
import { createDiscordClient } from './client.ts';
import { createInteractionRouter } from './router.ts';
import { createMentionHandler } from './mentions.ts';
import { RecentAnswers } from './recent-answers.ts';
import { syncCommands } from './deploy.ts';

export interface RunningBot {
  client: Client;
  store: Store;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * Connects the bot: one client, one router, one store. Commands are synced on ready only when
 * their definitions changed. SIGINT/SIGTERM shut down cleanly when `handleSignals` is set.
 */
export async function startBot(
  config: Config,
  deps: CommandDeps,
  options: { logger?: Logger; handleSignals?: boolean; deferAfterMs?: number } = { handleSignals: true },
): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, token: config.DISCORD_TOKEN });
  const store = createStore(openDatabase(config.DATABASE_PATH));
  const client = createDiscordClient({ apiBase: config.DISCORD_API_BASE, messageContent: config.MESSAGE_CONTENT_INTENT });
  const recent = new RecentAnswers(60_000, () => deps.now().getTime());

  client.on(Events.InteractionCreate, createInteractionRouter({ commandDeps: deps, logger, recent, deferAfterMs: options.deferAfterMs }));
  client.on(Events.MessageCreate, createMentionHandler({ search: deps.search, logger, botUserId: () => client.user?.id }));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, async (readyClient) => {
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
      resolve();
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    logger.info('shutting down');
    await client.destroy();
    store.db.close();
  };
  if (options.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }

  await client.login(config.DISCORD_TOKEN);
  await ready;
  return { client, store, logger, stop };
}
