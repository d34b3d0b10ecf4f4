import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { KnowledgeSearch } from '../search/index.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import type { MessageSender } from './ports.ts';
import { AnnouncementService, type ChannelAccess } from './announcements.ts';
import { Deliverer } from './deliverer.ts';
import { ReleaseWatcher, type FeedOutcome, type PollReport } from './watcher.ts';
import type { BotMetrics } from '../ops/metrics.ts';
import { createHttpFeedFetcher, type FeedFetcher } from './fetch-feed.ts';
import { startReleaseSchedule, type ReleaseSchedule } from './scheduler.ts';
import { applyEnvSubscription } from './env-subscription.ts';
import { knowledgeLookupFromEntries } from './knowledge-lookup.ts';
import { pacedSender, SendBudget } from './send-budget.ts';

/**
 * Channels posted to in parallel. Discord allows 50 requests/s and a message POST takes 100–300 ms,
 * so keeping the global limit busy needs 5–15 requests in flight (4 managed ~25/s at 150 ms: twice
 * the floor for 1,000 channels). discord.js's REST queue still enforces the global and per-route limits.
 */
const DELIVERY_CONCURRENCY = 16;

/** The lease name for fetching the feed (one process at a time). */
const FEED_LEASE = 'feed-poll';
/** Each sending process's heartbeat lease (`outbox:<holder>`): the rate-limit budget is split between the live ones. */
const OUTBOX_HEARTBEAT = 'outbox:';
const OUTBOX_HEARTBEAT_MS = 3_000;

export interface ReleaseAnnouncements {
  service: AnnouncementService;
  watcher: ReleaseWatcher;
  /** Starts the cron schedule (first poll right away). */
  startSchedule(): void;
  /** Polls now, sharing a poll that is already running. */
  pollNow(): Promise<PollReport>;
  deliverer: Deliverer;
  /** Graceful: stops claiming, waits up to graceMs for sends in flight, hands back unfinished claims and the poll lease. */
  stop(graceMs?: number): Promise<void>;
}

/** Builds the announcement services from their ports; the schedule starts when the caller says so. */
export async function startReleaseAnnouncements(options: {
  config: Pick<Config, 'KERNEL_FEED_URL' | 'FEED_SCHEDULE' | 'ANNOUNCE_CHANNEL_ID' | 'ANNOUNCE_TYPES' | 'ANNOUNCE_ROLE_ID'> &
    Partial<Pick<Config, 'ANNOUNCE_LANGUAGE'>> &
    Partial<Pick<Config, 'DELIVERY_LEASE_SECONDS'>>;
  /** This process's name on leases and claims (several processes on one Postgres). */
  holder?: string;
  metrics?: BotMetrics;
  store: Store;
  logger: Logger;
  search: KnowledgeSearch;
  sender: MessageSender;
  access: ChannelAccess;
  fetcher?: FeedFetcher;
  clock?: Clock;
}): Promise<ReleaseAnnouncements> {
  const { config, store, logger, sender } = options;
  const clock = options.clock ?? systemClock;
  const knowledge = knowledgeLookupFromEntries([...options.search.entries]);
  const holder = options.holder ?? `process-${process.pid}`;
  const leaseMs = (config.DELIVERY_LEASE_SECONDS ?? 60) * 1000;
  const shared = store.dialect === 'postgres';
  const { metrics } = options;
  // The token's global rate limit is shared by every process: each sending process takes its share.
  const budget = new SendBudget({
    sharers: shared
      ? async () => {
          const now = clock.now();
          await store.leases.acquire(`${OUTBOX_HEARTBEAT}${holder}`, holder, now, new Date(now.getTime() + OUTBOX_HEARTBEAT_MS));
          return store.leases.countLive(OUTBOX_HEARTBEAT, now);
        }
      : undefined,
  });
  const deliverer = new Deliverer({
    store,
    sender: pacedSender(sender, budget),
    clock,
    logger,
    knowledge,
    concurrency: DELIVERY_CONCURRENCY,
    holder,
    claimLeaseMs: leaseMs,
    onSent: metrics && ((rows, at) => rows.forEach((row) => metrics.deliveryLag.observe(Math.max(0, (at.getTime() - row.createdAt.getTime()) / 1000)))),
    onReport:
      metrics &&
      ((report) => {
        metrics.deliveries.inc({ status: 'sent' }, report.eventsSent);
        metrics.deliveries.inc({ status: 'failed' }, report.eventsFailed);
        metrics.deliveries.inc({ status: 'deferred' }, report.deferredChannels.length);
      }),
  });
  const shutdown = new AbortController();
  const fetcher = options.fetcher ?? createHttpFeedFetcher({ url: config.KERNEL_FEED_URL, signal: shutdown.signal });
  // One fetch per tick across processes: the first to take the lease fetches; it lasts past the tick.
  const mayFetch = shared
    ? async () => {
        const now = clock.now();
        return store.leases.acquire(FEED_LEASE, holder, now, new Date(now.getTime() + leaseMs));
      }
    : undefined;
  const onFeed =
    metrics &&
    ((feed: FeedOutcome) => {
      metrics.feedFetches.inc({ result: feed.status });
      if (feed.status === 'updated') metrics.releasesDetected.inc(feed.events.length);
    });
  const watcher = new ReleaseWatcher({ store, fetcher, deliverer, clock, logger, mayFetch, onFeed });
  // Every process also sweeps the ledger, so rows a dead process had claimed are taken over after their lease.
  let sweep: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  let schedule: ReleaseSchedule<PollReport> | null = null;
  const nextFetchAt = () => schedule?.nextPollAt() ?? null;
  const service = new AnnouncementService({ store, sender, access: options.access, clock, knowledge, nextFetchAt });

  const env = await applyEnvSubscription(store, { channelId: config.ANNOUNCE_CHANNEL_ID, types: config.ANNOUNCE_TYPES, roleId: config.ANNOUNCE_ROLE_ID, lang: config.ANNOUNCE_LANGUAGE }, clock);
  if (env.status !== 'none') logger.info({ channelId: config.ANNOUNCE_CHANNEL_ID, status: env.status }, 'subscription from ANNOUNCE_CHANNEL_ID');

  return {
    service,
    watcher,
    startSchedule() {
      schedule ??= startReleaseSchedule({ schedule: config.FEED_SCHEDULE, watcher, logger, runOnStart: true });
      if (shared && !sweep) {
        sweep = setInterval(
          () => {
            sweeping ??= deliverer.deliverPending().finally(() => (sweeping = null));
          },
          Math.max(500, leaseMs / 3),
        );
        sweep.unref();
      }
    },
    pollNow: () => (schedule ? schedule.trigger() : watcher.pollOnce()),
    deliverer,
    async stop(graceMs = 5_000) {
      // Stop claiming, let sends in flight finish (bounded), then hand back what is left.
      shutdown.abort(); // a hanging kernel.org request must not hold the shutdown
      if (sweep) clearInterval(sweep);
      deliverer.stopClaiming();
      const finished = Promise.all([schedule?.stop(), sweeping, deliverer.idle()]);
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      const released = await deliverer.releaseClaims().catch(() => 0);
      if (shared) await store.leases.release(FEED_LEASE, holder).catch(() => false);
      if (shared) await store.leases.release(`${OUTBOX_HEARTBEAT}${holder}`, holder).catch(() => false);
      if (released) logger.info({ released }, 'unfinished announcements handed back for another process');
    },
  };
}
