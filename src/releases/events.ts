import type { Release } from '../shared/release.ts';
import { compareVersions, seriesOf } from '../shared/kernel-version.ts';
import type { AnnouncedEvent } from '../i18n/announce.ts';

/** Something worth a post: a version seen for the first time, or a series reaching end of life. */
export type ReleaseEvent = { type: 'release'; key: string; release: Release } | { type: 'eol'; key: string; series: string; release: Release };

export const releaseEventKey = (version: string) => `release:${version}`;
export const eolEventKey = (series: string) => `eol:${series}`;

/** At most this many of a channel's left-out versions are named in its note; the count covers all. */
export const MAX_SKIPPED_LISTED = 15;

/** What a channel's note about left-out versions says: how many, and the newest of them by name (newest first). */
export interface SkippedVersions {
  total: number;
  listed: string[];
}

/** The note's content for the versions a poll left out for one channel. */
export function skippedVersions(versions: readonly string[]): SkippedVersions {
  const newestFirst = [...versions].sort((a, b) => compareVersions(b, a));
  return { total: newestFirst.length, listed: newestFirst.slice(0, MAX_SKIPPED_LISTED) };
}

/**
 * The ledger key of a channel's note about the versions one poll left out: "skipped:<count>:<newest>,…".
 * It carries what the note says, so a resend renders the same note; a left-out version is known from
 * then on and never left out again, so the newest one named makes the key unique per channel.
 */
export const skippedEventKey = (skipped: SkippedVersions) => `skipped:${skipped.total}:${skipped.listed.join(',')}`;

export function parseEventKey(key: string): { type: 'release' | 'eol' | 'skipped'; subject: string } | undefined {
  const match = /^(release|eol|skipped):(.+)$/.exec(key);
  return match ? { type: match[1] as 'release' | 'eol' | 'skipped', subject: match[2]! } : undefined;
}

/** The subject of a "skipped" key back as the note's content; undefined when it is not one. */
export function parseSkipped(subject: string): SkippedVersions | undefined {
  const match = /^(\d+):(.+)$/.exec(subject);
  return match ? { total: Number(match[1]), listed: match[2]!.split(',') } : undefined;
}

/** A ledger key as /announce show names it; a key of no known form stays as it is. */
export function announcedEvent(key: string): AnnouncedEvent {
  const parsed = parseEventKey(key);
  if (parsed?.type === 'release') return { type: 'release', version: parsed.subject };
  if (parsed?.type === 'eol') return { type: 'eol', series: parsed.subject };
  const skipped = parsed?.type === 'skipped' ? parseSkipped(parsed.subject) : undefined;
  return skipped ? { type: 'skipped', ...skipped } : { type: 'unknown', key };
}

const FUTURE_SLACK_MS = 24 * 60 * 60_000;

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
  // A tag "from the future" is a broken date, not news (a day of slack for clocks and time zones).
  const newest = options.now.getTime() + FUTURE_SLACK_MS;
  const latestKnown = new Map<string, string>();
  for (const { version } of known.values()) {
    const series = seriesOf(version);
    const latest = latestKnown.get(series);
    if (!latest || compareVersions(version, latest) > 0) latestKnown.set(series, version);
  }
  const events: ReleaseEvent[] = [];

  for (const release of current) {
    const before = known.get(release.version);
    const tagged = release.released.getTime();
    const fresh = tagged >= oldest && tagged <= newest;
    // An unseen version older than one we already know of its series (6.7.8 after 6.7.9) is old news.
    const latest = latestKnown.get(seriesOf(release.version));
    const superseded = latest !== undefined && compareVersions(release.version, latest) < 0;
    if (!before && fresh && !superseded) events.push({ type: 'release', key: releaseEventKey(release.version), release });

    const series = seriesOf(release.version);
    // A flip on a known version has no date of its own: it is news now. A new, already-EOL version follows its age.
    if (release.eol && !eolSeries.has(series) && (before || fresh)) {
      eolSeries.add(series);
      events.push({ type: 'eol', key: eolEventKey(series), series, release });
    }
  }
  return sortEvents(events);
}

const ORDER = { release: 0, eol: 1, skipped: 2 } as const;

/** Oldest release first; an EOL notice after the releases it came with; the note about left-out versions last. */
export function sortEvents<T extends { type: 'release' | 'eol'; release: Release } | { type: 'skipped' }>(events: T[]): T[] {
  return [...events].sort((a, b) => {
    const byType = ORDER[a.type] - ORDER[b.type];
    if (byType !== 0 || !('release' in a) || !('release' in b)) return byType;
    return a.release.released.getTime() - b.release.released.getTime() || a.release.version.localeCompare(b.release.version);
  });
}

/** At most this many new versions are announced from one poll; a feed flooding us is not news. */
export const MAX_RELEASES_PER_POLL = 10;

/**
 * Keeps the newest `max` release events (EOL notices always stay) and returns the release events
 * left out: each channel gets one note naming them (skippedEventKey) instead of hundreds of posts.
 */
export function capEvents<T extends ReleaseEvent>(events: T[], max = MAX_RELEASES_PER_POLL): { kept: T[]; dropped: T[] } {
  const releases = events.filter((e) => e.type === 'release');
  if (releases.length <= max) return { kept: events, dropped: [] };
  const newest = new Set([...releases].sort((a, b) => compareVersions(b.release.version, a.release.version)).slice(0, max));
  const kept = events.filter((e) => e.type !== 'release' || newest.has(e));
  const dropped = releases.filter((e) => !newest.has(e));
  return { kept, dropped };
}
