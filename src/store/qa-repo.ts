import { sql, changes, first, rows, toNumber, type Executor } from './sql.ts';

export type QaChannelKind = 'forum' | 'text';
export type QaPostStatus = 'claimed' | 'suggested' | 'silent' | 'solved' | 'unhelpful';

export interface QaChannel {
  channelId: string;
  guildId: string;
  kind: QaChannelKind;
}

export interface KnowledgeGap {
  question: string;
  asked: number;
  unhelpful: number;
  lastAt: Date;
}

type ChannelRow = { channel_id: string; guild_id: string; kind: QaChannelKind };
const channelFromRow = (row: ChannelRow): QaChannel => ({ channelId: row.channel_id, guildId: row.guild_id, kind: row.kind });

/**
 * Q&A state: watched channels, the per-post claim, cool-downs and the gap/hit counters.
 * The claims are single atomic statements, so they hold across processes sharing one database.
 */
export class QaRepo {
  constructor(private readonly db: Executor) {}

  async addChannel(channel: QaChannel & { addedBy: string | null }, at: Date): Promise<void> {
    await sql`
      INSERT INTO qa_channels (channel_id, guild_id, kind, added_by, added_at)
      VALUES (${channel.channelId}, ${channel.guildId}, ${channel.kind}, ${channel.addedBy}, ${at.toISOString()})
      ON CONFLICT (channel_id) DO UPDATE SET kind = excluded.kind`.execute(this.db);
  }

  async removeChannel(channelId: string): Promise<boolean> {
    return (await changes(this.db, sql`DELETE FROM qa_channels WHERE channel_id = ${channelId}`)) > 0;
  }

  async channel(channelId: string): Promise<QaChannel | undefined> {
    const row = await first(this.db, sql<ChannelRow>`SELECT channel_id, guild_id, kind FROM qa_channels WHERE channel_id = ${channelId}`);
    return row && channelFromRow(row);
  }

  async channelsOf(guildId: string): Promise<QaChannel[]> {
    return (await rows(this.db, sql<ChannelRow>`SELECT channel_id, guild_id, kind FROM qa_channels WHERE guild_id = ${guildId} ORDER BY added_at`)).map(channelFromRow);
  }

  /** True only for the first caller: a post seen twice (duplicate event, restart, another process) is claimed once. */
  async claimPost(post: { threadId: string; channelId: string; authorId: string | null }, at: Date): Promise<boolean> {
    const now = at.toISOString();
    return (
      (await changes(
        this.db,
        sql`INSERT INTO qa_posts (thread_id, channel_id, author_id, status, created_at, updated_at)
            VALUES (${post.threadId}, ${post.channelId}, ${post.authorId}, 'claimed', ${now}, ${now}) ON CONFLICT (thread_id) DO NOTHING`,
      )) > 0
    );
  }

  async updatePost(threadId: string, change: { status: QaPostStatus; entryIds?: string[]; messageId?: string | null }, at: Date): Promise<void> {
    const entryIds = change.entryIds ? JSON.stringify(change.entryIds) : null;
    await sql`
      UPDATE qa_posts SET status = ${change.status}, entry_ids = COALESCE(${entryIds}, entry_ids),
        message_id = COALESCE(${change.messageId ?? null}, message_id), updated_at = ${at.toISOString()}
      WHERE thread_id = ${threadId}`.execute(this.db);
  }

  async post(threadId: string): Promise<{ status: QaPostStatus; entryIds: string[]; authorId: string | null } | undefined> {
    const row = await first(this.db, sql<{ status: QaPostStatus; entry_ids: string; author_id: string | null }>`SELECT status, entry_ids, author_id FROM qa_posts WHERE thread_id = ${threadId}`);
    return row && { status: row.status, entryIds: JSON.parse(row.entry_ids) as string[], authorId: row.author_id };
  }

  async countPosts(status: QaPostStatus): Promise<number> {
    return toNumber((await first(this.db, sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM qa_posts WHERE status = ${status}`))!.n);
  }

  /** Takes the (channel, entry) slot unless it is cooling down; atomic, so two messages cannot both win. */
  async takeCooldown(channelId: string, entryId: string, now: Date, until: Date): Promise<boolean> {
    return (
      (await changes(
        this.db,
        sql`INSERT INTO qa_cooldowns (channel_id, entry_id, until) VALUES (${channelId}, ${entryId}, ${until.toISOString()})
            ON CONFLICT (channel_id, entry_id) DO UPDATE SET until = excluded.until WHERE qa_cooldowns.until <= ${now.toISOString()}`,
      )) > 0
    );
  }

  async recordGap(question: string, kind: 'asked' | 'unhelpful', at: Date): Promise<void> {
    const now = at.toISOString();
    await sql`
      INSERT INTO knowledge_gaps (question, asked, unhelpful, first_at, last_at)
      VALUES (${question}, ${kind === 'asked' ? 1 : 0}, ${kind === 'unhelpful' ? 1 : 0}, ${now}, ${now})
      ON CONFLICT (question) DO UPDATE SET asked = knowledge_gaps.asked + excluded.asked,
        unhelpful = knowledge_gaps.unhelpful + excluded.unhelpful, last_at = excluded.last_at`.execute(this.db);
  }

  async gaps(limit: number): Promise<KnowledgeGap[]> {
    const found = await rows(
      this.db,
      sql<{ question: string; asked: number; unhelpful: number; last_at: string }>`
        SELECT question, asked, unhelpful, last_at FROM knowledge_gaps ORDER BY asked + unhelpful DESC, last_at DESC LIMIT ${limit}`,
    );
    return found.map((r) => ({ question: r.question, asked: r.asked, unhelpful: r.unhelpful, lastAt: new Date(r.last_at) }));
  }

  async recordHit(entryId: string, at: Date): Promise<void> {
    await sql`
      INSERT INTO entry_hits (entry_id, hits, last_at) VALUES (${entryId}, 1, ${at.toISOString()})
      ON CONFLICT (entry_id) DO UPDATE SET hits = entry_hits.hits + 1, last_at = excluded.last_at`.execute(this.db);
  }

  async hits(limit: number): Promise<{ entryId: string; hits: number }[]> {
    const found = await rows(this.db, sql<{ entry_id: string; hits: number }>`SELECT entry_id, hits FROM entry_hits ORDER BY hits DESC, entry_id LIMIT ${limit}`);
    return found.map((r) => ({ entryId: r.entry_id, hits: r.hits }));
  }
}
