import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Delivery } from '../store/deliveries-repo.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import { eolEventKey, parseEventKey, parseSkipped, releaseEventKey, skippedEventKey, sortEvents } from './events.ts';
import { messageNonce } from './nonce.ts';
import { deliveryErrorText } from './delivery-error.ts';
import { realSleep, type Clock, type Sleep } from '../shared/clock.ts';
import type { AnnouncementItem, AnnouncementPost, KnowledgeLookup, MessageSender, SendResult } from './ports.ts';
import { seriesOf } from '../shared/kernel-version.ts';
import type { Language } from '../knowledge/schema.ts';

export interface DelivererOptions {
  store: Store;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  sleep?: Sleep;
  knowledge?: KnowledgeLookup;
  /** Sends per message in one run before leaving it pending for the next run. */
  maxAttemptsPerRun?: number;
  /** Sends per message over all runs before it is marked failed. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Channels served in parallel (each channel's messages stay in order). */
  concurrency?: number;
  /** This process's name on its claims (processes sharing one Postgres must differ). */
  holder?: string;
  /** How long a claim on a channel's rows lasts without renewal; a dead process's claims are taken over after it. */
  claimLeaseMs?: number;
  /** Called for every message recorded as posted (operations metrics: delivery lag). */
  onSent?: (rows: Delivery[], at: Date) => void;
  /** Called with every run's report (operations metrics). */
  onReport?: (report: DeliveryReport) => void;
}

export interface DeliveryReport {
  messagesSent: number;
  eventsSent: number;
  eventsFailed: number;
  /** Channels whose subscription was disabled in this run (403/404). */
  disabledChannels: string[];
  /** Channels with messages still pending after this run (retries exhausted for now, or unknown outcome). */
  deferredChannels: string[];
}

interface Batch {
  rows: Delivery[];
  items: AnnouncementItem[];
  nonce: string | null;
  /** A resumed message keeps the language of its intent; a new one takes the subscription's. */
  lang: Language;
}

/**
 * Delivers the pending rows of the ledger, exactly once per (channel, event):
 * intent (nonce on the rows) is committed before a send and the result after it, so a run that
 * dies anywhere is resumed by the next one with the same message and nonce.
 */
export class Deliverer {
  private readonly sleep: Sleep;
  private readonly maxAttemptsPerRun: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly concurrency: number;
  private readonly holder: string;
  private readonly claimLeaseMs: number;
  /** How often a long run looks for channels whose claims ran out (half a claim lease, at least 0.5 s). */
  private readonly relistMs: number;
  private stopping = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DelivererOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.maxAttemptsPerRun = options.maxAttemptsPerRun ?? 4;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.holder = options.holder ?? `deliverer-${randomUUID()}`;
    this.claimLeaseMs = options.claimLeaseMs ?? 60_000;
    this.relistMs = Math.max(500, this.claimLeaseMs / 2);
  }

  /** Stops claiming new channels; sends in flight finish (or are released on the next `releaseClaims`). */
  stopClaiming(): void {
    this.stopping = true;
  }

  /** Gives back this process's claims on rows it did not finish, so another process takes them at once. */
  async releaseClaims(): Promise<number> {
    return this.options.store.deliveries.releaseClaims(this.holder);
  }

  /** Waits for the run in progress, if any. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Sends everything pending. Runs are serialised so two callers never send the same row at once. Never throws. */
  deliverPending(): Promise<DeliveryReport> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<DeliveryReport> {
    const report: DeliveryReport = { messagesSent: 0, eventsSent: 0, eventsFailed: 0, disabledChannels: [], deferredChannels: [] };
    let channels: string[];
    try {
      channels = await this.options.store.deliveries.pendingChannels(this.options.clock.now(), this.holder);
    } catch (error) {
      this.options.logger.error({ err: error }, 'reading pending deliveries failed');
      return report;
    }
    // Channels another process held when their turn came, and whose claims then ran out (it died),
    // are picked up at the next re-listing, ahead of the rest; a channel is served at most once per run.
    const seen = new Set(channels);
    let listedAt = performance.now();
    const relist = async () => {
      if (performance.now() - listedAt < this.relistMs) return;
      listedAt = performance.now();
      const fresh = (await this.options.store.deliveries.pendingChannels(this.options.clock.now(), this.holder).catch(() => [])).filter((c) => !seen.has(c));
      for (const channelId of fresh) seen.add(channelId);
      channels.unshift(...fresh);
    };
    const worker = async () => {
      while (!this.stopping) {
        await relist();
        const channelId = channels.shift();
        if (channelId === undefined) return;
        try {
          if ((await this.deliverChannel(channelId, report)) === 'held-elsewhere') seen.delete(channelId);
        } catch (error) {
          // A database error for one channel must not stop the others.
          this.options.logger.error({ err: error, channelId }, 'delivery to channel failed unexpectedly');
          report.deferredChannels.push(channelId);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, channels.length) }, worker));
    this.options.onReport?.(report);
    return report;
  }

  /** 'held-elsewhere' when another process holds the channel's pending rows. */
  private async deliverChannel(channelId: string, report: DeliveryReport): Promise<'served' | 'held-elsewhere'> {
    const { store, clock, logger } = this.options;
    const subscription = await store.subscriptions.get(channelId);
    if (!subscription || !subscription.enabled) {
      // The stored error is the technical cause only; /announce show says in words that posting stopped.
      const why = subscription ? (subscription.disabledReason ?? deliveryErrorText({ kind: 'disabled' })) : deliveryErrorText({ kind: 'unsubscribed' });
      report.eventsFailed += await store.deliveries.failPendingForChannel(channelId, why, clock.now());
      return 'served';
    }
    const now = clock.now();
    const rows = await store.deliveries.claimPending(channelId, this.holder, now, new Date(now.getTime() + this.claimLeaseMs));
    // Another process holds them: it delivers, or its claim runs out and a re-listing (or a later run) here takes over.
    if (rows.length === 0) return 'held-elsewhere';
    try {
      for (const batch of await this.batches(rows, subscription.lang)) {
        const outcome = await this.sendBatch(channelId, subscription, batch, report);
        if (outcome === 'stop-channel') return 'served';
        if (outcome === 'defer') {
          report.deferredChannels.push(channelId);
          logger.warn({ channelId }, 'announcement still pending; retried on the next run');
          return 'served';
        }
      }
      return 'served';
    } finally {
      // Whatever is still pending goes back to the pool for the next run, here or in another process.
      await store.deliveries.releaseClaims(this.holder, channelId);
    }
  }

  /**
   * Rows already given a nonce are resent as they were, in the language of their intent (English
   * for rows from before languages, which were English); the rest are composed into new messages in `lang`.
   */
  private async batches(rows: Delivery[], lang: Language): Promise<Batch[]> {
    const { store, clock } = this.options;
    const composed = new Map<string, { rows: Delivery[]; items: AnnouncementItem[]; lang: Language }>();
    const fresh = new Map<string, Delivery>();
    const freshItems: AnnouncementItem[] = [];
    const orphans: number[] = [];
    for (const row of rows) {
      const item = await this.item(row);
      // A row whose release is not in the store cannot be rendered faithfully: fail it rather than post garbage.
      if (!item) orphans.push(row.id);
      else if (row.nonce) {
        const group = composed.get(row.nonce) ?? { rows: [], items: [], lang: row.lang ?? 'en' };
        group.rows.push(row);
        group.items.push(item);
        composed.set(row.nonce, group);
      } else {
        fresh.set(row.eventKey, row);
        freshItems.push(item);
      }
    }
    if (orphans.length) await store.deliveries.markFailed(orphans, deliveryErrorText({ kind: 'release-missing' }), clock.now());

    const batches: Batch[] = [...composed].map(([nonce, group]) => ({ ...group, nonce }));
    for (const items of this.options.sender.plan(sortEvents(freshItems), lang)) {
      batches.push({ rows: items.map((item) => fresh.get(itemKey(item))!), items, nonce: null, lang });
    }
    return batches;
  }

  private async item(row: Delivery): Promise<AnnouncementItem | undefined> {
    const key = parseEventKey(row.eventKey);
    if (key?.type === 'skipped') {
      // The key carries the note's content (the left-out versions are only recorded, never posted).
      const skipped = parseSkipped(key.subject);
      return skipped && { type: 'skipped', skipped };
    }
    const release = await this.options.store.releases.get(row.version);
    if (!release || !key) return undefined;
    if (key.type === 'eol') return { type: 'eol', series: seriesOf(release.version), release };
    const { knowledge } = this.options;
    return knowledge ? { type: 'release', release, knowledge: knowledge.forVersion(release.version) } : { type: 'release', release };
  }

  private async findPosted(channelId: string, post: AnnouncementPost, since: Date): Promise<string | null> {
    try {
      return (await this.options.sender.findPosted?.(channelId, post, since)) ?? null;
    } catch (error) {
      this.options.logger.warn({ err: error, channelId }, 'could not look back for an earlier post; resending with the nonce');
      return null;
    }
  }

  private async sendBatch(channelId: string, subscription: Subscription, batch: Batch, report: DeliveryReport): Promise<'sent' | 'failed' | 'defer' | 'stop-channel'> {
    const { store, sender, clock, logger } = this.options;
    const ids = batch.rows.map((r) => r.id);
    let nonce = batch.nonce;
    if (!nonce) {
      // Intent: commit the nonce and language before the first send, so a crash after it resends the same message.
      nonce = messageNonce(
        channelId,
        batch.rows.map((r) => r.eventKey),
      );
      await store.deliveries.assignNonce(ids, nonce, batch.lang, clock.now());
    }
    const post: AnnouncementPost = { items: batch.items, roleId: subscription.roleId, lang: batch.lang, nonce };
    let attempts = Math.max(...batch.rows.map((r) => r.attempts));
    if (batch.nonce) {
      // Resuming an interrupted send: it may have been posted long ago, beyond the nonce's reach.
      // Rows are queued before their intent is recorded: nothing older than the oldest row can be the post.
      const since = new Date(Math.min(...batch.rows.map((r) => r.createdAt.getTime())));
      const posted = await this.findPosted(channelId, post, since);
      if (posted) {
        await store.deliveries.markSent(ids, posted, clock.now());
        this.options.onSent?.(batch.rows, clock.now());
        report.messagesSent++;
        report.eventsSent += ids.length;
        logger.info({ channelId, messageId: posted }, 'interrupted announcement was already posted; recorded without resending');
        return 'sent';
      }
    }

    for (let inRun = 0; inRun < this.maxAttemptsPerRun; inRun++) {
      const now = clock.now();
      // Renew the claim before every send; if another process took the rows over (our lease ran out), it sends them.
      if (!(await store.deliveries.extendClaim(ids, this.holder, new Date(now.getTime() + this.claimLeaseMs)))) {
        logger.warn({ channelId, nonce }, 'claim on the announcement was taken over by another process; not sending');
        return 'defer';
      }
      let result: SendResult;
      try {
        result = await sender.send(channelId, post);
      } catch (error) {
        // Outcome unknown (it may have been posted): keep it pending with its nonce for the next run.
        const message = deliveryErrorText({ kind: 'send-threw', detail: (error as Error).message });
        await store.deliveries.recordAttempt(ids, message, clock.now());
        if (attempts + 1 >= this.maxAttempts) {
          await store.deliveries.markFailed(ids, message, clock.now());
          report.eventsFailed += ids.length;
          return 'failed';
        }
        logger.error({ err: error, channelId, nonce }, 'sender threw; announcement left pending');
        return 'defer';
      }
      attempts++;
      if (result.ok) {
        await store.transaction(async (tx) => {
          await tx.deliveries.recordAttempt(ids, null, clock.now());
          await tx.deliveries.markSent(ids, result.messageId, clock.now());
        });
        this.options.onSent?.(batch.rows, clock.now());
        report.messagesSent++;
        report.eventsSent += ids.length;
        logger.info({ channelId, messageId: result.messageId, events: batch.rows.map((r) => r.eventKey) }, 'announcement sent');
        return 'sent';
      }
      const error = deliveryErrorText({ kind: 'discord', status: result.status, reason: result.reason });
      if (result.kind === 'gone' || result.kind === 'forbidden') {
        await store.transaction(async (tx) => {
          await tx.deliveries.recordAttempt(ids, error, clock.now());
          await tx.deliveries.markFailed(ids, error, clock.now());
          await tx.subscriptions.disable(channelId, error, clock.now());
          report.eventsFailed += ids.length + (await tx.deliveries.failPendingForChannel(channelId, error, clock.now()));
        });
        report.disabledChannels.push(channelId);
        logger.warn({ channelId, status: result.status, reason: result.reason }, 'channel unusable; subscription disabled');
        return 'stop-channel';
      }
      await store.deliveries.recordAttempt(ids, error, clock.now());
      if (attempts >= this.maxAttempts) {
        // The attempts column counts them; /announce show words "after 4 attempts" in the member's language.
        await store.deliveries.markFailed(ids, error, clock.now());
        report.eventsFailed += ids.length;
        logger.error({ channelId, attempts, error }, 'announcement failed for good');
        return 'failed';
      }
      if (inRun + 1 < this.maxAttemptsPerRun) {
        const backoff = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** inRun);
        const wait = result.kind === 'rate-limited' ? Math.max(result.retryAfterMs ?? backoff, 0) : backoff;
        logger.debug({ channelId, status: result.status, wait }, 'send failed; retrying');
        await this.sleep(wait);
      }
    }
    return 'defer';
  }
}

function itemKey(item: AnnouncementItem): string {
  if (item.type === 'release') return releaseEventKey(item.release.version);
  if (item.type === 'eol') return eolEventKey(item.series);
  return skippedEventKey(item.skipped);
}
