/** Test-side driving of non-interaction events: user messages and forum posts. */
import { publishChannel, publishMessageCreate, type Host } from './host.ts';
import { threadMetadata } from './payloads.ts';
import { ChannelType } from './state.ts';
import type { FakeChannel, FakeMessage, FakeUserRef } from './types.ts';
import { clone, snowflake } from './util.ts';

export interface UserMessageOptions {
  author?: FakeUserRef;
  /** Prefix the content with a mention of the bot (unless it already mentions it). */
  mentionsBot?: boolean;
  /** Reply to a message in the same channel. */
  replyTo?: FakeMessage | string;
  embeds?: Array<Record<string, unknown>>;
  attachments?: Array<Record<string, unknown>>;
  roles?: string[];
}

export function userMessage(host: Host, defaultUser: FakeUserRef, channelId: string, content: string, opts: UserMessageOptions = {}): FakeMessage {
  const state = host.state;
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
  if (channel.type === ChannelType.GuildCategory || channel.type === ChannelType.GuildForum) {
    throw new Error(`fake-discord: users cannot post directly in channel ${channelId} (type ${channel.type})`);
  }
  const author = opts.author ?? defaultUser;
  if (channel.guild_id) state.ensureMember(channel.guild_id, author, opts.roles);
  const user = state.ensureUser(author);
  const mention = `<@${state.botUserId}>`;
  let text = content;
  if (opts.mentionsBot && !text.includes(mention) && !text.includes(`<@!${state.botUserId}>`)) text = `${mention} ${text}`;
  const message = state.buildMessage(channelId, user, { content: text, embeds: opts.embeds, attachments: opts.attachments });
  if (opts.replyTo) {
    const target = typeof opts.replyTo === 'string' ? state.getMessage(channelId, opts.replyTo) : opts.replyTo;
    if (!target) throw new Error('fake-discord: replyTo message not found');
    message.type = 19;
    message.message_reference = { type: 0, channel_id: channelId, message_id: target.id, ...(target.guild_id ? { guild_id: target.guild_id } : {}) };
    const ref = clone(target);
    delete ref.referenced_message;
    message.referenced_message = ref;
  }
  state.storeMessage(message);
  publishMessageCreate(host, message);
  host.emit('userMessage', message);
  return message;
}

export interface ForumPostOptions {
  title: string;
  content: string;
  /** Tag names or ids of the forum's available_tags. */
  tags?: string[];
  author?: FakeUserRef;
}

export interface ForumPost {
  thread: FakeChannel;
  message: FakeMessage;
  /** Sends the same THREAD_CREATE again (Discord may deliver it twice). */
  redispatch(): void;
}

export function createForumPost(host: Host, defaultUser: FakeUserRef, forumId: string, opts: ForumPostOptions): ForumPost {
  const state = host.state;
  const forum = state.channels.get(forumId);
  if (!forum || forum.type !== ChannelType.GuildForum) throw new Error(`fake-discord: ${forumId} is not a forum channel`);
  const available = forum.available_tags ?? [];
  const applied = (opts.tags ?? []).map((t) => {
    const tag = available.find((a) => a.id === t || a.name === t);
    if (!tag) throw new Error(`fake-discord: forum ${forumId} has no tag "${t}"`);
    return tag.id;
  });
  if (applied.length > 5) throw new Error('fake-discord: a forum post carries at most 5 tags');
  const author = opts.author ?? defaultUser;
  if (forum.guild_id) state.ensureMember(forum.guild_id, author);
  const user = state.ensureUser(author);
  const id = snowflake();
  const thread: FakeChannel = {
    id,
    type: ChannelType.PublicThread,
    guild_id: forum.guild_id,
    name: opts.title,
    parent_id: forum.id,
    owner_id: user.id as string,
    last_message_id: id,
    rate_limit_per_user: 0,
    flags: 0,
    applied_tags: applied,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: threadMetadata(),
  };
  state.channels.set(id, thread);
  const message = state.buildMessage(id, user, { id, content: opts.content });
  const redispatch = () => publishChannel(host, 'CREATE', thread, { newly_created: true });
  redispatch();
  state.storeMessage(message);
  publishMessageCreate(host, message);
  host.emit('forumPost', { thread, message });
  return { thread, message, redispatch };
}
