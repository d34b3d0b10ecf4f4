import { FeedError } from './feed-error.ts';
import type { FeedErrorReason } from '../shared/release.ts';
import { getText } from '../shared/http.ts';
import { parseFeed } from './parse-feed.ts';
import type { Release } from '../shared/release.ts';
import { DEFAULT_FEED_URL } from '../config.ts';

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

export function createHttpFeedFetcher(options: HttpFeedOptions = {}): FeedFetcher {
  const url = options.url ?? DEFAULT_FEED_URL;
  return { url, fetch: (validators) => fetchFeed({ ...options, url }, validators) };
}

/** One conditional GET of the feed, parsed. Every failure comes back as { status: 'error' }. */
export async function fetchFeed(options: HttpFeedOptions, validators: FeedValidators = {}): Promise<FetchResult> {
  const response = await getText({
    url: options.url ?? DEFAULT_FEED_URL,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxBytes: options.maxBytes ?? 1_000_000,
    accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8',
    userAgent: options.userAgent,
    fetchImpl: options.fetchImpl,
    signal: options.signal,
    etag: validators.etag,
    lastModified: validators.lastModified,
  });
  if (response.status !== 'ok') return response;
  try {
    const parsed = await parseFeed(response.body);
    return { status: 'ok', releases: parsed.releases, skipped: parsed.skipped, etag: response.etag, lastModified: response.lastModified };
  } catch (error) {
    if (error instanceof FeedError) return { status: 'error', reason: error.reason, message: error.message };
    return { status: 'error', reason: 'invalid-xml', message: error instanceof Error ? error.message : String(error) };
  }
}
