import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/releases/fetch-feed.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { EMPTY_FEED, FEED_2025_12_01, HTML_ERROR_PAGE, truncated } from './feed-states.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const get = (validators = {}, options = {}) => fetchFeed({ url: server.url, timeoutMs: 3000, maxBytes: 100_000, ...options }, validators);

describe('fetchFeed over HTTP', () => {
  it('fetches, parses and returns the validators, naming the project in the User-Agent', async () => {
    server.set({ kind: 'feed', body: FEED_2025_12_01(), etag: '"abc"', lastModified: 'Mon, 01 Dec 2025 12:00:00 GMT' });
    const result = await get();
    expect(result).toMatchObject({ status: 'ok', etag: '"abc"', lastModified: 'Mon, 01 Dec 2025 12:00:00 GMT' });
    if (result.status === 'ok') expect(result.releases[0]!.version).toBe('6.18');
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^kernelbot\/\d+\.\d+\.\d+ \(.+\)$/);
  });

  it('sends If-None-Match / If-Modified-Since and reports a 304 as not-modified', async () => {
    server.set({ kind: 'feed', body: FEED_2025_12_01(), etag: '"abc"' });
    expect(await get({ etag: '"abc"', lastModified: 'Mon, 01 Dec 2025 12:00:00 GMT' })).toEqual({ status: 'not-modified' });
    const headers = server.requests.at(-1)!.headers;
    expect(headers['if-none-match']).toBe('"abc"');
    expect(headers['if-modified-since']).toBe('Mon, 01 Dec 2025 12:00:00 GMT');
    server.set({ kind: 'feed', body: FEED_2025_12_01(), lastModified: 'Mon, 01 Dec 2025 12:00:00 GMT' });
    expect(await get({ lastModified: 'Mon, 01 Dec 2025 12:00:00 GMT' })).toEqual({ status: 'not-modified' });
  });

  it.each([
    ['a 500', { kind: 'status', status: 500, body: 'oops' }, 'http-status'],
    ['a 404', { kind: 'status', status: 404 }, 'http-status'],
    ['an HTML error page with 200', { kind: 'status', status: 200, body: HTML_ERROR_PAGE, contentType: 'text/html' }, 'not-a-feed'],
    ['truncated XML', { kind: 'status', status: 200, body: truncated(FEED_2025_12_01()) }, 'invalid-xml'],
    ['an empty feed', { kind: 'status', status: 200, body: EMPTY_FEED }, 'empty'],
    ['an empty body', { kind: 'status', status: 200, body: '' }, 'empty'],
    ['an oversized streamed body', { kind: 'oversized', bytes: 2_000_000 }, 'too-large'],
    ['an oversized declared body', { kind: 'oversized', bytes: 2_000_000, declareLength: true }, 'too-large'],
    ['a server that never answers', { kind: 'hang' }, 'timeout'],
  ] as const)('returns an error for %s', async (_name, response, reason) => {
    server.set(response);
    // Generous timeout for answers (CI load), short only where the point is to time out.
    const result = await get({}, response.kind === 'hang' ? { timeoutMs: 300 } : {});
    expect(result).toMatchObject({ status: 'error', reason });
  });

  it('returns a network error when nothing listens', async () => {
    const closed = await startFeedServer();
    const url = closed.url;
    await closed.close();
    expect(await fetchFeed({ url, timeoutMs: 1000 })).toMatchObject({ status: 'error', reason: 'network' });
  });
});
