import type { FeedState } from '../store/feed-state-repo.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import type { Clock } from '../shared/clock.ts';
import type { StatusProblem } from '../i18n/problems.ts';
import type { AnnouncedEvent } from '../i18n/announce.ts';
import { announcedEvent } from './events.ts';
import { parseDeliveryError } from './delivery-error.ts';
import { parseFeedFailure } from './feed-error.ts';

export interface AnnounceStatus {
  subscription: Subscription | undefined;
  /** The most recent sent or failed delivery to the channel: what it announced, how it ended and how long ago. */
  lastDelivery: { event: AnnouncedEvent; status: 'sent' | 'failed'; ageMs: number } | undefined;
  pending: number;
  feed: Pick<FeedState, 'lastSuccessAt' | 'lastFailureAt' | 'lastError' | 'consecutiveFailures'>;
  /** What an admin should know, worded by the catalogue; empty when all is well. */
  problems: StatusProblem[];
}

/** What /announce show needs for one channel: subscription, last fetch, last delivery, problems. */
export async function announceStatus(store: Store, channelId: string, clock: Clock): Promise<AnnounceStatus> {
  const subscription = await store.subscriptions.get(channelId);
  const recent = await store.deliveries.forChannel(channelId, 50);
  const last = recent.find((d) => d.status !== 'pending');
  const pending = recent.filter((d) => d.status === 'pending');
  const { lastSuccessAt, lastFailureAt, lastError, consecutiveFailures } = await store.feedState.get();

  // Stored errors are parsed back, so the catalogue words them (Discord's own messages are English).
  const parsed = (stored: string | null) => (stored === null ? null : parseDeliveryError(stored));
  const problems: StatusProblem[] = [];
  if (subscription && !subscription.enabled) problems.push({ kind: 'stopped', reason: parsed(subscription.disabledReason) });
  if (last?.status === 'failed') problems.push({ kind: 'last-failed', event: announcedEvent(last.eventKey), attempts: last.attempts, error: parsed(last.error) });
  const stuck = pending.filter((d) => clock.now().getTime() - d.createdAt.getTime() > 60 * 60_000);
  if (stuck.length) problems.push({ kind: 'stuck', count: stuck.length, error: parsed(stuck[0]!.error) });
  if (consecutiveFailures > 0) problems.push({ kind: 'feed-failing', failures: consecutiveFailures, error: lastError === null ? null : parseFeedFailure(lastError) });

  return {
    subscription,
    lastDelivery: last && {
      event: announcedEvent(last.eventKey),
      status: last.status === 'sent' ? 'sent' : 'failed',
      ageMs: clock.now().getTime() - (last.sentAt ?? last.updatedAt).getTime(),
    },
    pending: pending.length,
    feed: { lastSuccessAt, lastFailureAt, lastError, consecutiveFailures },
    problems,
  };
}
