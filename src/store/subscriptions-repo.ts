import { ANNOUNCE_TYPES, type AnnounceType } from '../config.ts';
import type { Language } from '../knowledge/schema.ts';
import { sql, changes, first, rows, type Executor } from './sql.ts';

export interface Subscription {
  channelId: string;
  guildId: string | null;
  types: AnnounceType[];
  roleId: string | null;
  /** The language of its posts; English for subscriptions stored without one (before languages, ANNOUNCE_CHANNEL_ID). */
  lang: Language;
  enabled: boolean;
  /** Why delivery stopped (e.g. "403 Missing Access"), shown by /announce show. */
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionInput {
  channelId: string;
  guildId?: string | null;
  types: AnnounceType[];
  roleId?: string | null;
  /** Omitted: a new subscription posts in English, an existing one keeps its language. */
  lang?: Language;
  createdBy?: string | null;
}

interface Row {
  channel_id: string;
  guild_id: string | null;
  types: string;
  role_id: string | null;
  lang: string | null;
  enabled: number;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: Row): Subscription {
  const types = (JSON.parse(row.types) as string[]).filter((t): t is AnnounceType => (ANNOUNCE_TYPES as readonly string[]).includes(t));
  return {
    channelId: row.channel_id,
    guildId: row.guild_id,
    types,
    roleId: row.role_id,
    lang: row.lang === 'de' ? 'de' : 'en',
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** One subscription per channel; setting it again replaces types/role (and the language, when given) and re-enables it. */
export class SubscriptionsRepo {
  constructor(private readonly db: Executor) {}

  async upsert(input: SubscriptionInput, at: Date): Promise<Subscription> {
    const types = JSON.stringify(ANNOUNCE_TYPES.filter((t) => input.types.includes(t)));
    const now = at.toISOString();
    await sql`
      INSERT INTO subscriptions (channel_id, guild_id, types, role_id, lang, enabled, disabled_reason, created_by, created_at, updated_at)
      VALUES (${input.channelId}, ${input.guildId ?? null}, ${types}, ${input.roleId ?? null}, ${input.lang ?? null}, 1, NULL, ${input.createdBy ?? null}, ${now}, ${now})
      ON CONFLICT (channel_id) DO UPDATE SET
        guild_id = coalesce(excluded.guild_id, subscriptions.guild_id), types = excluded.types, role_id = excluded.role_id,
        lang = coalesce(excluded.lang, subscriptions.lang),
        enabled = 1, disabled_reason = NULL, created_by = coalesce(excluded.created_by, subscriptions.created_by),
        updated_at = excluded.updated_at`.execute(this.db);
    return (await this.get(input.channelId))!;
  }

  async get(channelId: string): Promise<Subscription | undefined> {
    const row = await first(this.db, sql<Row>`SELECT * FROM subscriptions WHERE channel_id = ${channelId}`);
    return row ? fromRow(row) : undefined;
  }

  async listByGuild(guildId: string): Promise<Subscription[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM subscriptions WHERE guild_id = ${guildId} ORDER BY channel_id`)).map(fromRow);
  }

  async listEnabled(): Promise<Subscription[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM subscriptions WHERE enabled = 1 ORDER BY channel_id`)).map(fromRow);
  }

  async all(): Promise<Subscription[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM subscriptions ORDER BY channel_id`)).map(fromRow);
  }

  /** Records the server of a subscription made without one (ANNOUNCE_CHANNEL_ID is applied before login). */
  async adoptGuild(channelId: string, guildId: string): Promise<boolean> {
    return (await changes(this.db, sql`UPDATE subscriptions SET guild_id = ${guildId} WHERE channel_id = ${channelId} AND guild_id IS NULL`)) > 0;
  }

  async disable(channelId: string, reason: string, at: Date): Promise<void> {
    await sql`UPDATE subscriptions SET enabled = 0, disabled_reason = ${reason}, updated_at = ${at.toISOString()} WHERE channel_id = ${channelId}`.execute(this.db);
  }

  async remove(channelId: string): Promise<boolean> {
    return (await changes(this.db, sql`DELETE FROM subscriptions WHERE channel_id = ${channelId}`)) > 0;
  }
}
