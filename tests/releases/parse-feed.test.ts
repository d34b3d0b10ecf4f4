import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/releases/feed-error.ts';
import { parseFeed } from '../../src/releases/parse-feed.ts';
import { EMPTY_FEED, HTML_ERROR_PAGE, FEED_2020_05_08, fixture, truncated } from './feed-states.ts';

interface JsonRelease {
  moniker: string;
  version: string;
  iseol: boolean;
  released: { timestamp: number; isodate: string };
  source: string | null;
  pgp: string | null;
  patch: { full: string | null; incremental: string | null };
  changelog: string | null;
  gitweb: string;
  diffview: string | null;
}

const PAIRS = [
  ['kdist-2020-05-08-verbatim.xml', 'releases-2020-05-08-from-kdist.json'],
  ['kdist-2017-11-08-repaired.xml', 'releases-2017-11-08-from-kdist.json'],
  ['kdist-2018-04-11-reconstructed.xml', 'releases-2018-04-11-reconstructed.json'],
  ['kdist-2025-12-01-reconstructed.xml', 'releases-2025-12-01-reconstructed.json'],
  ['kdist-synthetic-two-mainline.xml', 'releases-synthetic-two-mainline.json'],
] as const;

// kernel.org used stable/linux-stable/ paths for git links until about 2019; both reach the same tree.
const modernGit = (url: string | null) => url?.replace('/stable/linux-stable/', '/stable/') ?? undefined;

describe('parseFeed', () => {
  it.each(PAIRS)('%s matches its releases.json twin', async (xmlName, jsonName) => {
    const { releases, skipped } = await parseFeed(fixture(xmlName));
    const twin = (JSON.parse(fixture(jsonName)) as { releases: JsonRelease[] }).releases;
    expect(skipped).toEqual([]);
    expect(releases.map((r) => r.version)).toEqual(twin.map((r) => r.version));
    for (const [i, json] of twin.entries()) {
      const release = releases[i]!;
      expect(release.moniker).toBe(json.moniker);
      expect(release.eol).toBe(json.iseol);
      expect(release.released.toISOString().slice(0, 10)).toBe(json.released.isodate);
      expect(release.links.tarball).toBe(json.source ?? undefined);
      expect(release.links.signature).toBe(json.pgp ?? undefined);
      expect(release.links.patch).toBe(json.patch?.full ?? undefined);
      expect(release.links.incrementalPatch).toBe(json.patch?.incremental ?? undefined);
      expect(release.links.changelog).toBe(json.changelog ?? undefined);
      expect(release.links.git).toBe(modernGit(json.gitweb));
      expect(release.links.diff).toBe(modernGit(json.diffview));
    }
  });

  it('keys on the version in guid and description, not on an edited title', async () => {
    const edited = await parseFeed(fixture('kdist-2017-11-08-edited-by-third-party.xml'));
    const real = await parseFeed(fixture('kdist-2017-11-08-repaired.xml'));
    expect(edited.releases).toEqual(real.releases);
    expect(edited.releases.map((r) => r.version)).toContain('4.13.12');
    expect(edited.releases.map((r) => r.version)).not.toContain('4.15.2');
  });

  it('classifies kinds and marks EOL, rc and linux-next', async () => {
    const { releases } = await parseFeed(FEED_2020_05_08());
    const byVersion = new Map(releases.map((r) => [r.version, r]));
    expect(byVersion.get('5.7-rc4')).toMatchObject({ moniker: 'mainline', kind: 'rc', eol: false });
    expect(byVersion.get('5.5.19')).toMatchObject({ moniker: 'stable', kind: 'stable', eol: true });
    expect(byVersion.get('4.19.121')).toMatchObject({ kind: 'longterm' });
    expect(byVersion.get('next-20200508')).toMatchObject({ kind: 'linux-next', links: { git: 'https://git.kernel.org/next/linux-next/h/next-20200508' } });
    expect(byVersion.get('5.7-rc4')!.links.kernelnewbies).toBeUndefined();
    expect(byVersion.get('5.7-rc4')!.released.toISOString()).toBe('2020-05-03T21:56:15.000Z');
  });

  it('links kernelnewbies for a final mainline release only', async () => {
    const { releases } = await parseFeed(fixture('kdist-2018-04-11-reconstructed.xml'));
    expect(releases.find((r) => r.version === '4.16')!.links.kernelnewbies).toBe('https://kernelnewbies.org/Linux_4.16');
    expect(releases.find((r) => r.version === '4.16.1')!.links.kernelnewbies).toBeUndefined();
  });

  it('skips an item whose guid and description disagree instead of guessing', async () => {
    const xml = FEED_2020_05_08().replace('kernel.org,stable,5.6.11,', 'kernel.org,stable,5.6.12,');
    const { releases, skipped } = await parseFeed(xml);
    expect(releases.map((r) => r.version)).not.toContain('5.6.11');
    expect(releases.map((r) => r.version)).not.toContain('5.6.12');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/guid says 5\.6\.12 but description says 5\.6\.11/);
  });

  it('drops a link that is not http(s), keeping the release and its other links', async () => {
    const xml = FEED_2020_05_08().replace('https://cdn.kernel.org/pub/linux/kernel/v5.x/linux-5.6.11.tar.xz', 'javascript:alert(1)');
    const { releases, skipped } = await parseFeed(xml);
    const release = releases.find((r) => r.version === '5.6.11')!;
    expect(release.links.tarball).toBeUndefined();
    expect(release.links.signature).toMatch(/^https:\/\/cdn\.kernel\.org\//);
    expect(skipped).toEqual([]);
  });

  it('keeps only links to kernel.org hosts: a feed cannot point a post anywhere else', async () => {
    const xml = FEED_2020_05_08()
      .replace('https://cdn.kernel.org/pub/linux/kernel/v5.x/linux-5.6.11.tar.xz', 'https://evil.example/x.tar.xz')
      .replace('https://cdn.kernel.org/pub/linux/kernel/v5.x/ChangeLog-5.6.11', 'https://kernel.org.evil.example/ChangeLog');
    const release = (await parseFeed(xml)).releases.find((r) => r.version === '5.6.11')!;
    expect(release.links.tarball).toBeUndefined();
    expect(release.links.changelog).toBeUndefined();
    for (const url of Object.values(release.links)) expect(new URL(url).hostname).toMatch(/(^|\.)kernel\.org$|^kernelnewbies\.org$/);
  });

  it.each([
    ['an HTML error page', HTML_ERROR_PAGE, 'not-a-feed'],
    ['truncated XML', truncated(FEED_2020_05_08()), 'invalid-xml'],
    ['an empty body', '   ', 'empty'],
    ['a feed without items', EMPTY_FEED, 'empty'],
    ['plain text', 'upstream connect error', 'invalid-xml'],
  ])('fails clearly on %s', async (_name, body, reason) => {
    const error = await parseFeed(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).reason).toBe(reason);
  });

  it('fails when no item is usable', async () => {
    const xml = FEED_2020_05_08().replace(/kernel\.org,([\w-]+),[^,]+,/g, 'kernel.org,$1,0.0.1,');
    const error = (await parseFeed(xml).catch((e: unknown) => e)) as FeedError;
    expect(error.reason).toBe('no-valid-items');
  });
});
