import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { KnowledgeSearch } from '../search/index.ts';
import { systemClock, type Clock, type MessageSender } from './ports.ts';
import { AnnouncementService, type ChannelAccess } from './announcements.ts';
import { Deliverer } from './deliverer.ts';
import { ReleaseWatcher, type PollReport } from './watcher.ts';
import { createHttpFeedFetcher, type FeedFetcher } from './fetch-feed.ts';
import { startReleaseSchedule, type ReleaseSchedule } from './scheduler.ts';
import { applyEnvSubscription } from './env-subscription.ts';
import { knowledgeLookupFromEntries } from './knowledge-lookup.ts';

/**
 * Channels posted to in parallel. Discord allows 50 requests/s and a message POST takes 100–300 ms,
 * so keeping the global limit busy needs 5–15 requests in flight (4 managed ~25/s at 150 ms: twice
 * the floor for 1,000 channels). discord.js's REST queue still enforces the global and per-route limits.
 */
const DELIVERY_CONCURRENCY = 16;

export interface ReleaseAnnouncements {
  service: AnnouncementService;
  watcher: ReleaseWatcher;
  /** Starts the cron schedule (first poll right away). */
  startSchedule(): void;
  /** Polls now, sharing a poll that is already running. */
  pollNow(): Promise<PollReport>;
  stop(): Promise<void>;
}

/** Builds the announcement services from their ports; the schedule starts when the caller says so. */
export async function startReleaseAnnouncements(options: {
  config: Pick<Config, 'KERNEL_FEED_URL' | 'FEED_SCHEDULE' | 'ANNOUNCE_CHANNEL_ID' | 'ANNOUNCE_TYPES' | 'ANNOUNCE_ROLE_ID'>;
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
  const deliverer = new Deliverer({ store, sender, clock, logger, knowledge, concurrency: DELIVERY_CONCURRENCY });
  const fetcher = options.fetcher ?? createHttpFeedFetcher({ url: config.KERNEL_FEED_URL });
  const watcher = new ReleaseWatcher({ store, fetcher, deliverer, clock, logger });
  let schedule: ReleaseSchedule<PollReport> | null = null;
  const nextFetchAt = () => schedule?.nextPollAt() ?? null;
  const service = new AnnouncementService({ store, sender, access: options.access, clock, knowledge, nextFetchAt });

  const env = await applyEnvSubscription(store, { channelId: config.ANNOUNCE_CHANNEL_ID, types: config.ANNOUNCE_TYPES, roleId: config.ANNOUNCE_ROLE_ID }, clock);
  if (env.status !== 'none') logger.info({ channelId: config.ANNOUNCE_CHANNEL_ID, status: env.status }, 'subscription from ANNOUNCE_CHANNEL_ID');

  return {
    service,
    watcher,
    startSchedule() {
      schedule ??= startReleaseSchedule({ schedule: config.FEED_SCHEDULE, watcher, logger, runOnStart: true });
    },
    pollNow: () => (schedule ? schedule.trigger() : watcher.pollOnce()),
    async stop() {
      await schedule?.stop();
    },
  };
}
