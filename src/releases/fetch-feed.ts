import { FeedError, type FeedErrorReason } from './feed-error.ts';
import { PACKAGE } from '../version.ts';
import { parseFeed } from './parse-feed.ts';
import type { Release } from './types.ts';

export const DEFAULT_FEED_URL = 'https://www.kernel.org/feeds/kdist.xml';

export interface FeedValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      releases: Release[];
      /** Items left out as garbled, for the log. */
      skipped: string[];
      etag: string | null;
      lastModified: string | null;
    }
  | { status: 'error'; reason: FeedErrorReason; message: string; httpStatus?: number };

/** The port the watcher fetches through: one conditional request, never throws. */
export interface FeedFetcher {
  readonly url: string;
  fetch(validators: FeedValidators): Promise<FetchResult>;
}

export interface HttpFeedOptions {
  url?: string;
  timeoutMs?: number;
  /** The real feed is about 15 kB; anything far larger is not it. */
  maxBytes?: number;
  userAgent?: string;
  fetchImpl?: typeof fetch;
  /** Aborted on shutdown, so SIGTERM never waits out a hanging request. */
  signal?: AbortSignal;
}

const pkg = PACKAGE;

/**
 * "kernelbot/0.1.0 (+<project url>)" so kernel.org can see who polls and how to reach them.
 * The URL comes from package.json (homepage or repository); without one, the UA says what the bot is.
 */
export function defaultUserAgent(): string {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const url = (pkg.homepage ?? repo)?.replace(/^git\+/, '').replace(/\.git$/, '');
  return `kernelbot/${pkg.version ?? '0.0.0'} (${url ? `+${url}` : 'Discord bot announcing kernel.org releases'})`;
}

export function createHttpFeedFetcher(options: HttpFeedOptions = {}): FeedFetcher {
  const url = options.url ?? DEFAULT_FEED_URL;
  return { url, fetch: (validators) => fetchFeed({ ...options, url }, validators) };
}

/** One conditional GET of the feed, parsed. Every failure comes back as { status: 'error' }. */
export async function fetchFeed(options: HttpFeedOptions, validators: FeedValidators = {}): Promise<FetchResult> {
  const url = options.url ?? DEFAULT_FEED_URL;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? defaultUserAgent(),
    accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  try {
    // The signal also bounds reading the body, so a server that trickles bytes times out too.
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const response = await (options.fetchImpl ?? fetch)(url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return {
        status: 'error',
        reason: 'http-status',
        httpStatus: response.status,
        message: `HTTP ${response.status} ${response.statusText}`.trim(),
      };
    }
    const body = await readCapped(response, maxBytes);
    const parsed = await parseFeed(body);
    return {
      status: 'ok',
      releases: parsed.releases,
      skipped: parsed.skipped,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  } catch (error) {
    if (options.signal?.aborted) return { status: 'error', reason: 'aborted', message: 'aborted: the bot is shutting down' };
    return toError(error, options.timeoutMs ?? 20_000);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedError('too-large', `the feed is ${declared} bytes, over the ${maxBytes}-byte cap`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FeedError('too-large', `the feed exceeded the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function toError(error: unknown, timeoutMs: number): FetchResult {
  if (error instanceof FeedError) return { status: 'error', reason: error.reason, message: error.message };
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return { status: 'error', reason: 'timeout', message: `no complete answer within ${timeoutMs} ms` };
  }
  const detail = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
  return { status: 'error', reason: 'network', message: `request failed: ${detail}` };
}
