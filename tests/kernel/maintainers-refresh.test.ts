import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { MAINTAINERS_RETRY_MS, startKernelLookups } from '../../src/kernel/wiring.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

const FIXTURE = readFileSync(new URL('../fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
const DOWN = { kind: 'status', status: 503 } as const;

/** Polls a condition the refresh loop makes true; the loop's own timers are the clock under test. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the bot refreshing MAINTAINERS', () => {
  let server: FeedServer;
  let store: Store;
  let dir: string;
  let stop = () => {};
  let logs: { msg: string; inMs?: number }[] = [];
  /** The delays the refresh loop chose, in order (it logs each at debug level). */
  const delays = () => logs.filter((l) => l.msg === 'next MAINTAINERS refresh').map((l) => l.inMs);
  afterEach(async () => {
    stop();
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(responses: Parameters<FeedServer['sequence']>[0], timing: { refreshMs: number; retryMs: number[] }) {
    logs = [];
    server = await startFeedServer();
    server.sequence(responses);
    dir = mkdtempSync(join(tmpdir(), 'kernelbot-maintainers-refresh-'));
    store = await openStore({ DATABASE_PATH: join(dir, 'bot.db') });
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(JSON.parse(line) as { msg: string; inMs?: number }) } });
    const kernel = await startKernelLookups({ config: { MAINTAINERS_URL: `${server.url}/MAINTAINERS`, KERNEL_GIT_URL: `${server.url}/linux.git` }, store, logger, ...timing });
    stop = () => kernel.stop();
    return kernel;
  }

  it('retries a failed download after minutes, at growing intervals, not after a day', async () => {
    expect(MAINTAINERS_RETRY_MS.map((ms) => ms / 60_000)).toEqual([5, 15, 60, 240]);
    const kernel = await start([DOWN, DOWN, DOWN, { kind: 'feed', body: FIXTURE, etag: '"m1"' }], { refreshMs: 3_600_000, retryMs: [20, 60] });
    await until(() => delays().length === 4);
    expect(kernel.maintainers.state().status).toBe('ready');
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    // 5 min, 15 min, then the last step repeats; after the success the long interval again.
    expect(delays()).toEqual([20, 60, 60, 3_600_000]);
    expect(await store.maintainers.load()).toMatchObject({ etag: '"m1"' });
  });

  it('waits the long interval after a success', async () => {
    const kernel = await start([{ kind: 'feed', body: FIXTURE, etag: '"m1"' }], { refreshMs: 3_600_000, retryMs: [20] });
    await until(() => delays().length === 1);
    expect(kernel.maintainers.state().status).toBe('ready');
    expect(delays()).toEqual([3_600_000]);
    expect(server.requests).toHaveLength(1);
  });
});
