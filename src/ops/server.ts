import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { BotMetrics } from './metrics.ts';

export type Role = 'active' | 'standby' | 'starting' | 'stopping';

export interface OpsProbes {
  version: string;
  role: () => Role;
  /** Milliseconds since the gateway's last heartbeat acknowledgement; null when not connected (yet). */
  heartbeatAgeMs: () => number | null;
  knowledgeLoaded: () => boolean;
  /** Resolves when the database answers. */
  pingDatabase: () => Promise<void>;
  gatewayReady: () => boolean;
}

/** Over this without a heartbeat ack the gateway connection is considered dead. */
const HEARTBEAT_STALE_MS = 2 * 60_000;

export interface OpsServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * The operations endpoints (off unless HTTP_PORT is set; loopback unless HTTP_HOST says otherwise):
 * /healthz (the process answers; 503 when the gateway went silent), /readyz (knowledge, database,
 * gateway or standby; JSON with version and role) and /metrics (Prometheus text).
 */
export async function startOpsServer(options: { port: number; host: string; probes: OpsProbes; metrics: BotMetrics; logger: Logger }): Promise<OpsServer> {
  const { probes, metrics, logger } = options;
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { error: 'method not allowed' });
      return;
    }
    void (async () => {
      switch (path) {
        case '/healthz': {
          const age = probes.heartbeatAgeMs();
          const stale = probes.role() === 'active' && age !== null && age > HEARTBEAT_STALE_MS;
          send(stale ? 503 : 200, { status: stale ? 'gateway silent' : 'ok', heartbeatAgeMs: age });
          return;
        }
        case '/readyz': {
          const database = await probes.pingDatabase().then(
            () => 'ok',
            (error: unknown) => `unavailable: ${error instanceof Error ? error.message : String(error)}`,
          );
          const role = probes.role();
          const gateway = role === 'standby' ? 'standby' : probes.gatewayReady() ? 'ready' : 'not ready';
          const knowledge = probes.knowledgeLoaded() ? 'loaded' : 'not loaded';
          const ready = database === 'ok' && knowledge === 'loaded' && gateway !== 'not ready' && role !== 'stopping';
          send(ready ? 200 : 503, { ready, version: probes.version, role, database, gateway, knowledge });
          return;
        }
        case '/metrics':
          send(200, await metrics.registry.metrics(), metrics.registry.contentType);
          return;
        default:
          send(404, { error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics'] });
          return;
      }
    })().catch((error: unknown) => {
      logger.error({ err: error, path }, 'operations endpoint failed');
      if (!response.headersSent) send(500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`HTTP_PORT ${options.port} on HTTP_HOST ${options.host} cannot be used: ${listenProblem(error)}`, { cause: error })));
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as { port: number };
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}`;
  logger.info({ url }, 'operations endpoints listening (/healthz, /readyz, /metrics)');
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Why the operations server could not listen, in words an admin can act on. */
function listenProblem(error: Error): string {
  switch ((error as { code?: string }).code) {
    case 'EADDRINUSE':
      return 'another program already listens there (choose another port, or 0 for any free one)';
    case 'EACCES':
      return 'this user may not listen on that port (ports below 1024 need privileges)';
    case 'EADDRNOTAVAIL':
      return 'this machine has no such address';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    default:
      return error.message;
  }
}
