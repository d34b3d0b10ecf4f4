/** Public API of the release-announcement core (no Discord client code here: plain payloads and ports). */
export * from './types.ts';
export * from './ports.ts';
export { FeedError, type FeedErrorReason } from './feed-error.ts';
export { parseFeed, type ParsedFeed } from './parse-feed.ts';
export { fetchFeed, createHttpFeedFetcher, defaultUserAgent, DEFAULT_FEED_URL, type FeedFetcher, type FetchResult, type FeedValidators, type HttpFeedOptions } from './fetch-feed.ts';
export { detectEvents, releaseEventKey, eolEventKey, type ReleaseEvent } from './events.ts';
export { renderMessage, renderDigest, releaseEmbed, eolEmbed, planMessages, type AnnouncementItem, type RenderOptions } from './render.ts';
export { Deliverer, type DelivererOptions, type DeliveryReport } from './deliverer.ts';
export { ReleaseWatcher, type WatcherOptions, type PollReport, type FeedOutcome } from './watcher.ts';
export { startReleaseSchedule, DEFAULT_FEED_SCHEDULE, ScheduleError, type ReleaseSchedule } from './scheduler.ts';
export { applyEnvSubscription, parseAnnounceTypes, type EnvSubscriptionConfig } from './env-subscription.ts';
export { currentReleases, renderCurrentReleasesText, renderCurrentReleasesEmbed, formatAge, type CurrentReleases } from './current.ts';
export { renderSamplePost, SAMPLE_RELEASE } from './sample.ts';
export { knowledgeLookupFromEntries } from './knowledge-lookup.ts';
export { messageNonce } from './nonce.ts';
export { seriesOf, rcInfo, kindOf, compareVersions } from './version.ts';
export { announceStatus, type AnnounceStatus } from './status.ts';
