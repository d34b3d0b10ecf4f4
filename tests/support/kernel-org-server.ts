import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback stand-in for git.kernel.org / lore.kernel.org: each path prefix answers as it was told. */
type KernelOrgAnswer = { status: number; body: string; contentType?: string; delayMs?: number };

export interface KernelOrgServer {
  url: string;
  /** Answer requests whose path and query start with `prefix`. */
  route(prefix: string, answer: KernelOrgAnswer): void;
  requests: { url: string; userAgent: string | undefined }[];
  hits(prefix: string): number;
  close(): Promise<void>;
}

export async function startKernelOrgServer(): Promise<KernelOrgServer> {
  const routes: [string, KernelOrgAnswer][] = [];
  const requests: { url: string; userAgent: string | undefined }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push({ url, userAgent: req.headers['user-agent'] });
    const answer = [...routes].reverse().find(([prefix]) => url.startsWith(prefix))?.[1] ?? { status: 404, body: 'not found' };
    const send = () => res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/html; charset=UTF-8' }).end(answer.body);
    if (!answer.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send();
    }, answer.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (prefix, answer) => void routes.push([prefix, answer]),
    requests,
    hits: (prefix) => requests.filter((r) => r.url.startsWith(prefix)).length,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
