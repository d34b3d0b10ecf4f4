import type { Database } from 'better-sqlite3';

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

/** Q&A state: watched channels, the per-post claim, cool-downs and the gap/hit counters. */
export class QaRepo {
  constructor(private readonly db: Database) {}

  addChannel(channel: QaChannel & { addedBy: string | null }, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO qa_channels (channel_id, guild_id, kind, added_by, added_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET kind = excluded.kind`,
      )
      .run(channel.channelId, channel.guildId, channel.kind, channel.addedBy, at.toISOString());
  }

  removeChannel(channelId: string): boolean {
    return this.db.prepare('DELETE FROM qa_channels WHERE channel_id = ?').run(channelId).changes > 0;
  }

  channel(channelId: string): QaChannel | undefined {
    const row = this.db.prepare('SELECT channel_id, guild_id, kind FROM qa_channels WHERE channel_id = ?').get(channelId) as
      | { channel_id: string; guild_id: string; kind: QaChannelKind }
      | undefined;
    return row && { channelId: row.channel_id, guildId: row.guild_id, kind: row.kind };
  }

  channelsOf(guildId: string): QaChannel[] {
    const rows = this.db.prepare('SELECT channel_id, guild_id, kind FROM qa_channels WHERE guild_id = ? ORDER BY added_at').all(guildId) as {
      channel_id: string;
      guild_id: string;
      kind: QaChannelKind;
    }[];
    return rows.map((row) => ({ channelId: row.channel_id, guildId: row.guild_id, kind: row.kind }));
  }

  /** True only for the first caller: a post seen twice (duplicate event, restart) is claimed once. */
  claimPost(post: { threadId: string; channelId: string; authorId: string | null }, at: Date): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO qa_posts (thread_id, channel_id, author_id, status, created_at, updated_at)
           VALUES (?, ?, ?, 'claimed', ?, ?) ON CONFLICT (thread_id) DO NOTHING`,
        )
        .run(post.threadId, post.channelId, post.authorId, at.toISOString(), at.toISOString()).changes > 0
    );
  }

  updatePost(threadId: string, change: { status: QaPostStatus; entryIds?: string[]; messageId?: string | null }, at: Date): void {
    this.db
      .prepare(
        `UPDATE qa_posts SET status = ?, entry_ids = COALESCE(?, entry_ids), message_id = COALESCE(?, message_id), updated_at = ?
         WHERE thread_id = ?`,
      )
      .run(change.status, change.entryIds ? JSON.stringify(change.entryIds) : null, change.messageId ?? null, at.toISOString(), threadId);
  }

  post(threadId: string): { status: QaPostStatus; entryIds: string[]; authorId: string | null } | undefined {
    const row = this.db.prepare('SELECT status, entry_ids, author_id FROM qa_posts WHERE thread_id = ?').get(threadId) as
      | { status: QaPostStatus; entry_ids: string; author_id: string | null }
      | undefined;
    return row && { status: row.status, entryIds: JSON.parse(row.entry_ids) as string[], authorId: row.author_id };
  }

  countPosts(status: QaPostStatus): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM qa_posts WHERE status = ?').get(status) as { n: number }).n;
  }

  /** Takes the (channel, entry) slot unless it is cooling down; atomic, so two messages cannot both win. */
  takeCooldown(channelId: string, entryId: string, now: Date, until: Date): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO qa_cooldowns (channel_id, entry_id, until) VALUES (?, ?, ?)
           ON CONFLICT (channel_id, entry_id) DO UPDATE SET until = excluded.until WHERE qa_cooldowns.until <= ?`,
        )
        .run(channelId, entryId, until.toISOString(), now.toISOString()).changes > 0
    );
  }

  recordGap(question: string, kind: 'asked' | 'unhelpful', at: Date): void {
    this.db
      .prepare(
        `INSERT INTO knowledge_gaps (question, asked, unhelpful, first_at, last_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (question) DO UPDATE SET asked = asked + excluded.asked, unhelpful = unhelpful + excluded.unhelpful, last_at = excluded.last_at`,
      )
      .run(question, kind === 'asked' ? 1 : 0, kind === 'unhelpful' ? 1 : 0, at.toISOString(), at.toISOString());
  }

  gaps(limit: number): KnowledgeGap[] {
    const rows = this.db
      .prepare('SELECT question, asked, unhelpful, last_at FROM knowledge_gaps ORDER BY asked + unhelpful DESC, last_at DESC LIMIT ?')
      .all(limit) as { question: string; asked: number; unhelpful: number; last_at: string }[];
    return rows.map((r) => ({ question: r.question, asked: r.asked, unhelpful: r.unhelpful, lastAt: new Date(r.last_at) }));
  }

  recordHit(entryId: string, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO entry_hits (entry_id, hits, last_at) VALUES (?, 1, ?)
         ON CONFLICT (entry_id) DO UPDATE SET hits = hits + 1, last_at = excluded.last_at`,
      )
      .run(entryId, at.toISOString());
  }

  hits(limit: number): { entryId: string; hits: number }[] {
    const rows = this.db.prepare('SELECT entry_id, hits FROM entry_hits ORDER BY hits DESC, entry_id LIMIT ?').all(limit) as { entry_id: string; hits: number }[];
    return rows.map((r) => ({ entryId: r.entry_id, hits: r.hits }));
  }
}
