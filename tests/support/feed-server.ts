import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the loopback kernel.org answers to the next request(s). */
export type FeedResponse =
  /** A feed; a matching If-None-Match / If-Modified-Since gets a 304. */
  | { kind: 'feed'; body: string; etag?: string; lastModified?: string }
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Accepts the request and never answers (timeout). */
  | { kind: 'hang' }
  /** Streams `bytes` bytes without Content-Length (or with it when declareLength). */
  | { kind: 'oversized'; bytes: number; declareLength?: boolean };

interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** What was answered. */
  status: number;
}

export interface FeedServer {
  url: string;
  /** Answer every following request with this. */
  set(response: FeedResponse): void;
  /** Answer the next requests with these in turn; the last one repeats. */
  sequence(responses: FeedResponse[]): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 playing kernel.org's /feeds/kdist.xml. */
export async function startFeedServer(initial?: FeedResponse): Promise<FeedServer> {
  let queue: FeedResponse[] = initial ? [initial] : [{ kind: 'status', status: 404, body: 'not configured' }];
  const requests: RecordedRequest[] = [];

  const next = (): FeedResponse => (queue.length > 1 ? queue.shift()! : queue[0]!);

  const server: Server = createServer((req, res) => {
    const response = next();
    const record = (status: number) => requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, status });
    switch (response.kind) {
      case 'feed': {
        const notModified =
          (response.etag && req.headers['if-none-match'] === response.etag) || (!response.etag && response.lastModified && req.headers['if-modified-since'] === response.lastModified);
        const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
        if (response.etag) headers.etag = response.etag;
        if (response.lastModified) headers['last-modified'] = response.lastModified;
        if (notModified) {
          record(304);
          res.writeHead(304, headers).end();
        } else {
          record(200);
          res.writeHead(200, headers).end(response.body);
        }
        return;
      }
      case 'status':
        record(response.status);
        res.writeHead(response.status, { 'content-type': response.contentType ?? 'text/plain' }).end(response.body ?? '');
        return;
      case 'hang':
        record(0);
        return;
      case 'oversized': {
        record(200);
        const headers: Record<string, string | number> = { 'content-type': 'application/rss+xml' };
        if (response.declareLength) headers['content-length'] = response.bytes;
        res.writeHead(200, headers);
        const chunk = Buffer.alloc(64 * 1024, ' ');
        let left = response.bytes;
        const pump = () => {
          while (left > 0) {
            const part = chunk.subarray(0, Math.min(chunk.length, left));
            left -= part.length;
            if (!res.write(part)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feeds/kdist.xml`,
    set(response) {
      queue = [response];
    },
    sequence(responses) {
      queue = [...responses];
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
