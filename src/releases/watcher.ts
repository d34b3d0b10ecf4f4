import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import type { Deliverer, DeliveryReport } from './deliverer.ts';
import { capEvents, detectEvents, skippedEventKey, skippedVersions, type ReleaseEvent } from './events.ts';
import type { FeedErrorReason } from '../shared/release.ts';
import type { FeedFetcher } from './fetch-feed.ts';
import type { Clock } from '../shared/clock.ts';
import type { Release } from '../shared/release.ts';

export interface WatcherOptions {
  store: Store;
  fetcher: FeedFetcher;
  deliverer: Deliverer;
  clock: Clock;
  logger: Logger;
  /** Releases tagged longer ago than this are never announced (default 7 days). */
  maxItemAgeMs?: number;
  /** Most schedule ticks left out between fetches after repeated failures (default 7: every 8th tick). */
  maxTicksToSkip?: number;
  /**
   * With several processes on one database: true when this process may fetch the feed now (it holds
   * the poll lease). The others skip the fetch and only deliver, so kernel.org is fetched once per tick.
   */
  mayFetch?: () => Promise<boolean>;
  /** Called with the feed outcome of every poll (operations metrics). */
  onFeed?: (feed: FeedOutcome) => void;
}

export type FeedOutcome =
  | { status: 'skipped'; reason: 'polled-elsewhere' }
  | { status: 'not-modified' }
  | { status: 'baseline'; releases: number }
  | { status: 'updated'; events: ReleaseEvent[]; queued: number }
  | { status: 'error'; reason: FeedErrorReason | 'internal'; message: string };

export interface PollReport {
  feed: FeedOutcome;
  delivery: DeliveryReport | null;
}

const BASELINE_KEY = 'releases.baseline_at';
const DAY = 24 * 60 * 60 * 1000;

const matches = (subscription: Subscription, event: ReleaseEvent) => subscription.types.includes(event.type === 'eol' ? 'eol' : event.release.kind);

/**
 * One poll: a single conditional fetch shared by every subscription, events diffed against the
 * known releases and queued in the same transaction, then the ledger delivered. Never throws.
 */
export class ReleaseWatcher {
  private readonly maxItemAgeMs: number;
  private readonly maxTicksToSkip: number;
  private failures = 0;

  constructor(private readonly options: WatcherOptions) {
    this.maxItemAgeMs = options.maxItemAgeMs ?? 7 * DAY;
    this.maxTicksToSkip = options.maxTicksToSkip ?? 7;
  }

  async pollOnce(): Promise<PollReport> {
    let feed: FeedOutcome;
    try {
      feed = (await (this.options.mayFetch?.() ?? true)) ? await this.pollFeed() : { status: 'skipped', reason: 'polled-elsewhere' };
    } catch (error) {
      this.options.logger.error({ err: error }, 'release poll failed unexpectedly');
      feed = { status: 'error', reason: 'internal', message: (error as Error).message };
    }
    this.options.onFeed?.(feed);
    // Pending deliveries (from this poll or an earlier, interrupted one) go out whatever the feed did.
    let delivery: DeliveryReport | null = null;
    try {
      delivery = await this.options.deliverer.deliverPending();
    } catch (error) {
      this.options.logger.error({ err: error }, 'delivery run failed unexpectedly');
    }
    return { feed, delivery };
  }

  /**
   * Back-off counted in schedule ticks, so it scales with FEED_SCHEDULE: a one-off failure never
   * delays the next tick; further failures in a row double the wait (2, 4, 8 ticks) up to the cap.
   */
  ticksToSkip(): number {
    // The count as of this process's last poll (kept in memory: the schedule asks synchronously).
    const failures = this.failures;
    return failures <= 1 ? 0 : Math.min(this.maxTicksToSkip, 2 ** (failures - 1) - 1);
  }

  private async pollFeed(): Promise<FeedOutcome> {
    const { store, fetcher, clock, logger } = this.options;
    const state = await store.feedState.get();
    this.failures = state.consecutiveFailures;
    // Validators are only valid for the URL they came from.
    const sameUrl = state.url === fetcher.url;
    const result = await fetcher.fetch(sameUrl ? { etag: state.etag, lastModified: state.lastModified } : {});

    // Cut short by our own shutdown: not kernel.org's failure, so neither recorded nor backed off.
    if (result.status === 'error' && result.reason === 'aborted') return { status: 'error', reason: result.reason, message: result.message };
    if (result.status === 'error') {
      await store.feedState.recordFailure(`${result.reason}: ${result.message}`, clock.now());
      this.failures = state.consecutiveFailures + 1;
      logger.warn({ reason: result.reason, httpStatus: result.httpStatus, failures: state.consecutiveFailures + 1 }, `feed fetch failed: ${result.message}`);
      return { status: 'error', reason: result.reason, message: result.message };
    }
    if (result.status === 'not-modified') {
      await store.feedState.recordNotModified(clock.now());
      this.failures = 0;
      return { status: 'not-modified' };
    }
    if (result.skipped.length) logger.warn({ skipped: result.skipped }, 'feed items skipped as garbled');
    const outcome = await store.transaction((tx) => this.apply(tx, result.releases, result.etag, result.lastModified));
    this.failures = 0;
    return outcome;
  }

  /** Runs inside one transaction: known releases, validators and queued deliveries commit together or not at all. */
  private async apply(store: Store, releases: Release[], etag: string | null, lastModified: string | null): Promise<FeedOutcome> {
    const { fetcher, clock, logger } = this.options;
    const now = clock.now();
    const baseline = (await store.meta.get(BASELINE_KEY)) === undefined;
    const known = new Map((await store.releases.all()).map((r) => [r.version, r] as const));
    const { kept: events, dropped } = capEvents(baseline ? [] : detectEvents(releases, known, { now, maxItemAgeMs: this.maxItemAgeMs }));
    if (dropped.length) {
      const versions = dropped.slice(0, 20).map((e) => e.release.version);
      logger.warn({ count: dropped.length, versions }, `${dropped.length} more new versions in one poll recorded; each channel gets one note naming them`);
    }

    for (const release of releases) await store.releases.upsert(release, now);
    await store.feedState.recordFetched({ url: fetcher.url, etag, lastModified, releases, at: now });

    if (baseline) {
      await store.meta.set(BASELINE_KEY, now.toISOString());
      logger.info({ releases: releases.length }, 'first run: current feed recorded as baseline, nothing announced');
      return { status: 'baseline', releases: releases.length };
    }

    let queued = 0;
    const subscriptions = await store.subscriptions.listEnabled();
    for (const event of events) {
      for (const subscription of subscriptions.filter((s) => matches(s, event))) {
        if (await store.deliveries.enqueue({ channelId: subscription.channelId, eventKey: event.key, version: event.release.version }, now)) queued++;
      }
    }
    // The versions left out, as one note per channel (of the types it follows), queued with the posts so it goes out exactly once too.
    for (const subscription of subscriptions) {
      const skipped = dropped.filter((e) => matches(subscription, e)).map((e) => e.release.version);
      if (skipped.length === 0) continue;
      const note = skippedVersions(skipped);
      if (await store.deliveries.enqueue({ channelId: subscription.channelId, eventKey: skippedEventKey(note), version: note.listed[0]! }, now)) queued++;
    }
    if (events.length) logger.info({ events: events.map((e) => e.key), queued }, 'new release events');
    return { status: 'updated', events, queued };
  }
}
