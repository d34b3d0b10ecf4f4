/** Feed states for the end-to-end announcement tests, derived from the kernel.org fixtures. */
import type { FeedResponse } from './feed-server.ts';

/**
 * kernel.org's usual edit between two polls: a series' item is replaced by its next release
 * (`6.17.10` → `6.17.11`) with a new pubDate and guid date. Every other item stays as it was.
 */
export function nextRelease(xml: string, from: string, to: string, released: Date): string {
  let found = false;
  const out = xml.replace(/<item>[\s\S]*?<\/item>/g, (item) => {
    if (!isItemOf(item, from)) return item;
    found = true;
    return retag(item, from, to, released);
  });
  if (!found) throw new Error(`no item for ${from} in the feed`);
  return out;
}

/**
 * A feed flooded with new versions (as after a kernel.org hiccup or a mass stable release): for each of
 * `versions`, a copy of the item of `template` retagged to it, dated `released`, before the template's item.
 */
function withNewReleases(xml: string, template: string, versions: string[], released: Date): string {
  let found = false;
  const out = xml.replace(/<item>[\s\S]*?<\/item>/g, (item) => {
    if (!isItemOf(item, template)) return item;
    found = true;
    return [...versions.map((version) => retag(item, template, version, released)), item].join('');
  });
  if (!found) throw new Error(`no item for ${template} in the feed`);
  return out;
}

const isItemOf = (item: string, version: string) => new RegExp(`<guid[^>]*>kernel\\.org,[^,]+,${version.replace(/\./g, '\\.')},`).test(item);

function retag(item: string, from: string, to: string, released: Date): string {
  const escaped = from.replace(/\./g, '\\.');
  const day = released.toISOString().slice(0, 10);
  return item
    .replace(new RegExp(`${escaped}(?![\\d])`, 'g'), to)
    .replace(/<pubDate>[^<]*<\/pubDate>/, `<pubDate>${released.toUTCString().replace('GMT', '-0000')}</pubDate>`)
    .replace(/(<guid[^>]*>kernel\.org,[^,]+,[^,]+,)\d{4}-\d{2}-\d{2}/, `$1${day}`)
    .replace(/(Released:&lt;\/th&gt;&lt;td&gt;)\d{4}-\d{2}-\d{2}/, `$1${day}`);
}

/** A 200 with a body and an ETag, so the next poll of the same state is a conditional 304. */
export const feedState = (body: string, etag: string): FeedResponse => ({ kind: 'feed', body, etag: `"${etag}"` });

/** The flood of the tests: 13 stable versions (6.17.13 … 6.17.25) and 5 longterm ones (6.1.159 … 6.1.163) in one poll. */
export const FLOOD_STABLE = Array.from({ length: 13 }, (_, i) => `6.17.${13 + i}`);
const FLOOD_LONGTERM = Array.from({ length: 5 }, (_, i) => `6.1.${159 + i}`);

/** FEED_TWO_MAINLINE (6.17.12, 6.1.158, …) with the flood added, all dated `released`. */
export const floodedFeed = (twoMainline: string, released: Date) => withNewReleases(withNewReleases(twoMainline, '6.17.12', FLOOD_STABLE, released), '6.1.158', FLOOD_LONGTERM, released);
