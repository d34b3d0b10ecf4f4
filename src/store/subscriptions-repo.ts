import type { Database } from 'better-sqlite3';
import { ANNOUNCE_TYPES, type AnnounceType } from '../releases/types.ts';

export interface Subscription {
  channelId: string;
  guildId: string | null;
  types: AnnounceType[];
  roleId: string | null;
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
  createdBy?: string | null;
}

interface Row {
  channel_id: string;
  guild_id: string | null;
  types: string;
  role_id: string | null;
  enabled: number;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: Row): Subscription {
  const types = (JSON.parse(row.types) as string[]).filter((t): t is AnnounceType =>
    (ANNOUNCE_TYPES as readonly string[]).includes(t),
  );
  return {
    channelId: row.channel_id,
    guildId: row.guild_id,
    types,
    roleId: row.role_id,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** One subscription per channel; setting it again replaces types/role and re-enables it. */
export class SubscriptionsRepo {
  constructor(private readonly db: Database) {}

  upsert(input: SubscriptionInput, at: Date): Subscription {
    const types = ANNOUNCE_TYPES.filter((t) => input.types.includes(t));
    this.db
      .prepare(
        `INSERT INTO subscriptions (channel_id, guild_id, types, role_id, enabled, disabled_reason, created_by, created_at, updated_at)
         VALUES (@channelId, @guildId, @types, @roleId, 1, NULL, @createdBy, @at, @at)
         ON CONFLICT (channel_id) DO UPDATE SET
           guild_id = coalesce(excluded.guild_id, guild_id), types = excluded.types, role_id = excluded.role_id,
           enabled = 1, disabled_reason = NULL, created_by = coalesce(excluded.created_by, created_by),
           updated_at = excluded.updated_at`,
      )
      .run({
        channelId: input.channelId,
        guildId: input.guildId ?? null,
        types: JSON.stringify(types),
        roleId: input.roleId ?? null,
        createdBy: input.createdBy ?? null,
        at: at.toISOString(),
      });
    return this.get(input.channelId)!;
  }

  get(channelId: string): Subscription | undefined {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE channel_id = ?').get(channelId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  listByGuild(guildId: string): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY channel_id').all(guildId) as Row[]).map(fromRow);
  }

  listEnabled(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions WHERE enabled = 1 ORDER BY channel_id').all() as Row[]).map(fromRow);
  }

  all(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY channel_id').all() as Row[]).map(fromRow);
  }

  /** Records the server of a subscription made without one (ANNOUNCE_CHANNEL_ID is applied before login). */
  adoptGuild(channelId: string, guildId: string): boolean {
    return this.db.prepare('UPDATE subscriptions SET guild_id = ? WHERE channel_id = ? AND guild_id IS NULL').run(guildId, channelId).changes > 0;
  }

  disable(channelId: string, reason: string, at: Date): void {
    this.db
      .prepare('UPDATE subscriptions SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE channel_id = ?')
      .run(reason, at.toISOString(), channelId);
  }

  remove(channelId: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE channel_id = ?').run(channelId).changes > 0;
  }
}
