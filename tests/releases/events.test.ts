import { describe, expect, it } from 'vitest';
import { announcedEvent, capEvents, detectEvents, MAX_RELEASES_PER_POLL, MAX_SKIPPED_LISTED, parseEventKey, parseSkipped, skippedEventKey, skippedVersions } from '../../src/releases/events.ts';
import { parseFeed } from '../../src/releases/parse-feed.ts';
import type { Release } from '../../src/shared/release.ts';
import { FEED_TWO_MAINLINE, markEol, setMoniker } from './feed-states.ts';

const now = new Date('2025-12-15T08:00:00Z');
const options = { now, maxItemAgeMs: 7 * 24 * 3600_000 };
const known = (releases: Release[]) => new Map(releases.map((r) => [r.version, r]));
const base = (await parseFeed(FEED_TWO_MAINLINE())).releases;

describe('detectEvents', () => {
  it('finds nothing when the versions are the same, whatever else changed', async () => {
    const moved = (await parseFeed(setMoniker(FEED_TWO_MAINLINE(), '6.17.12', 'stable', 'longterm'))).releases;
    expect(detectEvents(moved, known(base), options)).toEqual([]);
  });

  it('reports an EOL flip once per series', async () => {
    const flipped = (await parseFeed(markEol(FEED_TWO_MAINLINE(), '6.17.12'))).releases;
    expect(detectEvents(flipped, known(base), options).map((e) => e.key)).toEqual(['eol:6.17']);
    expect(detectEvents(flipped, known(flipped), options)).toEqual([]);
  });

  it('reports a new version that arrives already EOL as a release and an EOL notice', async () => {
    const xml = markEol(FEED_TWO_MAINLINE().replaceAll('6.17.12', '6.17.13'), '6.17.13');
    const events = detectEvents((await parseFeed(xml)).releases, known(base), options);
    expect(events.map((e) => e.key)).toEqual(['release:6.17.13', 'eol:6.17']);
  });

  it('does not announce an unseen version older than the known latest of its series', async () => {
    // 6.17.12 is known; 6.17.11 showing up now (a feed glitch or replay) is old news.
    const older = (await parseFeed(FEED_TWO_MAINLINE().replaceAll('6.17.12', '6.17.11'))).releases;
    expect(detectEvents(older, known(base), options).map((e) => e.key)).not.toContain('release:6.17.11');
  });

  it('ignores items dated in the far future instead of announcing them first', async () => {
    const future = (await parseFeed(FEED_TWO_MAINLINE().replaceAll('6.17.12', '6.17.13'))).releases.map((r) => (r.version === '6.17.13' ? { ...r, released: new Date('2099-01-01T00:00:00Z') } : r));
    expect(detectEvents(future, known(base), options)).toEqual([]);
  });

  it('announces at most the newest ten versions of a flooded poll and names the rest', () => {
    const template = base.find((r) => r.version === '6.17.12')!;
    const flood = Array.from({ length: 2000 }, (_, i) => ({ ...template, version: `6.17.${100 + i}` }));
    const { kept, dropped } = capEvents(detectEvents(flood, known(base), options));
    expect(kept).toHaveLength(MAX_RELEASES_PER_POLL);
    expect(kept.map((e) => e.release.version)).toContain('6.17.2099');
    expect(dropped).toHaveLength(1990);
    expect(dropped.map((e) => e.release.version)).toContain('6.17.100');
    // One note names them, newest first and at most MAX_SKIPPED_LISTED of them; its ledger key says the same and reads back.
    const note = skippedVersions(dropped.map((e) => e.release.version));
    expect(note).toEqual({ total: 1990, listed: Array.from({ length: MAX_SKIPPED_LISTED }, (_, i) => `6.17.${2089 - i}`) });
    const key = parseEventKey(skippedEventKey(note))!;
    expect(key.type).toBe('skipped');
    expect(parseSkipped(key.subject)).toEqual(note);
  });

  it('reads each kind of ledger key back as what it announced; a key of no known form stays as it is', () => {
    expect(announcedEvent('release:6.1.159')).toEqual({ type: 'release', version: '6.1.159' });
    expect(announcedEvent('eol:6.1')).toEqual({ type: 'eol', series: '6.1' });
    expect(announcedEvent('skipped:25:6.1.150,6.1.149')).toEqual({ type: 'skipped', total: 25, listed: ['6.1.150', '6.1.149'] });
    expect(announcedEvent('skipped:garbled')).toEqual({ type: 'unknown', key: 'skipped:garbled' });
    expect(announcedEvent('weekly:6.1')).toEqual({ type: 'unknown', key: 'weekly:6.1' });
  });

  it('orders releases oldest first', () => {
    const without = base.filter((r) => !['6.19-rc1', '6.17.12', 'next-20251215'].includes(r.version));
    expect(detectEvents(base, known(without), options).map((e) => e.key)).toEqual(['release:6.17.12', 'release:6.19-rc1', 'release:next-20251215']);
  });
});
