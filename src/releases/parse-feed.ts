import type Parser from 'rss-parser';
import { FeedError } from './feed-error.ts';
import { MONIKERS, releaseSchema, type Moniker, type Release, type ReleaseLinks } from '../shared/release.ts';
import { gitLinks, kernelnewbiesUrl, kindOf } from '../shared/kernel-version.ts';

export interface ParsedFeed {
  releases: Release[];
  /** Items left out, each with the reason (a garbled item is skipped, never announced). */
  skipped: string[];
}

let parser: Promise<Parser> | undefined;

/** rss-parser and its XML stack load with the first feed, not at start (a terminal session without /kernel never needs them). */
function feedParser(): Promise<Parser> {
  parser ??= import('rss-parser').then(({ default: RssParser }) => new RssParser());
  return parser;
}

/**
 * Parses kernel.org's kdist.xml. A release is keyed on the version in the description
 * (cross-checked with the guid), never on the title, which third parties have been seen to edit.
 * Throws FeedError for anything that is not a usable feed.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new FeedError('empty', 'the feed body is empty');
  if (/^(?:<!doctype html|<html)/i.test(text)) throw new FeedError('not-a-feed', 'got an HTML page instead of the RSS feed');

  const rss = await feedParser();
  let feed: Awaited<ReturnType<Parser['parseString']>>;
  try {
    feed = await rss.parseString(text);
  } catch (error) {
    // rss-parser 3.13 crashes on a channel without items instead of returning [].
    if (/<channel[\s>]/.test(text) && !/<item[\s>]/.test(text)) throw new FeedError('empty', 'the feed lists no releases');
    const detail = (error as Error).message.split('\n')[0];
    const reason = /not recognized as RSS/i.test(detail ?? '') ? 'not-a-feed' : 'invalid-xml';
    throw new FeedError(reason, `the feed is not valid RSS: ${detail}`);
  }
  if (feed.items.length === 0) throw new FeedError('empty', 'the feed lists no releases');

  const releases: Release[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  feed.items.forEach((item, index) => {
    const label = `item ${index + 1} (${item.guid ?? item.title ?? 'no guid'})`;
    try {
      const release = parseItem(item);
      if (seen.has(release.version)) throw new Error(`version ${release.version} listed twice`);
      seen.add(release.version);
      releases.push(release);
    } catch (error) {
      skipped.push(`${label}: ${(error as Error).message}`);
    }
  });
  if (releases.length === 0) {
    throw new FeedError('no-valid-items', `no usable release in the feed: ${skipped.slice(0, 3).join('; ')}`);
  }
  return { releases, skipped };
}

interface GuidParts {
  moniker: string;
  version: string;
}

/** guid: kernel.org,<moniker>,<version>,<YYYY-MM-DD> */
function parseGuid(guid: string | undefined): GuidParts | undefined {
  const parts = guid?.split(',');
  if (!parts || parts.length !== 4 || parts[0] !== 'kernel.org') return undefined;
  return { moniker: parts[1]!, version: parts[2]! };
}

function parseItem(item: Parser.Item): Release {
  const html = item.content ?? '';
  const rows = tableRows(html);
  const fromGuid = parseGuid(item.guid);

  // Version row: <strong>5.5.19 (EOL)</strong> (stable)
  const versionCell = rows.get('version') ?? '';
  const cell = /<strong>\s*([^<\s]+)\s*(\(EOL\))?\s*<\/strong>\s*\(([^)]+)\)/i.exec(versionCell);
  const version = cell?.[1] ?? fromGuid?.version;
  if (!version) throw new Error('no version in description or guid');
  if (cell && fromGuid && fromGuid.version !== cell[1]) {
    throw new Error(`guid says ${fromGuid.version} but description says ${cell[1]}`);
  }
  const moniker = asMoniker(cell?.[3] ?? fromGuid?.moniker);
  const eol = Boolean(cell?.[2]);

  const released = releaseDate(item, rows.get('released'));
  const kind = kindOf(version, moniker);
  const links = linksFrom(rows, version, kind);

  const result = releaseSchema.safeParse({ version, moniker, kind, released, eol, links });
  if (!result.success) {
    throw new Error(result.error.issues.map((i) => `${i.path.join('.') || 'release'}: ${i.message}`).join('; '));
  }
  return result.data;
}

function asMoniker(value: string | undefined): Moniker {
  const found = MONIKERS.find((m) => m === value?.trim());
  if (!found) throw new Error(`unknown moniker ${JSON.stringify(value)}`);
  return found;
}

/** pubDate is the tag time in UTC; the description's date is the fallback. */
function releaseDate(item: Parser.Item, releasedCell: string | undefined): Date {
  if (item.isoDate) return new Date(item.isoDate);
  const day = releasedCell ? /(\d{4}-\d{2}-\d{2})/.exec(releasedCell)?.[1] : undefined;
  if (!day) throw new Error('no release date');
  return new Date(`${day}T00:00:00Z`);
}

/** The description's table as label (lower-case, no colon) → cell HTML. */
function tableRows(html: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of html.matchAll(/<tr>\s*<th[^>]*>([^<]+?):?\s*<\/th>\s*<td>([\s\S]*?)<\/td>\s*<\/tr>/gi)) {
    rows.set(match[1]!.trim().replace(/:$/, '').toLowerCase(), match[2]!);
  }
  return rows;
}

function hrefs(cell: string | undefined): string[] {
  if (!cell) return [];
  return [...cell.matchAll(/href="([^"]+)"/gi)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

function linksFrom(rows: Map<string, string>, version: string, kind: Release['kind']): ReleaseLinks {
  const [patch, incrementalPatch] = hrefs(rows.get('patch'));
  const links: ReleaseLinks = {
    tarball: hrefs(rows.get('source'))[0],
    signature: hrefs(rows.get('pgp signature'))[0],
    patch,
    incrementalPatch,
    changelog: hrefs(rows.get('changelog'))[0],
    ...gitLinks(version, kind, patch),
    kernelnewbies: kind === 'mainline' ? kernelnewbiesUrl(version) : undefined,
  };
  // Drop absent links, and any link that is not https?:// on a kernel.org host: a broken or foreign
  // link costs only that link, never the release, and a feed can never point a post elsewhere.
  return Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined && trustedLink(v)));
}

const TRUSTED_HOST = /(^|\.)kernel\.org$|^kernelnewbies\.org$/;

function trustedLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && TRUSTED_HOST.test(parsed.hostname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
