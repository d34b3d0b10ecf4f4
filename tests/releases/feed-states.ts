import { readFileSync } from 'node:fs';

/** Fixture feeds and the edits kernel.org really makes to them between polls. */

const dir = new URL('../fixtures/feeds/', import.meta.url);
export const fixture = (name: string) => readFileSync(new URL(name, dir), 'utf8');

export const FEED_2025_12_01 = () => fixture('kdist-2025-12-01-reconstructed.xml');
export const FEED_TWO_MAINLINE = () => fixture('kdist-synthetic-two-mainline.xml');
export const FEED_2020_05_08 = () => fixture('kdist-2020-05-08-verbatim.xml');

/** Applies fn to the <item> whose guid names this version. */
function editItem(xml: string, version: string, fn: (item: string) => string): string {
  let found = false;
  const out = xml.replace(/<item>[\s\S]*?<\/item>/g, (item) => {
    if (!new RegExp(`<guid[^>]*>kernel\\.org,[^,]+,${version.replace(/\./g, '\\.')},`).test(item)) return item;
    found = true;
    return fn(item);
  });
  if (!found) throw new Error(`no item for ${version} in the feed`);
  return out;
}

/** kernel.org marks the last release of a series with "(EOL)" next to the version, in the description only. */
export function markEol(xml: string, version: string): string {
  return editItem(xml, version, (item) => item.replace(`&lt;strong&gt;${version}&lt;/strong&gt;`, `&lt;strong&gt;${version} (EOL)&lt;/strong&gt;`));
}

/** A series moving between stable and longterm: title, guid and description all change. */
export function setMoniker(xml: string, version: string, from: string, to: string): string {
  return editItem(xml, version, (item) =>
    item
      .replace(`<title>${version}: ${from}</title>`, `<title>${version}: ${to}</title>`)
      .replace(`kernel.org,${from},${version},`, `kernel.org,${to},${version},`)
      .replace(`&lt;/strong&gt; (${from})`, `&lt;/strong&gt; (${to})`),
  );
}

export const HTML_ERROR_PAGE = '<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Varnish cache server</p></body></html>';

export const EMPTY_FEED =
  '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Latest Linux Kernel Versions</title><link>http://www.kernel.org</link><description>Latest Linux Kernel Versions</description></channel></rss>';

export const truncated = (xml: string) => xml.slice(0, Math.floor(xml.length * 0.6));
