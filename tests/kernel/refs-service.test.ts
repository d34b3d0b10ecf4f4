import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefsService, type CachedRef } from '../../src/kernel/refs/service.ts';
import { startKernelOrgServer, type KernelOrgServer } from '../support/kernel-org-server.ts';
import { CGIT_COMMIT_PAGE, CVE_ATOM, LORE_RAW } from './kernel-org-pages.ts';

let server: KernelOrgServer;
beforeAll(async () => {
  server = await startKernelOrgServer();
  server.route('/linux.git/commit/?id=', { status: 200, body: CGIT_COMMIT_PAGE });
  server.route('/linux-cve-announce/?q=CVE-2024-26581', { status: 200, body: CVE_ATOM, contentType: 'application/atom+xml' });
  server.route('/linux-btrfs/20240502080000.1-jane%40example.org/raw', { status: 200, body: LORE_RAW, contentType: 'text/plain' });
});
afterAll(() => server.close());

function service(options: { perMinute?: number; now?: () => number; timeoutMs?: number } = {}) {
  const cache = new Map<string, CachedRef>();
  const channels = { isEnabled: async () => true, enable: async () => undefined, disable: async () => true, channelsOf: async () => [] };
  const refs = new RefsService({
    gitUrl: `${server.url}/linux.git`,
    loreUrl: server.url,
    cache: { get: async (k) => cache.get(k) ?? null, put: async (k, v) => void cache.set(k, v) },
    channels,
    ...options,
  });
  return { refs, cache };
}

describe('RefsService against a loopback kernel.org', () => {
  it('explains a CVE from its announcement and a lore message from its raw form', async () => {
    const { refs } = service();
    const views = await refs.explain('CVE-2024-26581 is discussed in https://lore.kernel.org/linux-btrfs/20240502080000.1-jane@example.org/');
    expect(views).toEqual([
      {
        kind: 'lore',
        subject: '[PATCH v2] btrfs: fix a race in the extent map shrinker',
        author: 'Jane Dev',
        date: '2024-05-02',
        url: 'https://lore.kernel.org/linux-btrfs/20240502080000.1-jane@example.org/',
      },
      expect.objectContaining({ kind: 'cve', id: 'CVE-2024-26581', fixedIn: ['6.7.5', '6.8'], url: 'https://lore.kernel.org/linux-cve-announce/2024022058-CVE-2024-26581-0b8d@gregkh/' }),
    ]);
  });

  it('gives up on a lookup slower than its timeout and explains nothing (the bot then stays silent)', async () => {
    server.route('/linux.git/commit/?id=deadbeef0555', { status: 200, body: CGIT_COMMIT_PAGE, delayMs: 3_000 });
    const { refs } = service({ timeoutMs: 200 });
    // The page that arrives late is a valid commit: an explanation would mean the timeout did not fire.
    expect(await refs.explain('commit deadbeef0555')).toEqual([]);
    expect(server.hits('/linux.git/commit/?id=deadbeef0555')).toBe(1);
  });

  it('caches a miss and does not ask again within the hour', async () => {
    let clock = Date.parse('2026-12-02T06:00:00Z');
    const { refs, cache } = service({ now: () => clock });
    expect(await refs.explain('CVE-2099-0001')).toEqual([]);
    expect(cache.get('cve:CVE-2099-0001')).toMatchObject({ found: false });
    const asked = server.hits('/linux-cve-announce/?q=CVE-2099-0001');
    clock += 30 * 60_000;
    await refs.explain('CVE-2099-0001');
    expect(server.hits('/linux-cve-announce/?q=CVE-2099-0001')).toBe(asked);
    clock += 31 * 60_000;
    await refs.explain('CVE-2099-0001');
    expect(server.hits('/linux-cve-announce/?q=CVE-2099-0001')).toBe(asked + 1);
  });

  it('stops asking kernel.org when the rate limit is used up, and answers silently (nothing) meanwhile', async () => {
    const clock = Date.parse('2026-12-02T06:00:00Z');
    const { refs } = service({ perMinute: 2, now: () => clock });
    const before = server.hits('/linux.git/commit/');
    const views = await refs.explain('aaaaaaaaaaa1 aaaaaaaaaaa2 aaaaaaaaaaa3');
    expect(views).toHaveLength(2);
    expect(server.hits('/linux.git/commit/')).toBe(before + 2);
  });
});
