import type { Store } from '../store/store.ts';
import type { Clock } from '../shared/clock.ts';
import type { CurrentReleases, Release } from '../shared/release.ts';
import type { Language } from '../knowledge/schema.ts';
import { ANNOUNCE } from '../i18n/announce.ts';
import { PROBLEMS } from '../i18n/problems.ts';
import { parseFeedFailure } from './feed-error.ts';
import type { FeedErrorReason } from '../shared/release.ts';

/** A fetch of the feed that failed, for the member: where, and why (worded by the catalogue). */
export interface FeedFailure {
  url: string;
  reason: FeedErrorReason;
  httpStatus?: number;
}

/**
 * Where /kernel gets its releases: the bot reads its last kernel.org fetch from the database (no
 * network call); the terminal fetches the feed once on demand. `failure`: that fetch failed just now.
 */
export interface KernelReleases {
  releases(): Promise<{ current: CurrentReleases | null; failure?: FeedFailure }>;
}

/** For /kernel: the feed as of the last successful fetch, without any network call. */
export async function currentReleases(store: Store, clock: Clock): Promise<CurrentReleases | null> {
  const state = await store.feedState.get();
  if (!state.snapshot || !state.lastSuccessAt) return null;
  return {
    releases: state.snapshot,
    checkedAt: state.lastSuccessAt,
    ageMs: Math.max(0, clock.now().getTime() - state.lastSuccessAt.getTime()),
    // Any success resets the counter, so failures > 0 means the latest fetch failed.
    lastError: state.consecutiveFailures > 0 ? state.lastError : null,
  };
}

const label = (r: Release) => `${r.version}${r.eol ? ' (EOL)' : ''}`;
const rowText = (r: Release) => `${r.kind.padEnd(10)} ${label(r).padEnd(16)} ${r.released.toISOString().slice(0, 10)}`;

/** Terminal / plain-text form. */
export function renderCurrentReleasesText(current: CurrentReleases | null, lang: Language): string {
  const t = ANNOUNCE[lang];
  if (!current) return t.noDataYet;
  const lines = current.releases.map(rowText);
  lines.push('', t.asOf(t.ago(current.ageMs), current.checkedAt.toISOString()));
  if (current.lastError) lines.push(t.latestFailed(PROBLEMS[lang].feed(parseFeedFailure(current.lastError))));
  return lines.join('\n');
}
