import { DiscordAPIError, HTTPError, PermissionFlagsBits, Routes, SnowflakeUtil, type Client, type REST } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import type { MessageSender, SendResult } from '../releases/ports.ts';
import type { ChannelAccess } from '../releases/announcements.ts';

const LOOKBACK_PAGE = 100; // Discord's largest page
/** A bound for very busy channels: past it the resend relies on the nonce alone. */
const LOOKBACK_MAX_PAGES = 20;

/**
 * Posts release announcements through discord.js's REST client, whose queue already honours
 * per-route buckets and the global limit; failures come back as results, never as throws.
 */
export function createDiscordSender(rest: REST, botUserId: () => string | undefined | Promise<string | undefined>): MessageSender {
  return {
    async findPosted(channelId, body, since) {
      const me = await botUserId();
      const titles = (body.embeds ?? []).map((e) => e.title ?? '').join('\n');
      if (!me || !titles) return null;
      // Same author, text and embed titles: a /announce test sample (other text) never counts as the real post.
      const isIt = (m: APIMessage) => m.author.id === me && m.content === (body.content ?? '') && m.embeds.map((e) => e.title ?? '').join('\n') === titles;
      // Page back (newest first) until a page reaches messages older than the intent: the post cannot be before it.
      let before: string | undefined;
      for (let page = 0; page < LOOKBACK_MAX_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(LOOKBACK_PAGE) });
        if (before) query.set('before', before);
        const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const found = messages.find(isIt);
        if (found) return found.id;
        const oldest = messages.at(-1);
        if (!oldest || messages.length < LOOKBACK_PAGE || Number(SnowflakeUtil.timestampFrom(oldest.id)) < since.getTime()) return null;
        before = oldest.id;
      }
      return null;
    },
    async send(channelId, body): Promise<SendResult> {
      try {
        const message = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        return { ok: true, messageId: message.id };
      } catch (error) {
        return sendFailure(error);
      }
    },
  };
}

function sendFailure(error: unknown): SendResult {
  // The reason is Discord's message alone: the deliverer and /announce show put the status in front.
  if (error instanceof DiscordAPIError) {
    const reason = error.message;
    if (error.status === 404) return { ok: false, kind: 'gone', status: 404, reason };
    if (error.status === 403) return { ok: false, kind: 'forbidden', status: 403, reason };
    if (error.status === 429) return { ok: false, kind: 'rate-limited', status: 429, reason, retryAfterMs: 1000 };
    return { ok: false, kind: 'retry', status: error.status, reason };
  }
  if (error instanceof HTTPError) return { ok: false, kind: 'retry', status: error.status, reason: error.message };
  return { ok: false, kind: 'retry', status: 0, reason: error instanceof Error ? error.message : String(error) };
}

/** Read Message History: the look-back before a resend (exactly once) silently finds nothing without it. */
const NEEDED = { ViewChannel: 'View Channel', SendMessages: 'Send Messages', EmbedLinks: 'Embed Links', ReadMessageHistory: 'Read Message History' } as const;

/** Checks from the cached guild, channel, roles and overwrites whether the bot may post (and ping); `client` is the current gateway client. */
export function createChannelAccess(currentClient: () => Client): ChannelAccess {
  return {
    async check(channelId, needs) {
      const client = currentClient();
      const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
      if (!channel) return { ok: false, problem: 'the channel does not exist or I cannot see it (missing permission: View Channel)' };
      if (channel.isDMBased() || !channel.isTextBased()) return { ok: false, problem: 'it is not a server text channel' };
      const me = channel.guild.members.me;
      const permissions = me ? channel.permissionsFor(me) : null;
      if (!permissions) return { ok: false, problem: 'I cannot work out my permissions there' };
      const missing = (Object.keys(NEEDED) as (keyof typeof NEEDED)[]).filter((flag) => !permissions.has(PermissionFlagsBits[flag]));
      if (missing.length > 0) return { ok: false, problem: `missing permission${missing.length > 1 ? 's' : ''}: ${missing.map((m) => NEEDED[m]).join(', ')}` };
      const role = needs.roleId ? channel.guild.roles.cache.get(needs.roleId) : undefined;
      if (role && !role.mentionable && !permissions.has(PermissionFlagsBits.MentionEveryone)) {
        return { ok: true, warning: `the role ${role.name} is not mentionable and I lack Mention Everyone, so posts will name it without pinging` };
      }
      return { ok: true };
    },
  };
}
