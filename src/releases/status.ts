import type { Delivery } from '../store/deliveries-repo.ts';
import type { FeedState } from '../store/feed-state-repo.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import type { Clock } from '../shared/clock.ts';

export interface AnnounceStatus {
  subscription: Subscription | undefined;
  /** The most recent sent or failed delivery to the channel. */
  lastDelivery: Delivery | undefined;
  pending: number;
  feed: Pick<FeedState, 'lastSuccessAt' | 'lastFailureAt' | 'lastError' | 'consecutiveFailures'>;
  /** Plain sentences for admins; empty when all is well. */
  problems: string[];
}

/** What /announce show needs for one channel: subscription, last fetch, last delivery, problems. */
export async function announceStatus(store: Store, channelId: string, clock: Clock): Promise<AnnounceStatus> {
  const subscription = await store.subscriptions.get(channelId);
  const recent = await store.deliveries.forChannel(channelId, 50);
  const lastDelivery = recent.find((d) => d.status !== 'pending');
  const pending = recent.filter((d) => d.status === 'pending');
  const { lastSuccessAt, lastFailureAt, lastError, consecutiveFailures } = await store.feedState.get();

  const problems: string[] = [];
  if (subscription && !subscription.enabled) {
    problems.push(`Posting is stopped: ${subscription.disabledReason ?? 'disabled'}. Fix the channel permissions and run /announce set again.`);
  }
  if (lastDelivery?.status === 'failed') problems.push(`The last announcement (${lastDelivery.eventKey}) failed: ${lastDelivery.error}`);
  const stuck = pending.filter((d) => clock.now().getTime() - d.createdAt.getTime() > 60 * 60_000);
  if (stuck.length) problems.push(`${stuck.length} announcement(s) waiting for over an hour: ${stuck[0]!.error ?? 'not sent yet'}`);
  if (consecutiveFailures > 0) problems.push(`kernel.org feed: the last ${consecutiveFailures} fetch(es) failed: ${lastError}`);

  return {
    subscription,
    lastDelivery,
    pending: pending.length,
    feed: { lastSuccessAt, lastFailureAt, lastError, consecutiveFailures },
    problems,
  };
}
