/** Feed states for the end-to-end announcement tests, derived from the kernel.org fixtures. */
import type { FeedResponse } from './feed-server.ts';

/**
 * kernel.org's usual edit between two polls: a series' item is replaced by its next release
 * (`6.17.10` → `6.17.11`) with a new pubDate and guid date. Every other item stays as it was.
 */
export function nextRelease(xml: string, from: string, to: string, released: Date): string {
  let found = false;
  const escaped = from.replace(/\./g, '\\.');
  const out = xml.replace(/<item>[\s\S]*?<\/item>/g, (item) => {
    if (!new RegExp(`<guid[^>]*>kernel\\.org,[^,]+,${escaped},`).test(item)) return item;
    found = true;
    const day = released.toISOString().slice(0, 10);
    return item
      .replace(new RegExp(`${escaped}(?![\\d])`, 'g'), to)
      .replace(/<pubDate>[^<]*<\/pubDate>/, `<pubDate>${released.toUTCString().replace('GMT', '-0000')}</pubDate>`)
      .replace(/(<guid[^>]*>kernel\.org,[^,]+,[^,]+,)\d{4}-\d{2}-\d{2}/, `$1${day}`)
      .replace(/(Released:&lt;\/th&gt;&lt;td&gt;)\d{4}-\d{2}-\d{2}/, `$1${day}`);
  });
  if (!found) throw new Error(`no item for ${from} in the feed`);
  return out;
}

/** A 200 with a body and an ETag, so the next poll of the same state is a conditional 304. */
export const feedState = (body: string, etag: string): FeedResponse => ({ kind: 'feed', body, etag: `"${etag}"` });
