import { DiscordAPIError, HTTPError, PermissionFlagsBits, Routes, SnowflakeUtil, type Client, type REST } from 'discord.js';
import type { APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { AnnouncementPost, MessageSender, SendResult } from '../releases/ports.ts';
import { LANGUAGES } from '../knowledge/schema.ts';
import type { ChannelAccess } from '../releases/announcements.ts';
import { botPermissionsIn, missingToPost } from './post-permissions.ts';
import { planMessages, renderAnnouncement } from './release-posts.ts';

type MessageBody = RESTPostAPIChannelMessageJSONBody;

/** Discord's channel-message endpoint as the announcement sender needs it (the fake Discord in tests implements it too). */
export interface ChannelPoster {
  send(channelId: string, body: MessageBody): Promise<SendResult>;
  /**
   * The id of a message this bot already posted in the channel with the same content as one of
   * `bodies` (the post in every language it can be written in), or null. Discord only honours a
   * nonce for a few minutes, so after a long outage this is what keeps a resend from posting twice.
   * Messages older than `since` cannot be the post and are not read.
   */
  findPosted?(channelId: string, bodies: MessageBody[], since: Date): Promise<string | null>;
}

/**
 * The post as it reads in each language, its own first. The language is fixed with the nonce, so a
 * resend reads like the first send; looking for every rendering still finds a post whose language
 * the ledger does not know for sure (rows composed before languages existed were English).
 */
const everyRendering = (post: AnnouncementPost) => [post.lang, ...LANGUAGES.filter((l) => l !== post.lang)].map((lang) => renderAnnouncement({ ...post, lang }));

/** The release core's sender port on Discord: neutral posts in, rendered messages out. */
export function discordAnnouncements(poster: ChannelPoster): MessageSender {
  return {
    plan: planMessages,
    send: (channelId, post) => poster.send(channelId, renderAnnouncement(post)),
    ...(poster.findPosted ? { findPosted: (channelId, post, since) => poster.findPosted!(channelId, everyRendering(post), since) } : {}),
  };
}

export function createDiscordSender(rest: REST, botUserId: () => string | undefined | Promise<string | undefined>): MessageSender {
  return discordAnnouncements(createRestPoster(rest, botUserId));
}

const LOOKBACK_PAGE = 100; // Discord's largest page
/** A bound for very busy channels: past it the resend relies on the nonce alone. */
const LOOKBACK_MAX_PAGES = 20;

/**
 * Posts release announcements through discord.js's REST client, whose queue already honours
 * per-route buckets and the global limit; failures come back as results, never as throws.
 */
export function createRestPoster(rest: REST, botUserId: () => string | undefined | Promise<string | undefined>): ChannelPoster {
  return {
    async findPosted(channelId, bodies, since) {
      const me = await botUserId();
      const titlesOf = (embeds: readonly { title?: string }[]) => embeds.map((e) => e.title ?? '').join('\n');
      // A note about left-out versions can be a message of text alone (a channel none of whose kept releases it follows).
      const wanted = new Set(bodies.filter((b) => b.embeds?.length || b.content).map((b) => `${b.content ?? ''}\n\n${titlesOf(b.embeds ?? [])}`));
      if (!me || wanted.size === 0) return null;
      // Same author, text and embed titles: a /announce test sample (other text) never counts as the real post.
      const isIt = (m: APIMessage) => m.author.id === me && wanted.has(`${m.content}\n\n${titlesOf(m.embeds)}`);
      // Page back (newest first) until a page reaches messages older than the intent: the post cannot be before it.
      let before: string | undefined;
      for (let page = 0; page < LOOKBACK_MAX_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(LOOKBACK_PAGE) });
        if (before) query.set('before', before);
        const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const found = messages.find(isIt);
        if (found) return found.id;
        const oldest = messages.at(-1);
        if (!oldest || messages.length < LOOKBACK_PAGE || SnowflakeUtil.timestampFrom(oldest.id) < since.getTime()) return null;
        before = oldest.id;
      }
      return null;
    },
    async send(channelId, body) {
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

/** Checks from the cached guild, channel, roles and overwrites whether the bot may post (and ping); `client` is the current gateway client. */
export function createChannelAccess(currentClient: () => Client): ChannelAccess {
  return {
    async check(channelId, needs) {
      const client = currentClient();
      const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
      if (!channel) return { ok: false, problem: { kind: 'not-visible' } };
      if (channel.isDMBased() || !channel.isTextBased()) return { ok: false, problem: { kind: 'not-text' } };
      const permissions = botPermissionsIn(channel);
      if (!permissions) return { ok: false, problem: { kind: 'permissions-unknown' } };
      // Read Message History as for a reply: the look-back before a resend (exactly once) silently finds nothing without it.
      const missing = missingToPost(permissions, { inThread: channel.isThread(), asReply: true, embeds: true });
      if (missing.length > 0) return { ok: false, problem: { kind: 'missing-permissions', permissions: missing } };
      const role = needs.roleId ? channel.guild.roles.cache.get(needs.roleId) : undefined;
      if (role && !role.mentionable && !permissions.has(PermissionFlagsBits.MentionEveryone)) {
        return { ok: true, warning: { kind: 'role-not-mentionable', role: role.name } };
      }
      return { ok: true };
    },
  };
}
