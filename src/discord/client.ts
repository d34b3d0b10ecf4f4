import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import { NO_MENTIONS } from './policy.ts';

/**
 * The discord.js client with minimal intents and caches trimmed to what the bot uses.
 * Guilds: channels and interactions; GuildMessages: @mentions (their content arrives without the
 * privileged intent); MessageContent only when the admin enabled it for Q&A channels.
 */
export function createDiscordClient(options: { apiBase?: string; messageContent?: boolean; shardCount?: 'auto' | number; shardIds?: number[] }): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (options.messageContent) intents.push(GatewayIntentBits.MessageContent);
  // Sharding (SHARD_COUNT, SHARD_IDS): each process runs the shards it is given; discord.js's default is one shard.
  const sharding =
    options.shardCount === undefined
      ? {}
      : options.shardCount === 'auto'
        ? { shards: 'auto' as const }
        : { shardCount: options.shardCount, shards: options.shardIds ?? [...Array(options.shardCount).keys()] };
  return new Client({
    ...sharding,
    intents,
    partials: [Partials.Channel],
    allowedMentions: { ...NO_MENTIONS, repliedUser: false },
    rest: options.apiBase ? { api: options.apiBase } : {},
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      // No message is ever read back from the cache (replies, look-backs and a forum post's first
      // message go to the event or to REST); with the GuildMessages intent every message of every
      // channel would otherwise be kept, 25 per channel (about 3.5 KB each).
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      VoiceStateManager: 0,
      StageInstanceManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      ThreadMemberManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      GuildMemberManager: { maxSize: 50, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 200, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
    sweepers: Options.DefaultSweeperSettings,
  });
}
