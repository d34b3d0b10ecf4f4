import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  /** Pass as DISCORD_API_BASE (the gateway URL still comes from the target's GET /gateway/bot). */
  apiBase: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that adds a round-trip time to every REST request before forwarding it
 * to `target` (e.g. the fake Discord): half on the way there, half on the way back. Loopback answers
 * in about a millisecond; Discord takes 100 ms or more, which changes how much concurrency a client needs.
 */
export async function startLatencyProxy(target: string, rttMs: number): Promise<LatencyProxy> {
  const base = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        await wait(rttMs / 2);
        const headers: IncomingHttpHeaders = { ...req.headers, host: base.host };
        const upstream = request({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers, agent }, (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            void wait(rttMs / 2).then(() => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            });
          });
        });
        upstream.on('error', (error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
        upstream.end(Buffer.concat(chunks));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
