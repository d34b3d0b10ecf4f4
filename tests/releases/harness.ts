import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Deliverer, type DelivererOptions } from '../../src/releases/deliverer.ts';
import { createHttpFeedFetcher } from '../../src/releases/fetch-feed.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { ReleaseWatcher } from '../../src/releases/watcher.ts';
import { openDatabase } from '../../src/store/database.ts';
import { createStore, type Store } from '../../src/store/store.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { FakeSender } from './fake-sender.ts';
import { discordAnnouncements } from '../../src/discord/announcement-ports.ts';

class TestClock implements Clock {
  private ms: number;
  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }
  now = () => new Date(this.ms);
  set(at: string | Date) {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

/** A pino logger that keeps its records for assertions. */
function captureLogger() {
  const records: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records, warnings: () => records.filter((r) => r.level >= 40) };
}

export interface Process {
  store: Store;
  watcher: ReleaseWatcher;
  deliverer: Deliverer;
  close: () => Promise<void>;
}

/** A temp directory with a real SQLite file, a loopback feed, a fake Discord and an injected clock and sleep. */
export async function createHarness(start = '2025-12-01T13:00:00Z') {
  const dir = mkdtempSync(join(tmpdir(), 'kernelbot-releases-'));
  const dbPath = join(dir, 'data', 'kernelbot.db');
  const server: FeedServer = await startFeedServer();
  const clock = new TestClock(start);
  const sender = new FakeSender();
  const sleeps: number[] = [];
  const log = captureLogger();
  const open: Process[] = [];

  /** Starts a "bot process": a fresh connection, watcher and deliverer on the same database file. */
  const boot = ({ sender: poster = sender, ...overrides }: Partial<Omit<DelivererOptions, 'sender'>> & { sender?: FakeSender } = {}): Process => {
    const db = openDatabase(dbPath);
    const store = createStore(db);
    const deliverer = new Deliverer({
      store,
      // The core hands neutral posts to the Discord adapter, which renders them for the fake endpoint.
      sender: discordAnnouncements(poster),
      clock,
      logger: log.logger,
      sleep: async (ms) => void sleeps.push(ms),
      ...overrides,
    });
    // A hanging kernel.org costs each poll this long: short, yet ample for a loopback answer on a loaded machine.
    const fetcher = createHttpFeedFetcher({ url: server.url, timeoutMs: 750, maxBytes: 256 * 1024 });
    const watcher = new ReleaseWatcher({ store, fetcher, deliverer, clock, logger: log.logger });
    let closed: Promise<void> | null = null;
    const proc = { store, watcher, deliverer, close: () => (closed ??= store.close()) };
    open.push(proc);
    return proc;
  };

  return {
    dir,
    dbPath,
    server,
    clock,
    sender,
    sleeps,
    log,
    boot,
    async cleanup() {
      for (const proc of open) await proc.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
