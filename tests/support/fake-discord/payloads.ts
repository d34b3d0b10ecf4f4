/** Builders for the objects Discord sends: guilds, members, channels, interactions. */
import type { FakeState, Guild, Member } from './state.ts';
import type { FakeChannel } from './types.ts';
import { clone } from './util.ts';

export const Intents = {
  Guilds: 1,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
export const PRIVILEGED_INTENTS = Intents.GuildMembers | Intents.GuildPresences | Intents.MessageContent;
export const ALL_INTENTS = (1 << 26) - 1;

export function guildObject(guild: Guild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.owner_id,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: clone(guild.roles),
    emojis: [],
    features: [...guild.features],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferred_locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    nsfw: false,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
    hub_type: null,
  };
}

export function memberObject(member: Member, opts: { withUser?: boolean; permissions?: bigint } = {}): Record<string, unknown> {
  const m: Record<string, unknown> = { ...clone(member) };
  if (opts.withUser === false) delete m.user;
  if (opts.permissions !== undefined) m.permissions = opts.permissions.toString();
  return m;
}

export function channelObject(channel: FakeChannel): Record<string, unknown> {
  return clone(channel);
}

/** GUILD_CREATE for a connection with the given intents. */
export function guildCreate(state: FakeState, guildId: string, intents: number): Record<string, unknown> {
  const guild = state.guilds.get(guildId);
  if (!guild) throw new Error(`unknown guild ${guildId}`);
  const members = intents & Intents.GuildMembers ? [...guild.members.values()] : [...guild.members.values()].filter((m) => m.user.id === state.botUserId);
  return {
    ...guildObject(guild),
    joined_at: guild.joined_at,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: guild.members.size,
    members: members.map((m) => memberObject(m)),
    channels: state.guildChannels(guildId).map((c) => {
      const ch = channelObject(c);
      delete ch.guild_id;
      return ch;
    }),
    threads: state.guildThreads(guildId).map(channelObject),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    activity_instances: [],
    application_command_counts: {},
  };
}

/** The channel object inside INTERACTION_CREATE (full object plus the user's `permissions`). */
export function interactionChannel(state: FakeState, channelId: string, userId: string): Record<string, unknown> {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
  return { ...channelObject(channel), permissions: state.channelPermissions(channelId, userId).toString() };
}

export function threadMetadata(): Record<string, unknown> {
  return {
    archived: false,
    auto_archive_duration: 4320,
    archive_timestamp: new Date().toISOString(),
    locked: false,
    create_timestamp: new Date().toISOString(),
  };
}
