import { sql, changes, first, rows, toNumber, type Executor } from './sql.ts';
import type { Language } from '../knowledge/schema.ts';
import type { DeliveryStatus } from '../shared/release.ts';

export interface Delivery {
  id: number;
  channelId: string;
  /** "release:<version>" or "eol:<series>". */
  eventKey: string;
  /** The release the post is rendered from. */
  version: string;
  status: DeliveryStatus;
  /** Set (with the other rows of the same message) before the first send; reused by every retry. */
  nonce: string | null;
  /** The language the message is composed in, fixed with the nonce; null before (rows from before languages: English). */
  lang: Language | null;
  attempts: number;
  messageId: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

interface Row {
  id: number;
  channel_id: string;
  event_key: string;
  version: string;
  status: DeliveryStatus;
  nonce: string | null;
  lang?: string | null;
  attempts: number;
  message_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  claimed_by?: string | null;
  claimed_until?: string | null;
}

function fromRow(row: Row): Delivery {
  return {
    id: row.id,
    channelId: row.channel_id,
    eventKey: row.event_key,
    version: row.version,
    status: row.status,
    nonce: row.nonce,
    lang: row.lang === 'de' || row.lang === 'en' ? row.lang : null,
    attempts: row.attempts,
    messageId: row.message_id,
    error: row.error,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
  };
}

/**
 * The delivery ledger: one row per (channel, event), unique, so an event can be queued for a channel
 * only once in the life of the database. Intent (pending + nonce) is written before a send, the result after.
 *
 * Several processes on one database share the work by claiming a channel's pending rows with a lease
 * (Postgres: FOR UPDATE SKIP LOCKED, so two claims never overlap); a dead process's claims run out and
 * are taken over. The unique key stays the guarantee against a second row; the claim only saves work.
 */
export class DeliveriesRepo {
  /**
   * `shared`: other live processes may hold claims (Postgres). On SQLite only one process runs, so any
   * claim left in the file is from a process that ended and is ignored.
   */
  constructor(
    private readonly db: Executor,
    private readonly shared = false,
  ) {}

  private claimable(now: Date, holder: string) {
    return this.shared ? sql`(claimed_until IS NULL OR claimed_until <= ${now.toISOString()} OR claimed_by = ${holder})` : sql`1 = 1`;
  }

  /** Queues an event for a channel; false when it was already queued (or delivered) before. */
  async enqueue(input: { channelId: string; eventKey: string; version: string }, at: Date): Promise<boolean> {
    const now = at.toISOString();
    return (
      (await changes(
        this.db,
        sql`INSERT INTO deliveries (channel_id, event_key, version, status, created_at, updated_at)
            VALUES (${input.channelId}, ${input.eventKey}, ${input.version}, 'pending', ${now}, ${now})
            ON CONFLICT (channel_id, event_key) DO NOTHING`,
      )) > 0
    );
  }

  async get(channelId: string, eventKey: string): Promise<Delivery | undefined> {
    const row = await first(this.db, sql<Row>`SELECT * FROM deliveries WHERE channel_id = ${channelId} AND event_key = ${eventKey}`);
    return row ? fromRow(row) : undefined;
  }

  /** Channels with pending rows that nobody holds (unclaimed, or their claim ran out) or that holder holds. */
  async pendingChannels(now: Date = new Date(), holder = ''): Promise<string[]> {
    const found = await rows(
      this.db,
      sql<{ channel_id: string }>`SELECT DISTINCT channel_id FROM deliveries
        WHERE status = 'pending' AND ${this.claimable(now, holder)}
        ORDER BY channel_id`,
    );
    return found.map((r) => r.channel_id);
  }

  async pendingCount(): Promise<number> {
    return toNumber((await first(this.db, sql<{ n: number | string }>`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`))!.n);
  }

  /**
   * Claims the channel's pending rows that are free (or already the holder's) until `until`, and
   * returns them in queue order; rows another live process holds are skipped, not waited for.
   */
  async claimPending(channelId: string, holder: string, now: Date, until: Date): Promise<Delivery[]> {
    const claimed = await rows(
      this.db,
      sql<Row>`UPDATE deliveries SET claimed_by = ${holder}, claimed_until = ${until.toISOString()}
        WHERE id IN (
          SELECT id FROM deliveries
          WHERE channel_id = ${channelId} AND status = 'pending' AND ${this.claimable(now, holder)}
          ORDER BY id ${this.shared ? sql`FOR UPDATE SKIP LOCKED` : sql``})
        RETURNING *`,
    );
    return claimed.map(fromRow).sort((a, b) => a.id - b.id);
  }

  /** Extends the holder's claim on the rows; false when any of them is no longer the holder's (taken over). */
  async extendClaim(ids: number[], holder: string, until: Date): Promise<boolean> {
    if (ids.length === 0) return true;
    const n = await changes(this.db, sql`UPDATE deliveries SET claimed_until = ${until.toISOString()} WHERE claimed_by = ${holder} AND id IN (${sql.join(ids)})`);
    return n === ids.length;
  }

  /** Gives back the pending rows the holder still claims (of one channel, or all: graceful shutdown), so another process takes them at once. */
  async releaseClaims(holder: string, channelId?: string): Promise<number> {
    const channel = channelId === undefined ? sql`` : sql`AND channel_id = ${channelId}`;
    return changes(this.db, sql`UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ${holder} AND status = 'pending' ${channel}`);
  }

  async forChannel(channelId: string, limit = 20): Promise<Delivery[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM deliveries WHERE channel_id = ${channelId} ORDER BY updated_at DESC, id DESC LIMIT ${limit}`)).map(fromRow);
  }

  async all(): Promise<Delivery[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM deliveries ORDER BY id`)).map(fromRow);
  }

  /** The intent: the message's nonce and language, committed before its first send. */
  async assignNonce(ids: number[], nonce: string, lang: Language, at: Date): Promise<void> {
    await this.update(ids, sql`nonce = ${nonce}, lang = ${lang}, updated_at = ${at.toISOString()}`);
  }

  async recordAttempt(ids: number[], error: string | null, at: Date): Promise<void> {
    await this.update(ids, sql`attempts = attempts + 1, error = ${error}, updated_at = ${at.toISOString()}`);
  }

  async markSent(ids: number[], messageId: string, at: Date): Promise<void> {
    const now = at.toISOString();
    await this.update(ids, sql`status = 'sent', message_id = ${messageId}, error = NULL, sent_at = ${now}, updated_at = ${now}, claimed_by = NULL, claimed_until = NULL`);
  }

  async markFailed(ids: number[], error: string, at: Date): Promise<void> {
    await this.update(ids, sql`status = 'failed', error = ${error}, updated_at = ${at.toISOString()}, claimed_by = NULL, claimed_until = NULL`);
  }

  async failPendingForChannel(channelId: string, error: string, at: Date): Promise<number> {
    return changes(
      this.db,
      sql`UPDATE deliveries SET status = 'failed', error = ${error}, updated_at = ${at.toISOString()}, claimed_by = NULL, claimed_until = NULL
          WHERE channel_id = ${channelId} AND status = 'pending'`,
    );
  }

  private async update(ids: number[], set: ReturnType<typeof sql>): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE deliveries SET ${set} WHERE id IN (${sql.join(ids)})`.execute(this.db);
  }
}
