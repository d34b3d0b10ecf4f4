/** REST routes under /channels: messages, threads, forum posts, channel edits, reactions. */
import { publishChannel, publishMessageCreate, publishMessageDelete, publishMessageUpdate, contentVisible, stripContent } from './host.ts';
import type { Host } from './host.ts';
import { MessageFlags, validateMessageBody } from './limits.ts';
import { applyReply, buildAttachments } from './messages.ts';
import { Intents, threadMetadata } from './payloads.ts';
import { has, P } from './permissions.ts';
import type { RouteContext, RouteDef, UploadedFile } from './rest.ts';
import { ChannelType, isMessageable, isThreadType } from './state.ts';
import type { FakeChannel, FakeMessage } from './types.ts';
import { DiscordHttpError, ERR, invalidForm, isRecord, len, snowflake } from './util.ts';

const NONCE_WINDOW_MS = 5 * 60_000;

function channelOr404(host: Host, id: string | undefined): FakeChannel {
  const ch = host.state.channels.get(id ?? '');
  if (!ch) throw ERR.unknownChannel();
  return ch;
}

function botPerms(host: Host, channel: FakeChannel): bigint {
  return host.state.channelPermissions(channel.id, host.state.botUserId);
}

/** Checks VIEW_CHANNEL (50001) and returns the bot's permissions. */
function viewable(host: Host, channel: FakeChannel): bigint {
  const perms = botPerms(host, channel);
  if (!has(perms, P.ViewChannel)) throw ERR.missingAccess();
  return perms;
}

function visibleMessage(host: Host, m: FakeMessage): FakeMessage {
  const mc = (host.allowedPrivilegedIntents & Intents.MessageContent) !== 0;
  return (contentVisible(host.state, m, mc) ? m : stripContent(m)) as FakeMessage;
}

/** Posts a bot message in a channel: the checks and effects of POST /channels/:id/messages. */
function createChannelMessage(host: Host, channelId: string, body: Record<string, unknown>, files: UploadedFile[]): { message: FakeMessage; deduplicated: boolean } {
  const channel = channelOr404(host, channelId);
  const perms = viewable(host, channel);
  if (!isMessageable(channel.type)) throw ERR.wrongChannelType();
  validateMessageBody(body, { files: files.length, allowedFlags: MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2 });
  const thread = isThreadType(channel.type);
  if (!has(perms, thread ? P.SendMessagesInThreads : P.SendMessages)) throw ERR.missingPermissions();
  if (Array.isArray(body.embeds) && body.embeds.length > 0 && !has(perms, P.EmbedLinks)) throw ERR.missingPermissions();
  if (files.length > 0 && !has(perms, P.AttachFiles)) throw ERR.missingPermissions();
  if (isRecord(body.message_reference) && !has(perms, P.ReadMessageHistory)) throw ERR.missingPermissions();
  const meta = channel.thread_metadata as { archived?: boolean; locked?: boolean } | undefined;
  if (thread && meta?.locked && !has(perms, P.ManageThreads)) throw ERR.threadArchived();

  const botId = host.state.botUserId;
  const nonceKey =
    body.nonce !== undefined && body.nonce !== null ? `${channelId}:${botId}:${typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : JSON.stringify(body.nonce)}` : null;
  if (nonceKey && body.enforce_nonce === true) {
    const prior = host.state.nonces.get(nonceKey);
    if (prior && Date.now() - prior.at < NONCE_WINDOW_MS) {
      const existing = host.state.messageById.get(prior.messageId);
      if (existing) {
        host.emit('nonceDeduplicated', { channelId, nonce: body.nonce, messageId: existing.id });
        return { message: existing, deduplicated: true };
      }
    }
  }
  if (thread && meta?.archived) meta.archived = false;

  const message = host.state.buildMessage(channelId, host.state.botUser, body);
  message.attachments = buildAttachments(channelId, body, files);
  applyReply(host.state, message, body);
  host.state.storeMessage(message);
  if (nonceKey) host.state.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  publishMessageCreate(host, message);
  host.emit('message', message);
  return { message, deduplicated: false };
}

function messageOr404(host: Host, channelId: string, messageId: string | undefined): FakeMessage {
  const m = host.state.getMessage(channelId, messageId ?? '');
  if (!m) throw ERR.unknownMessage();
  return m;
}

/** The common start of a /channels/:channel/messages/:message route: 10003, 50001, 10008 as Discord. */
function messageRoute(ctx: RouteContext): { host: Host; channel: FakeChannel; perms: bigint; message: FakeMessage } {
  const host = ctx.host;
  const channel = channelOr404(host, ctx.params.channel);
  const perms = viewable(host, channel);
  return { host, channel, perms, message: messageOr404(host, channel.id, ctx.params.message) };
}

function createThread(host: Host, parent: FakeChannel, body: Record<string, unknown>, files: UploadedFile[], fromMessage?: FakeMessage) {
  const perms = viewable(host, parent);
  const name = body.name;
  if (typeof name !== 'string' || len(name) < 1 || len(name) > 100) {
    throw invalidForm([{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
  }
  const forum = parent.type === ChannelType.GuildForum;
  let type: number;
  if (forum) {
    if (!has(perms, P.SendMessages)) throw ERR.missingPermissions();
    type = ChannelType.PublicThread;
  } else if (parent.type === ChannelType.GuildText || parent.type === ChannelType.GuildAnnouncement) {
    type = fromMessage ? (parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread) : ((body.type as number | undefined) ?? ChannelType.PrivateThread);
    if (!has(perms, type === ChannelType.PrivateThread ? P.CreatePrivateThreads : P.CreatePublicThreads)) throw ERR.missingPermissions();
  } else {
    throw new DiscordHttpError(400, 50024, 'Cannot execute action on this channel type');
  }
  const appliedTags = forum ? checkTags(parent, body.applied_tags, perms) : undefined;
  let messageBody: Record<string, unknown> | undefined;
  if (forum) {
    if (!isRecord(body.message)) throw invalidForm([{ path: ['message'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
    messageBody = body.message;
    validateMessageBody(messageBody, { files: files.length });
    if (Array.isArray(messageBody.embeds) && messageBody.embeds.length > 0 && !has(perms, P.EmbedLinks)) throw ERR.missingPermissions();
  }
  const id = fromMessage?.id ?? snowflake();
  const thread: FakeChannel = {
    id,
    type,
    guild_id: parent.guild_id,
    name,
    parent_id: parent.id,
    owner_id: host.state.botUserId,
    last_message_id: null,
    rate_limit_per_user: (body.rate_limit_per_user as number | undefined) ?? 0,
    flags: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: { ...threadMetadata(), auto_archive_duration: body.auto_archive_duration ?? 4320 },
  };
  if (appliedTags) thread.applied_tags = appliedTags;
  host.state.channels.set(id, thread);
  publishChannel(host, 'CREATE', thread, { newly_created: true });
  let starter: FakeMessage | undefined;
  if (messageBody) {
    starter = host.state.buildMessage(id, host.state.botUser, { ...messageBody, id });
    starter.attachments = buildAttachments(id, messageBody, files);
    host.state.storeMessage(starter);
    publishMessageCreate(host, starter);
    host.emit('message', starter);
  }
  if (fromMessage) fromMessage.thread = thread;
  host.emit('threadCreate', thread);
  return { status: 201, body: { ...thread, ...(starter ? { message: starter } : {}) } };
}

function checkTags(forum: FakeChannel, tags: unknown, perms: bigint): string[] | undefined {
  if (tags === undefined || tags === null) return undefined;
  if (!Array.isArray(tags)) throw invalidForm([{ path: ['applied_tags'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }]);
  if (tags.length > 5) throw invalidForm([{ path: ['applied_tags'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' }]);
  const available = forum.available_tags ?? [];
  const errors = tags.flatMap((t, i) =>
    available.some((a) => a.id === t) ? [] : [{ path: ['applied_tags', i], code: 'CHANNEL_TAG_INVALID', message: `Tag ${String(t)} is not available in this channel` }],
  );
  if (errors.length) throw invalidForm(errors);
  if (tags.some((t) => available.find((a) => a.id === t)?.moderated) && !has(perms, P.ManageThreads)) throw ERR.missingPermissions();
  return [...new Set(tags as string[])];
}

function patchChannel(ctx: RouteContext) {
  const host = ctx.host;
  const channel = channelOr404(host, ctx.params.channel);
  const perms = viewable(host, channel);
  const body = isRecord(ctx.body) ? ctx.body : {};
  if (isThreadType(channel.type)) {
    const owner = channel.owner_id === host.state.botUserId;
    if (!owner && !has(perms, P.ManageThreads)) throw ERR.missingPermissions();
    const parent = host.state.channels.get(channel.parent_id ?? '');
    if (body.applied_tags !== undefined) {
      if (!parent || parent.type !== ChannelType.GuildForum) {
        throw invalidForm([{ path: ['applied_tags'], code: 'CHANNEL_TAG_INVALID', message: 'Tags can only be applied to forum posts' }]);
      }
      channel.applied_tags = checkTags(parent, body.applied_tags, perms) ?? [];
    }
    if (typeof body.name === 'string') channel.name = body.name;
    const meta = (channel.thread_metadata ??= threadMetadata());
    for (const k of ['archived', 'locked', 'auto_archive_duration', 'invitable'] as const) if (body[k] !== undefined) meta[k] = body[k];
    if (body.archived !== undefined) meta.archive_timestamp = new Date().toISOString();
    if (typeof body.rate_limit_per_user === 'number') channel.rate_limit_per_user = body.rate_limit_per_user;
    if (typeof body.flags === 'number') channel.flags = body.flags;
  } else {
    if (!has(perms, P.ManageChannels)) throw ERR.missingPermissions();
    for (const k of ['name', 'topic', 'nsfw', 'position', 'rate_limit_per_user', 'parent_id', 'default_auto_archive_duration'] as const) {
      if (body[k] !== undefined) (channel as Record<string, unknown>)[k] = body[k];
    }
    if (body.available_tags !== undefined && channel.type === ChannelType.GuildForum && Array.isArray(body.available_tags)) {
      channel.available_tags = (body.available_tags as Array<Record<string, unknown>>).map((t) => ({
        id: (t.id as string | undefined) ?? snowflake(),
        name: String(t.name),
        moderated: t.moderated === true,
        emoji_id: (t.emoji_id as string | null | undefined) ?? null,
        emoji_name: (t.emoji_name as string | null | undefined) ?? null,
      }));
    }
  }
  publishChannel(host, 'UPDATE', channel);
  host.emit('channelUpdate', channel);
  return { status: 200, body: channel };
}

export const channelRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/channels/:channel',
    handler: (ctx) => {
      const channel = channelOr404(ctx.host, ctx.params.channel);
      viewable(ctx.host, channel);
      return { status: 200, body: channel };
    },
  },
  { method: 'PATCH', route: '/channels/:channel', handler: patchChannel },
  {
    method: 'GET',
    route: '/channels/:channel/messages',
    handler: (ctx) => {
      const channel = channelOr404(ctx.host, ctx.params.channel);
      const perms = viewable(ctx.host, channel);
      if (!has(perms, P.ReadMessageHistory)) return { status: 200, body: [] };
      let list = [...(ctx.host.state.channelMessages.get(channel.id) ?? [])];
      const before = ctx.query.get('before');
      const after = ctx.query.get('after');
      if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
      if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
      const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 50)));
      list = after ? list.slice(0, limit) : list.slice(-limit);
      return { status: 200, body: list.reverse().map((m) => visibleMessage(ctx.host, m)) };
    },
  },
  {
    method: 'POST',
    route: '/channels/:channel/messages',
    handler: (ctx) => {
      const body = isRecord(ctx.body) ? ctx.body : {};
      const { message } = createChannelMessage(ctx.host, ctx.params.channel ?? '', body, ctx.files);
      return { status: 200, body: message };
    },
  },
  {
    method: 'GET',
    route: '/channels/:channel/messages/:message',
    handler: (ctx) => {
      const channel = channelOr404(ctx.host, ctx.params.channel);
      const perms = viewable(ctx.host, channel);
      if (!has(perms, P.ReadMessageHistory)) throw ERR.missingPermissions();
      return { status: 200, body: visibleMessage(ctx.host, messageOr404(ctx.host, channel.id, ctx.params.message)) };
    },
  },
  {
    method: 'PATCH',
    route: '/channels/:channel/messages/:message',
    handler: (ctx) => {
      const { host, channel, perms, message } = messageRoute(ctx);
      const body = isRecord(ctx.body) ? ctx.body : {};
      const own = message.author.id === host.state.botUserId;
      const touchesContent = ['content', 'embeds', 'components', 'attachments', 'allowed_mentions'].some((k) => body[k] !== undefined) || ctx.files.length > 0;
      if (!own && touchesContent) throw ERR.cannotEditOthers();
      if (!own && !has(perms, P.ManageMessages)) throw ERR.missingPermissions();
      validateMessageBody(body, { partial: true, files: ctx.files.length, existing: message });
      if (own && Array.isArray(body.embeds) && body.embeds.length > 0 && !has(perms, P.EmbedLinks)) throw ERR.missingPermissions();
      if (ctx.files.length || body.attachments !== undefined) body.attachments = buildAttachments(channel.id, body, ctx.files, message.attachments);
      host.state.editMessage(message, body);
      publishMessageUpdate(host, message);
      host.emit('messageUpdate', message);
      return { status: 200, body: message };
    },
  },
  {
    method: 'DELETE',
    route: '/channels/:channel/messages/:message',
    handler: (ctx) => {
      const { host, perms, message } = messageRoute(ctx);
      if (message.author.id !== host.state.botUserId && !has(perms, P.ManageMessages)) throw ERR.missingPermissions();
      host.state.deleteMessage(message.id);
      publishMessageDelete(host, message);
      host.emit('messageDelete', message);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    route: '/channels/:channel/messages/:message/crosspost',
    handler: (ctx) => {
      const { host, channel, perms, message } = messageRoute(ctx);
      if (channel.type !== ChannelType.GuildAnnouncement) throw new DiscordHttpError(400, 50024, 'Cannot execute action on this channel type');
      if (message.flags & MessageFlags.Crossposted) throw new DiscordHttpError(400, 40033, 'This message has already been crossposted.');
      if (message.author.id !== host.state.botUserId && !has(perms, P.ManageMessages)) throw ERR.missingPermissions();
      message.flags |= MessageFlags.Crossposted;
      publishMessageUpdate(host, message);
      return { status: 200, body: message };
    },
  },
  {
    method: 'PUT',
    route: '/channels/:channel/messages/:message/reactions/:emoji/@me',
    handler: (ctx) => {
      const { host, channel, perms, message } = messageRoute(ctx);
      if (!has(perms, P.ReadMessageHistory) || !has(perms, P.AddReactions)) throw ERR.missingPermissions();
      host.state.reactions.push({ channelId: channel.id, messageId: message.id, emoji: ctx.params.emoji ?? '', userId: host.state.botUserId });
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    route: '/channels/:channel/messages/:message/reactions/:emoji/@me',
    handler: (ctx) => {
      const list = ctx.host.state.reactions;
      const i = list.findIndex((r) => r.messageId === ctx.params.message && r.emoji === ctx.params.emoji && r.userId === ctx.host.state.botUserId);
      if (i >= 0) list.splice(i, 1);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    route: '/channels/:channel/typing',
    handler: (ctx) => {
      const channel = channelOr404(ctx.host, ctx.params.channel);
      const perms = viewable(ctx.host, channel);
      if (!has(perms, isThreadType(channel.type) ? P.SendMessagesInThreads : P.SendMessages)) throw ERR.missingPermissions();
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    route: '/channels/:channel/threads',
    handler: (ctx) => createThread(ctx.host, channelOr404(ctx.host, ctx.params.channel), isRecord(ctx.body) ? ctx.body : {}, ctx.files),
  },
  {
    method: 'POST',
    route: '/channels/:channel/messages/:message/threads',
    handler: (ctx) => {
      const parent = channelOr404(ctx.host, ctx.params.channel);
      const message = messageOr404(ctx.host, parent.id, ctx.params.message);
      if (ctx.host.state.channels.has(message.id)) throw new DiscordHttpError(400, 160004, 'A thread has already been created for this message');
      return createThread(ctx.host, parent, isRecord(ctx.body) ? ctx.body : {}, [], message);
    },
  },
];
