import type { Store } from '../store/store.ts';
import type { Clock } from '../shared/clock.ts';
import type { CurrentReleases, Release } from '../shared/release.ts';

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

export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

const label = (r: Release) => `${r.version}${r.eol ? ' (EOL)' : ''}`;
const rowText = (r: Release) => `${r.kind.padEnd(10)} ${label(r).padEnd(16)} ${r.released.toISOString().slice(0, 10)}`;

/** Terminal / plain-text form. */
export function renderCurrentReleasesText(current: CurrentReleases | null): string {
  if (!current) return 'No kernel.org data yet: the release feed has not been fetched successfully.';
  const lines = current.releases.map(rowText);
  lines.push('', `As of kernel.org feed checked ${formatAge(current.ageMs)} (${current.checkedAt.toISOString()}).`);
  if (current.lastError) lines.push(`Latest fetch failed: ${current.lastError}`);
  return lines.join('\n');
}
