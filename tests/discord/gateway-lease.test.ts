import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.ts';
import { createStore, type Store } from '../../src/store/store.ts';
import { GATEWAY_LEASE, GatewayLease, type GatewayRole } from '../../src/discord/gateway-lease.ts';
import { silentLogger } from '../../src/logger.ts';

/**
 * The gateway lease's decisions over a real leases table (SQLite; the Postgres statements are the
 * same and covered by the store contract and the two-process test). Each "process" records its
 * logins and logouts; tests wait for role changes, never for fixed times.
 */
const LEASE_MS = 900;

interface Process {
  lease: GatewayLease;
  events: string[];
  /** When disconnect() was last called (ms since the epoch). */
  loggedOutAt: () => number;
  /** Resolves at the next change to `role`. */
  becomes(role: GatewayRole): Promise<void>;
}

describe('gateway lease', () => {
  const running: GatewayLease[] = [];
  afterEach(async () => {
    for (const lease of running.splice(0)) await lease.stop();
  });

  function setup(): Store {
    return createStore(openDatabase(join(mkdtempSync(join(tmpdir(), 'kernelbot-gateway-')), 'bot.db')));
  }

  function bot(store: Store, holder: string, options: { away?: () => boolean; failLogin?: () => boolean } = {}): Process {
    const events: string[] = [];
    let loggedOutAt = 0;
    const waiters: Array<{ role: GatewayRole; resolve: () => void }> = [];
    const leases = {
      acquire: (...args: Parameters<Store['leases']['acquire']>) => (options.away?.() ? Promise.reject(new Error('connection lost')) : store.leases.acquire(...args)),
      release: (...args: Parameters<Store['leases']['release']>) => (options.away?.() ? Promise.reject(new Error('connection lost')) : store.leases.release(...args)),
    };
    const lease = new GatewayLease({
      leases,
      holder,
      leaseMs: LEASE_MS,
      logger: silentLogger(),
      connect: async () => {
        if (options.failLogin?.()) {
          events.push('login failed');
          throw new Error('gateway unreachable');
        }
        events.push('login');
      },
      disconnect: async () => {
        loggedOutAt = Date.now();
        events.push('logout');
      },
      onRole: (role) => {
        events.push(role);
        for (const waiter of waiters.splice(0).filter((w) => w.role === role)) waiter.resolve();
      },
    });
    running.push(lease);
    return { lease, events, loggedOutAt: () => loggedOutAt, becomes: (role) => new Promise((resolve) => waiters.push({ role, resolve })) };
  }

  it('lets one process log in; the other stands by and logs in when the first stops', async () => {
    const store = setup();
    const a = bot(store, 'A');
    const b = bot(store, 'B');
    expect(await a.lease.start()).toBe('active');
    expect(await b.lease.start()).toBe('standby');
    expect((await store.leases.get(GATEWAY_LEASE))?.holder).toBe('A');

    const bActive = b.becomes('active');
    await a.lease.stop();
    await bActive;
    expect(a.events).toEqual(['login', 'active', 'logout']);
    expect(b.events).toEqual(['standby', 'login', 'active']);
    expect((await store.leases.get(GATEWAY_LEASE))?.holder).toBe('B');
  });

  it('logs out once the lease is another process’s', async () => {
    const store = setup();
    const a = bot(store, 'A');
    await a.lease.start();
    const standby = a.becomes('standby');
    // As if A's lease had run out and B had taken it.
    await store.leases.release(GATEWAY_LEASE, 'A');
    await store.leases.acquire(GATEWAY_LEASE, 'B', new Date(), new Date(Date.now() + 60_000));
    await standby;
    expect(a.events).toEqual(['login', 'active', 'logout', 'standby']);
  });

  it('logs out before its lease can run out when the database stays away, and logs in again when it is back', async () => {
    const store = setup();
    let away = false;
    const a = bot(store, 'A', { away: () => away });
    await a.lease.start();
    const standby = a.becomes('standby');
    away = true;
    await standby;
    // Out before the lease it last renewed runs out, i.e. before another process could take it.
    const until = (await store.leases.get(GATEWAY_LEASE))!.until.getTime();
    expect(a.loggedOutAt()).toBeLessThan(until);
    expect(a.events).toEqual(['login', 'active', 'logout', 'standby']);

    const active = a.becomes('active');
    away = false;
    await active;
    expect(a.events.slice(-2)).toEqual(['login', 'active']);
  });

  it('a failed takeover login hands the lease back and stays standby', async () => {
    const store = setup();
    let fail = true;
    const a = bot(store, 'A');
    const b = bot(store, 'B', { failLogin: () => fail });
    await a.lease.start();
    await b.lease.start();
    const bStandbyAgain = b.becomes('standby');
    await a.lease.stop();
    await bStandbyAgain;
    expect(b.events).toEqual(['standby', 'login failed', 'standby']);
    expect(await store.leases.get(GATEWAY_LEASE)).toBeUndefined();

    const bActive = b.becomes('active');
    fail = false;
    await bActive;
    expect(b.events.slice(-2)).toEqual(['login', 'active']);
  });

  it('a failed first login is a start-up error', async () => {
    const store = setup();
    const a = bot(store, 'A', { failLogin: () => true });
    await expect(a.lease.start()).rejects.toThrow('gateway unreachable');
    expect(await store.leases.get(GATEWAY_LEASE)).toBeUndefined();
  });
});
