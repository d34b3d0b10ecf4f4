import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness, ALICE, GENERAL, TOKEN } from '../support/bot-harness.ts';
import { BotMetrics } from '../../src/ops/metrics.ts';
import { startBot } from '../../src/discord/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { lockSqliteFile } from '../../src/store/sqlite-lock.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { realKnowledge } from '../support/knowledge.ts';
import { OFFLINE_KERNEL_ORG } from '../support/offline.ts';

/** The operations endpoints of a connected bot (HTTP_PORT=0: a free port on 127.0.0.1). */
describe('operations endpoints', () => {
  let h: Harness;
  const get = async (path: string) => {
    const response = await fetch(`${h.bot.opsUrl}${path}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  beforeAll(async () => {
    h = await startHarness({ env: { HTTP_PORT: '0' } });
  });
  afterAll(() => h?.stop());

  it('binds to loopback and answers /healthz and /readyz with version and role', async () => {
    expect(h.bot.opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/), role: 'active', database: 'ok', gateway: 'ready', knowledge: 'loaded' });
    expect((await get('/nope')).status).toBe(404);
  });

  it('counts interactions, answers and REST responses in /metrics, with the default process metrics', async () => {
    await h.fake.slash('ask', { question: 'what is kdbus?' }, { user: ALICE, channelId: GENERAL }).reply(10_000);
    await h.fake.slash('ask', { question: 'how do I bake bread?' }, { user: ALICE, channelId: GENERAL }).reply(10_000);
    // The reply reaches Discord before the router counts it: wait for its "interaction handled" line.
    const handled = () => h.logs.filter((l) => l.msg === 'interaction handled' && String(l.command).includes('ask')).length;
    await h.fake.waitFor(
      () => handled() >= 2,
      10_000,
      () => `${handled()} of 2 /ask handled`,
    );
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^kernelbot_interactions_total\{type="slash",command="ask",outcome="ok"\} 2$/m);
    expect(metrics.text).toMatch(/^kernelbot_answer_latency_seconds_count\{type="slash"\} 2$/m);
    expect(metrics.text).toMatch(/^kernelbot_answers_total\{result="answer",lang="en"\} 1$/m);
    expect(metrics.text).toMatch(/^kernelbot_answers_total\{result="(suggest|declined)",lang="en"\} 1$/m);
    expect(metrics.text).toMatch(/^kernelbot_discord_rest_responses_total\{status="2\d\d"\} \d+$/m);
    expect(metrics.text).toMatch(/^kernelbot_outbox_pending 0$/m);
    expect(metrics.text).toMatch(/^kernelbot_process_resident_memory_bytes \d+/m);
    expect(metrics.text).toMatch(/^kernelbot_nodejs_eventloop_lag_seconds \d/m);
  });

  it('collects the process metrics only when /metrics is served (no HTTP_PORT: no event-loop or GC observers)', async () => {
    const unserved = await new BotMetrics({}, false).registry.metrics();
    expect(unserved).toMatch(/^# TYPE kernelbot_interactions_total counter$/m);
    expect(unserved).not.toMatch(/kernelbot_process_|kernelbot_nodejs_/);
  });

  it('is not ready once the database is gone, and says why', async () => {
    await h.bot.store.close();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ ready: false, database: expect.stringMatching(/^unavailable: /) });
  });
});

describe('operations endpoints that cannot listen', () => {
  it('stop the start with one line naming HTTP_PORT and HTTP_HOST, and leave nothing running or locked', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-ops-')), 'kernelbot.db');
    const config = loadConfig({ ...OFFLINE_KERNEL_ORG, DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: 'http://127.0.0.1:1/api', DATABASE_PATH: databasePath, HTTP_PORT: String(port) }, '');
    const deps = { search: realKnowledge().search, commands: COMMANDS, botVersion: 'test', now: () => new Date() };
    try {
      await expect(startBot(config, deps, { logger: createLogger({ level: 'silent' }), handleSignals: false })).rejects.toThrow(
        `HTTP_PORT ${port} on HTTP_HOST 127.0.0.1 cannot be used: another program already listens there (choose another port, or 0 for any free one)`,
      );
      // The failed start released the SQLite file: the next process can take it at once.
      lockSqliteFile(databasePath).release();
    } finally {
      taken.close();
    }
  });
});
