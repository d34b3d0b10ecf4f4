/** Public types of the fake Discord test server. */

/** A permission set: a bitfield (bigint/number/decimal string) or a list of flag names such as `'SendMessages'`. */
export type PermissionInput = bigint | number | string | readonly string[];

export interface FakeUserSpec {
  id: string;
  username?: string;
  global_name?: string | null;
  bot?: boolean;
  avatar?: string | null;
}

/** A user reference in test helpers: a user id, or a user spec. */
export type FakeUserRef = string | FakeUserSpec;

interface FakeRoleSpec {
  id: string;
  name: string;
  permissions: PermissionInput;
  position?: number;
  color?: number;
  managed?: boolean;
  mentionable?: boolean;
  hoist?: boolean;
}

interface FakeOverwriteSpec {
  /** Role id (the guild id is @everyone) or member id. */
  id: string;
  type: 'role' | 'member' | 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}

interface FakeForumTagSpec {
  id?: string;
  name: string;
  moderated?: boolean;
  emoji_id?: string | null;
  emoji_name?: string | null;
}

export type FakeChannelKind = 'text' | 'forum' | 'category' | 'announcement' | 'voice';

interface FakeChannelSpec {
  id: string;
  name: string;
  type: FakeChannelKind;
  parent_id?: string | null;
  topic?: string | null;
  position?: number;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  /** Forum channels: tags a post may carry. Ids are generated when missing. */
  available_tags?: FakeForumTagSpec[];
  permission_overwrites?: FakeOverwriteSpec[];
}

interface FakeMemberSpec {
  user: FakeUserSpec;
  roles?: string[];
  nick?: string | null;
}

export interface FakeGuildSpec {
  id: string;
  name: string;
  preferred_locale?: string;
  /** Owner user id. Defaults to a synthetic owner (not the bot, not test users). */
  owner_id?: string;
  /** Permissions of @everyone (the role whose id is the guild id). Default: Discord's default @everyone set. */
  everyonePermissions?: PermissionInput;
  roles?: FakeRoleSpec[];
  channels?: FakeChannelSpec[];
  /** Known members besides the bot (test users are added on first use). */
  members?: FakeMemberSpec[];
  features?: string[];
  /** The bot's own membership. `permissions` creates a managed bot role with those permissions. */
  bot?: { roles?: string[]; permissions?: PermissionInput; nick?: string | null };
}

export type PrivilegedIntentName = 'GuildMembers' | 'GuildPresences' | 'MessageContent';

export interface FakeRateLimitOptions {
  /** Maximum authenticated requests per second across all routes (Discord: 50). Interaction routes are exempt. */
  globalPerSecond?: number;
  /** A per-bucket limit applied to every route (bucket = method + route + major parameter). */
  perRoute?: { limit: number; windowMs: number };
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  guilds?: FakeGuildSpec[];
  allowedPrivilegedIntents?: Array<PrivilegedIntentName | number>;
  rateLimits?: FakeRateLimitOptions;
  heartbeatIntervalMs?: number;
  /** How long an interaction may wait for its first callback (Discord: 3000 ms). */
  interactionDeadlineMs?: number;
  /** Application flags sent in READY / GET /applications/@me. Default: GatewayMessageContentLimited (1<<19) and friends are derived from allowed intents. */
  applicationFlags?: number;
  /** Default user for interaction helpers and userMessage. */
  defaultUser?: FakeUserSpec;
  /** Shards reported by GET /gateway/bot (default 1). */
  shards?: number;
  /** Hook to alter any dispatch payload before it is sent (e.g. to remove fields). */
  transformDispatch?: (event: string, data: unknown) => unknown;
}

export interface RecordedFile {
  field: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface RecordedRequest {
  method: string;
  /** Path after `/api/vN`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** The matched route template, e.g. `/channels/:channel/messages` (null for unknown routes). */
  route: string | null;
  apiVersion: number | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The Authorization header, if any. */
  authorization: string | null;
  /** True when Authorization is exactly `Bot <token>`. */
  authorizedAsBot: boolean;
  /** Parsed JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: RecordedFile[];
  /** Response status (set when the response has been sent). */
  status?: number;
  /** Response body (JSON) if any. */
  response?: unknown;
  at: number;
}

export interface InteractionCallbackBody {
  type: number;
  data?: Record<string, unknown>;
}

type InteractionLogEntry =
  | { kind: 'callback'; body: InteractionCallbackBody; at: number }
  | { kind: 'rejected'; what: string; status: number; code: number; message: string; body: unknown; at: number }
  | { kind: 'editOriginal'; body: Record<string, unknown>; at: number }
  | { kind: 'deleteOriginal'; at: number }
  | { kind: 'followUp'; messageId: string; body: Record<string, unknown>; at: number }
  | { kind: 'editFollowUp'; messageId: string; body: Record<string, unknown>; at: number }
  | { kind: 'deleteFollowUp'; messageId: string; at: number };

/** Everything the bot did in answer to one interaction. */
export interface InteractionResponseRecord {
  interactionId: string;
  interactionType: number;
  /** The first accepted callback (type 1,4,5,6,7,8,9) or undefined. */
  callback?: InteractionCallbackBody;
  /** Message flags of the original response (64 = ephemeral, 128 = loading). */
  flags: number;
  ephemeral: boolean;
  deferred: boolean;
  /** The original response message (for type 7/6: the component's message), with edits applied. */
  original?: FakeMessage;
  /** PATCH bodies applied to @original, in order. */
  edits: Array<Record<string, unknown>>;
  /** Follow-up messages, with edits applied. */
  followUps: FakeMessage[];
  originalDeleted: boolean;
  log: InteractionLogEntry[];
}

/** A Discord message object as the fake stores it. */
export interface FakeMessage {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  author: Record<string, unknown>;
  member?: Record<string, unknown>;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: Array<Record<string, unknown>>;
  mention_roles: string[];
  attachments: Array<Record<string, unknown>>;
  embeds: Array<Record<string, unknown>>;
  components: Array<Record<string, unknown>>;
  pinned: boolean;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  message_reference?: Record<string, unknown>;
  referenced_message?: FakeMessage | null;
  interaction_metadata?: Record<string, unknown>;
  position?: number;
  [key: string]: unknown;
}

export interface FakeChannel {
  id: string;
  type: number;
  guild_id?: string;
  name: string;
  position?: number;
  parent_id?: string | null;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  permission_overwrites?: Array<{ id: string; type: number; allow: string; deny: string }>;
  available_tags?: Array<{ id: string; name: string; moderated: boolean; emoji_id: string | null; emoji_name: string | null }>;
  applied_tags?: string[];
  owner_id?: string;
  thread_metadata?: Record<string, unknown>;
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  last_message_id?: string | null;
  flags?: number;
  [key: string]: unknown;
}
