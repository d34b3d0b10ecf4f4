/** The in-memory world of the fake: users, guilds, roles, channels, threads, messages, commands, interactions. */
import { applyOverwrites, basePermissions, DEFAULT_EVERYONE, toBits } from './permissions.ts';
import type { FakeChannel, FakeChannelKind, FakeGuildSpec, FakeMessage, FakeUserRef, FakeUserSpec, InteractionResponseRecord } from './types.ts';
import { clone, isoNow, snowflake } from './util.ts';

export const ChannelType = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

const KIND_TO_TYPE: Record<FakeChannelKind, number> = {
  text: ChannelType.GuildText,
  forum: ChannelType.GuildForum,
  category: ChannelType.GuildCategory,
  announcement: ChannelType.GuildAnnouncement,
  voice: ChannelType.GuildVoice,
};

export const isThreadType = (t: number) => t === 10 || t === 11 || t === 12;
/** Channel types a message can be posted in. */
export const isMessageable = (t: number) => t === 0 || t === 2 || t === 5 || isThreadType(t);

export interface Role {
  id: string;
  name: string;
  color: number;
  colors: { primary_color: number; secondary_color: null; tertiary_color: null };
  hoist: boolean;
  icon: null;
  unicode_emoji: null;
  position: number;
  permissions: string;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  tags?: Record<string, unknown>;
}

export interface Member {
  user: Record<string, unknown>;
  roles: string[];
  nick: string | null;
  avatar: null;
  banner: null;
  joined_at: string;
  premium_since: null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: null;
}

export interface Guild {
  id: string;
  name: string;
  preferred_locale: string;
  owner_id: string;
  features: string[];
  roles: Role[];
  members: Map<string, Member>;
  joined_at: string;
}

export interface InteractionState {
  id: string;
  token: string;
  type: number;
  /** The INTERACTION_CREATE payload. */
  payload: Record<string, unknown>;
  createdAt: number;
  acked: boolean;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** Component interactions: the message the component is on. */
  sourceMessageId?: string;
  /** Modal shown in answer (type 9). */
  modal?: Record<string, unknown>;
  /** Message id of @original once there is one. */
  originalMessageId?: string;
  record: InteractionResponseRecord;
}

export interface NonceEntry {
  messageId: string;
  at: number;
}

export class FakeState {
  readonly users = new Map<string, Record<string, unknown>>();
  readonly guilds = new Map<string, Guild>();
  readonly channels = new Map<string, FakeChannel>();
  /** Messages per channel in creation order (deleted ones removed). */
  readonly channelMessages = new Map<string, FakeMessage[]>();
  /** Every message by id, including ephemeral ones and deleted ones. */
  readonly messageById = new Map<string, FakeMessage>();
  readonly deletedMessages = new Set<string>();
  readonly ephemeralMessages = new Set<string>();
  readonly globalCommands: Array<Record<string, unknown>> = [];
  readonly guildCommands = new Map<string, Array<Record<string, unknown>>>();
  readonly interactions = new Map<string, InteractionState>();
  readonly nonces = new Map<string, NonceEntry>();
  readonly reactions: Array<{ channelId: string; messageId: string; emoji: string; userId: string }> = [];
  readonly botUser: Record<string, unknown>;

  constructor(
    readonly applicationId: string,
    botUserId: string,
    botUsername: string,
    guilds: FakeGuildSpec[],
  ) {
    this.botUser = {
      id: botUserId,
      username: botUsername,
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      system: false,
      mfa_enabled: false,
      verified: true,
      flags: 0,
      public_flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
    this.users.set(botUserId, this.botUser);
    for (const spec of guilds) this.addGuild(spec);
  }

  get botUserId(): string {
    return this.botUser.id as string;
  }

  // --- users -------------------------------------------------------------------------------

  ensureUser(ref: FakeUserRef): Record<string, unknown> {
    const spec: FakeUserSpec = typeof ref === 'string' ? { id: ref } : ref;
    const existing = this.users.get(spec.id);
    if (existing) {
      if (typeof ref !== 'string') {
        if (spec.username) existing.username = spec.username;
        if (spec.global_name !== undefined) existing.global_name = spec.global_name;
      }
      return existing;
    }
    const user = {
      id: spec.id,
      username: spec.username ?? `user${spec.id.slice(-4)}`,
      global_name: spec.global_name ?? null,
      discriminator: '0',
      avatar: spec.avatar ?? null,
      bot: spec.bot ?? false,
      system: false,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
    this.users.set(spec.id, user);
    return user;
  }

  // --- guilds ------------------------------------------------------------------------------

  addGuild(spec: FakeGuildSpec): Guild {
    const roles: Role[] = [this.makeRole({ id: spec.id, name: '@everyone', permissions: toBits(spec.everyonePermissions ?? DEFAULT_EVERYONE), position: 0 })];
    (spec.roles ?? []).forEach((r, i) => {
      roles.push(
        this.makeRole({
          id: r.id,
          name: r.name,
          permissions: toBits(r.permissions),
          position: r.position ?? i + 1,
          color: r.color,
          managed: r.managed,
          mentionable: r.mentionable,
          hoist: r.hoist,
        }),
      );
    });
    const botRoles = [...(spec.bot?.roles ?? [])];
    if (spec.bot?.permissions !== undefined) {
      const id = snowflake();
      const role = this.makeRole({ id, name: this.botUser.username as string, permissions: toBits(spec.bot.permissions), position: roles.length, managed: true });
      role.tags = { bot_id: this.botUserId };
      roles.push(role);
      botRoles.push(id);
    }
    const guild: Guild = {
      id: spec.id,
      name: spec.name,
      preferred_locale: spec.preferred_locale ?? 'en-US',
      owner_id: spec.owner_id ?? snowflake(),
      features: spec.features ?? [],
      roles,
      members: new Map(),
      joined_at: isoNow(),
    };
    this.guilds.set(spec.id, guild);
    guild.members.set(this.botUserId, this.makeMember(this.botUser, botRoles, spec.bot?.nick ?? null));
    for (const m of spec.members ?? []) {
      guild.members.set(m.user.id, this.makeMember(this.ensureUser(m.user), m.roles ?? [], m.nick ?? null));
    }
    (spec.channels ?? []).forEach((c, i) => {
      const channel: FakeChannel = {
        id: c.id,
        type: KIND_TO_TYPE[c.type],
        guild_id: spec.id,
        name: c.name,
        position: c.position ?? i,
        parent_id: c.parent_id ?? null,
        nsfw: c.nsfw ?? false,
        flags: 0,
        permission_overwrites: (c.permission_overwrites ?? []).map((o) => ({
          id: o.id,
          type: o.type === 'member' || o.type === 1 ? 1 : 0,
          allow: toBits(o.allow).toString(),
          deny: toBits(o.deny).toString(),
        })),
      };
      if (c.type !== 'category') {
        channel.topic = c.topic ?? null;
        channel.rate_limit_per_user = c.rate_limit_per_user ?? 0;
        channel.last_message_id = null;
      }
      if (c.type === 'forum') {
        channel.available_tags = (c.available_tags ?? []).map((t) => ({
          id: t.id ?? snowflake(),
          name: t.name,
          moderated: t.moderated ?? false,
          emoji_id: t.emoji_id ?? null,
          emoji_name: t.emoji_name ?? null,
        }));
        channel.default_reaction_emoji = null;
        channel.default_sort_order = null;
        channel.default_forum_layout = 0;
        channel.default_thread_rate_limit_per_user = 0;
        channel.default_auto_archive_duration = 4320;
      }
      this.channels.set(c.id, channel);
    });
    return guild;
  }

  private makeRole(r: { id: string; name: string; permissions: bigint; position: number; color?: number; managed?: boolean; mentionable?: boolean; hoist?: boolean }): Role {
    return {
      id: r.id,
      name: r.name,
      color: r.color ?? 0,
      colors: { primary_color: r.color ?? 0, secondary_color: null, tertiary_color: null },
      hoist: r.hoist ?? false,
      icon: null,
      unicode_emoji: null,
      position: r.position,
      permissions: r.permissions.toString(),
      managed: r.managed ?? false,
      mentionable: r.mentionable ?? false,
      flags: 0,
    };
  }

  private makeMember(user: Record<string, unknown>, roles: string[], nick: string | null): Member {
    return {
      user,
      roles,
      nick,
      avatar: null,
      banner: null,
      joined_at: isoNow(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  guildOf(channelId: string): Guild | undefined {
    const ch = this.channels.get(channelId);
    return ch?.guild_id ? this.guilds.get(ch.guild_id) : undefined;
  }

  /** The member of a guild, created (with the given roles) when missing. */
  ensureMember(guildId: string, ref: FakeUserRef, roles?: string[]): Member {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    const user = this.ensureUser(ref);
    let member = guild.members.get(user.id as string);
    if (!member) {
      member = this.makeMember(user, roles ?? [], null);
      guild.members.set(user.id as string, member);
    } else if (roles) {
      member.roles = [...roles];
    }
    return member;
  }

  guildChannels(guildId: string): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.guild_id === guildId && !isThreadType(c.type));
  }

  guildThreads(guildId: string): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.guild_id === guildId && isThreadType(c.type) && !(c.thread_metadata as { archived?: boolean } | undefined)?.archived);
  }

  // --- permissions -------------------------------------------------------------------------

  basePermissions(guildId: string, userId: string): bigint {
    const guild = this.guilds.get(guildId);
    if (!guild) return 0n;
    const member = guild.members.get(userId);
    return basePermissions({ guildId, ownerId: guild.owner_id, userId, roles: guild.roles, memberRoleIds: member?.roles ?? [] });
  }

  /** A member's permissions in a channel (threads use their parent's overwrites). */
  channelPermissions(channelId: string, userId: string): bigint {
    const channel = this.channels.get(channelId);
    if (!channel?.guild_id) return 0n;
    const guild = this.guilds.get(channel.guild_id);
    if (!guild) return 0n;
    const source = isThreadType(channel.type) && channel.parent_id ? (this.channels.get(channel.parent_id) ?? channel) : channel;
    const member = guild.members.get(userId);
    const base = this.basePermissions(guild.id, userId);
    return applyOverwrites(base, {
      guildId: guild.id,
      userId,
      memberRoleIds: member?.roles ?? [],
      overwrites: source.permission_overwrites ?? [],
    });
  }

  // --- messages ----------------------------------------------------------------------------

  /** Builds a message object (not stored). */
  buildMessage(channelId: string, author: Record<string, unknown>, body: Record<string, unknown>): FakeMessage {
    const channel = this.channels.get(channelId);
    const content = typeof body.content === 'string' ? body.content : '';
    const message: FakeMessage = {
      id: typeof body.id === 'string' ? body.id : snowflake(),
      type: typeof body.type === 'number' ? body.type : 0,
      channel_id: channelId,
      author: clone(author),
      content,
      timestamp: isoNow(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: Array.isArray(body.attachments) ? (body.attachments as Array<Record<string, unknown>>) : [],
      embeds: Array.isArray(body.embeds) ? (body.embeds as Array<Record<string, unknown>>).map((e) => ({ type: 'rich', ...e })) : [],
      components: Array.isArray(body.components) ? clone(body.components as Array<Record<string, unknown>>) : [],
      pinned: false,
      flags: typeof body.flags === 'number' ? body.flags : 0,
    };
    if (channel?.guild_id) message.guild_id = channel.guild_id;
    if (body.nonce !== undefined && body.nonce !== null) message.nonce = body.nonce as string | number;
    if (Array.isArray(body.sticker_ids)) message.sticker_items = [];
    if (body.poll !== undefined) message.poll = body.poll;
    this.applyMentions(message, body);
    return message;
  }

  applyMentions(message: FakeMessage, body?: Record<string, unknown>): void {
    const content = message.content;
    const allowed = body?.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[] } | undefined;
    const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string);
    const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] as string);
    const allowUser = (id: string) => !allowed || allowed.parse?.includes('users') || allowed.users?.includes(id);
    const allowRole = (id: string) => !allowed || allowed.parse?.includes('roles') || allowed.roles?.includes(id);
    message.mentions = [...new Set(userIds)].filter(allowUser).map((id) => clone(this.users.get(id) ?? this.ensureUser(id)));
    message.mention_roles = [...new Set(roleIds)].filter(allowRole);
    message.mention_everyone = /@(everyone|here)/.test(content) && (!allowed || allowed.parse?.includes('everyone') === true);
  }

  storeMessage(message: FakeMessage, opts: { ephemeral?: boolean } = {}): FakeMessage {
    this.messageById.set(message.id, message);
    if (opts.ephemeral) {
      this.ephemeralMessages.add(message.id);
      return message;
    }
    const list = this.channelMessages.get(message.channel_id) ?? [];
    list.push(message);
    this.channelMessages.set(message.channel_id, list);
    const channel = this.channels.get(message.channel_id);
    if (channel) {
      channel.last_message_id = message.id;
      if (isThreadType(channel.type)) {
        channel.message_count = (channel.message_count ?? 0) + 1;
        channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      }
    }
    return message;
  }

  getMessage(channelId: string, messageId: string): FakeMessage | undefined {
    const m = this.messageById.get(messageId);
    if (!m || m.channel_id !== channelId || this.deletedMessages.has(messageId) || this.ephemeralMessages.has(messageId)) return undefined;
    return m;
  }

  deleteMessage(messageId: string): void {
    const m = this.messageById.get(messageId);
    if (!m) return;
    this.deletedMessages.add(messageId);
    const list = this.channelMessages.get(m.channel_id);
    if (list) {
      const i = list.findIndex((x) => x.id === messageId);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** Applies a PATCH body to a stored message. */
  editMessage(message: FakeMessage, body: Record<string, unknown>, opts: { markEdited?: boolean } = {}): FakeMessage {
    if (body.content !== undefined) message.content = (body.content as string | null) ?? '';
    if (body.embeds !== undefined) message.embeds = ((body.embeds as Array<Record<string, unknown>> | null) ?? []).map((e) => ({ type: 'rich', ...e }));
    if (body.components !== undefined) message.components = clone((body.components as Array<Record<string, unknown>> | null) ?? []);
    if (body.attachments !== undefined) message.attachments = (body.attachments as Array<Record<string, unknown>> | null) ?? [];
    if (typeof body.flags === 'number') {
      // Only SUPPRESS_EMBEDS (and IS_COMPONENTS_V2 on the way in) may change; the rest are kept.
      const keep = message.flags & ~(4 | 32768);
      message.flags = keep | (body.flags & (4 | 32768));
    }
    if (body.content !== undefined) this.applyMentions(message, body);
    if (opts.markEdited !== false) message.edited_timestamp = isoNow();
    return message;
  }

  // --- commands ----------------------------------------------------------------------------

  commandList(guildId?: string): Array<Record<string, unknown>> {
    if (!guildId) return this.globalCommands;
    let list = this.guildCommands.get(guildId);
    if (!list) {
      list = [];
      this.guildCommands.set(guildId, list);
    }
    return list;
  }

  /** Normalises a command body into a stored command object, keeping an existing id. */
  materializeCommand(body: Record<string, unknown>, guildId: string | undefined, existing?: Record<string, unknown>): Record<string, unknown> {
    const type = (body.type as number | undefined) ?? 1;
    const dmp = body.default_member_permissions;
    const cmd: Record<string, unknown> = {
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: dmp === undefined || dmp === null ? null : typeof dmp === 'string' || typeof dmp === 'number' || typeof dmp === 'bigint' ? String(dmp) : JSON.stringify(dmp),
      type,
      name: body.name,
      name_localizations: body.name_localizations ?? null,
      description: type === 1 ? body.description : '',
      description_localizations: body.description_localizations ?? null,
      dm_permission: body.dm_permission ?? true,
      contexts: body.contexts ?? null,
      integration_types: body.integration_types ?? [0],
      nsfw: body.nsfw ?? false,
    };
    if (guildId) cmd.guild_id = guildId;
    if (Array.isArray(body.options) && body.options.length) cmd.options = clone(body.options);
    return cmd;
  }

  findCommand(name: string, type: number, guildId: string | null): Record<string, unknown> | undefined {
    const match = (c: Record<string, unknown>) => c.name === name && ((c.type as number | undefined) ?? 1) === type;
    if (guildId) {
      const g = this.guildCommands.get(guildId)?.find(match);
      if (g) return g;
    }
    return this.globalCommands.find(match);
  }
}

export function newInteractionRecord(id: string, type: number): InteractionResponseRecord {
  return {
    interactionId: id,
    interactionType: type,
    flags: 0,
    ephemeral: false,
    deferred: false,
    edits: [],
    followUps: [],
    originalDeleted: false,
    log: [],
  };
}
