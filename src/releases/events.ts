import type { Release } from './types.ts';
import { seriesOf } from './version.ts';

/** Something worth a post: a version seen for the first time, or a series reaching end of life. */
export type ReleaseEvent =
  | { type: 'release'; key: string; release: Release }
  | { type: 'eol'; key: string; series: string; release: Release };

export const releaseEventKey = (version: string) => `release:${version}`;
export const eolEventKey = (series: string) => `eol:${series}`;

export function parseEventKey(key: string): { type: 'release' | 'eol'; subject: string } | undefined {
  const match = /^(release|eol):(.+)$/.exec(key);
  return match ? { type: match[1] as 'release' | 'eol', subject: match[2]! } : undefined;
}

export interface DetectOptions {
  now: Date;
  /** Releases tagged longer ago than this are recorded but not announced (e.g. after long downtime). */
  maxItemAgeMs: number;
}

/**
 * Compares the feed with what is known. Identity is the version string only: a moniker move
 * (stable → longterm), a changed guid, title or date is not an event. EOL is announced once per series.
 */
export function detectEvents(current: Release[], known: ReadonlyMap<string, Release>, options: DetectOptions): ReleaseEvent[] {
  const eolSeries = new Set([...known.values()].filter((r) => r.eol).map((r) => seriesOf(r.version)));
  const oldest = options.now.getTime() - options.maxItemAgeMs;
  const events: ReleaseEvent[] = [];

  for (const release of current) {
    const before = known.get(release.version);
    const fresh = release.released.getTime() >= oldest;
    if (!before && fresh) events.push({ type: 'release', key: releaseEventKey(release.version), release });

    const series = seriesOf(release.version);
    // A flip on a known version has no date of its own: it is news now. A new, already-EOL version follows its age.
    if (release.eol && !eolSeries.has(series) && (before || fresh)) {
      eolSeries.add(series);
      events.push({ type: 'eol', key: eolEventKey(series), series, release });
    }
  }
  return sortEvents(events);
}

/** Oldest release first; an EOL notice after the releases it came with. */
export function sortEvents<T extends { type: 'release' | 'eol'; release: Release }>(events: T[]): T[] {
  return [...events].sort(
    (a, b) =>
      (a.type === 'eol' ? 1 : 0) - (b.type === 'eol' ? 1 : 0) ||
      a.release.released.getTime() - b.release.released.getTime() ||
      a.release.version.localeCompare(b.release.version),
  );
}
