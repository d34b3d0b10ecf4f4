import type { Database } from 'better-sqlite3';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

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
  attempts: number;
  message_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

function fromRow(row: Row): Delivery {
  return {
    id: row.id,
    channelId: row.channel_id,
    eventKey: row.event_key,
    version: row.version,
    status: row.status,
    nonce: row.nonce,
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
 */
export class DeliveriesRepo {
  constructor(private readonly db: Database) {}

  /** Queues an event for a channel; false when it was already queued (or delivered) before. */
  enqueue(input: { channelId: string; eventKey: string; version: string }, at: Date): boolean {
    const now = at.toISOString();
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO deliveries (channel_id, event_key, version, status, created_at, updated_at)
           VALUES (?, ?, ?, 'pending', ?, ?)`,
        )
        .run(input.channelId, input.eventKey, input.version, now, now).changes > 0
    );
  }

  get(channelId: string, eventKey: string): Delivery | undefined {
    const row = this.db
      .prepare('SELECT * FROM deliveries WHERE channel_id = ? AND event_key = ?')
      .get(channelId, eventKey) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  pendingChannels(): string[] {
    return (
      this.db.prepare(`SELECT DISTINCT channel_id FROM deliveries WHERE status = 'pending' ORDER BY channel_id`).all() as {
        channel_id: string;
      }[]
    ).map((r) => r.channel_id);
  }

  /** Pending rows of a channel in the order they were queued. */
  pendingFor(channelId: string): Delivery[] {
    return (
      this.db
        .prepare(`SELECT * FROM deliveries WHERE channel_id = ? AND status = 'pending' ORDER BY id`)
        .all(channelId) as Row[]
    ).map(fromRow);
  }

  forChannel(channelId: string, limit = 20): Delivery[] {
    return (
      this.db
        .prepare('SELECT * FROM deliveries WHERE channel_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?')
        .all(channelId, limit) as Row[]
    ).map(fromRow);
  }

  all(): Delivery[] {
    return (this.db.prepare('SELECT * FROM deliveries ORDER BY id').all() as Row[]).map(fromRow);
  }

  assignNonce(ids: number[], nonce: string, at: Date): void {
    this.update(ids, 'nonce = ?, updated_at = ?', [nonce, at.toISOString()]);
  }

  recordAttempt(ids: number[], error: string | null, at: Date): void {
    this.update(ids, 'attempts = attempts + 1, error = ?, updated_at = ?', [error, at.toISOString()]);
  }

  markSent(ids: number[], messageId: string, at: Date): void {
    const now = at.toISOString();
    this.update(ids, `status = 'sent', message_id = ?, error = NULL, sent_at = ?, updated_at = ?`, [messageId, now, now]);
  }

  markFailed(ids: number[], error: string, at: Date): void {
    this.update(ids, `status = 'failed', error = ?, updated_at = ?`, [error, at.toISOString()]);
  }

  failPendingForChannel(channelId: string, error: string, at: Date): number {
    return this.db
      .prepare(`UPDATE deliveries SET status = 'failed', error = ?, updated_at = ? WHERE channel_id = ? AND status = 'pending'`)
      .run(error, at.toISOString(), channelId).changes;
  }

  private update(ids: number[], set: string, params: unknown[]): void {
    if (ids.length === 0) return;
    const marks = ids.map(() => '?').join(', ');
    this.db.prepare(`UPDATE deliveries SET ${set} WHERE id IN (${marks})`).run(...params, ...ids);
  }
}
