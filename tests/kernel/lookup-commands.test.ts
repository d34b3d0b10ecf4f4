import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps, Invocation, OptionReader } from '../../commands/command.ts';
import { COMMANDS, findCommand } from '../../commands/registry.ts';
import { realKnowledge } from '../support/knowledge.ts';
import type { Reply } from '../../src/answers/reply.ts';
import { MaintainersService, memoryMaintainersStore } from '../../src/kernel/maintainers/service.ts';
import { renderText } from '../../src/terminal/render-text.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

const FIXTURE = readFileSync(new URL('../fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
const { search } = realKnowledge();

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ kind: 'feed', body: FIXTURE, etag: '"m1"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT' });
});
afterAll(() => server.close());

function depsWith(maintainers?: MaintainersService): CommandDeps {
  return { search, commands: COMMANDS, botVersion: '9.9.9', now: () => new Date('2026-12-02T06:00:00Z'), services: maintainers ? { maintainers } : {} };
}

function run(deps: CommandDeps, name: string, values: Record<string, string>, lang: 'en' | 'de' = 'en'): Promise<Reply> {
  const options: OptionReader = { subcommand: () => null, string: (n) => values[n] ?? null, boolean: () => null, id: () => null, channelType: () => null };
  const invocation: Invocation = { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: false };
  return Promise.resolve(findCommand(name)!.handle(options, invocation, deps));
}

const text = (reply: Reply) => renderText(reply);

describe('/maintainers', () => {
  it('says so before the first successful fetch, privately, without waiting for the network', async () => {
    const service = new MaintainersService({ url: server.url, store: memoryMaintainersStore() });
    const before = server.requests.length;
    const reply = await run(depsWith(service), 'maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' });
    expect(reply).toMatchObject({ type: 'message', ephemeral: true });
    expect(text(reply)).toContain('The MAINTAINERS file has not been fetched from kernel.org yet (the bot fetches it at start and then once a day). Please try again in a minute.');
    const german = await run(depsWith(service), 'maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' }, 'de');
    expect(text(german)).toContain('(der Bot lädt sie beim Start und dann einmal täglich). Bitte versuch es in einer Minute noch einmal.');
    expect(server.requests.length).toBe(before);
  });

  it('answers a path and a subsystem name in both languages after a refresh', async () => {
    const service = new MaintainersService({ url: server.url, store: memoryMaintainersStore(), now: () => new Date('2026-12-02T06:00:00Z') });
    expect(await service.refresh()).toEqual({ status: 'updated', sections: 45 });
    const deps = depsWith(service);
    const path = text(await run(deps, 'maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' }));
    expect(path).toMatch(/Maintainers of fs\/btrfs\/inode\.c/);
    expect(path).toMatch(/BTRFS FILE SYSTEM\*\* · Maintained/);
    expect(path).toMatch(/David Sterba <dsterba@suse\.com>/);
    expect(path).toMatch(/linux-btrfs@vger\.kernel\.org/);
    expect(path).toMatch(/Matched by: `F: fs\/btrfs\/`/);
    expect(path).toMatch(/THE REST \(linux-kernel@vger\.kernel\.org\)/);
    expect(path).toMatch(/as of 2026-12-02/);
    const german = text(await run(deps, 'maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' }, 'de'));
    expect(german).toMatch(/Zuständig für fs\/btrfs\/inode\.c/);
    expect(german).toMatch(/Mailinglisten: linux-btrfs@vger\.kernel\.org/);
    const i915 = text(await run(deps, 'maintainers', { 'path-or-subsystem': 'drivers/gpu/drm/i915/' }));
    expect(i915.indexOf('INTEL DRM I915')).toBeLessThan(i915.indexOf('DRM DRIVERS**'));
    expect(i915).not.toMatch(/DRM DRIVERS AND MISC/);
    const name = text(await run(deps, 'maintainers', { 'path-or-subsystem': 'btrfs' }));
    expect(name).toMatch(/Subsystem: BTRFS FILE SYSTEM/);
    const none = await run(deps, 'maintainers', { 'path-or-subsystem': 'qqqqzzzz' });
    expect(none).toMatchObject({ ephemeral: true });
    expect(text(none)).toMatch(/No path or subsystem/);
  });

  it('refreshes conditionally, keeps the last good file on errors and rejects what is not MAINTAINERS', async () => {
    const store = memoryMaintainersStore();
    const service = new MaintainersService({ url: server.url, store });
    await service.refresh();
    expect(await service.refresh()).toEqual({ status: 'not-modified' });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"m1"');
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^kernelbot\//);
    server.set({ kind: 'status', status: 500, body: 'oops' });
    expect(await service.refresh()).toMatchObject({ status: 'error', message: expect.stringMatching(/HTTP 500/) });
    server.set({ kind: 'status', status: 200, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' });
    expect(await service.refresh()).toMatchObject({ status: 'error', message: expect.stringMatching(/not a MAINTAINERS file/) });
    expect(service.state()).toMatchObject({ status: 'ready', sections: 45 });
    // A restart reads the stored copy: answers are there before any network call.
    const restarted = new MaintainersService({ url: server.url, store });
    await restarted.load();
    expect(restarted.state()).toMatchObject({ status: 'ready', sections: 45 });
    expect(store.checks.map((c) => c.error === null)).toEqual([true, false, false]);
    server.set({ kind: 'feed', body: FIXTURE, etag: '"m1"' });
  });

  it('terminal mode fetches once, on the first lookup', async () => {
    const service = new MaintainersService({ url: server.url, store: memoryMaintainersStore(), fetchOnDemand: true });
    const before = server.requests.length;
    const reply = text(await run(depsWith(service), 'maintainers', { 'path-or-subsystem': 'drivers/char/random.c' }));
    expect(reply).toMatch(/falls to THE REST/);
    await run(depsWith(service), 'maintainers', { 'path-or-subsystem': 'btrfs' });
    expect(server.requests.length).toBe(before + 1);
  });

  it('autocompletes subsystem titles (typo-tolerant) and offers a typed path as is', async () => {
    const service = new MaintainersService({ url: server.url, store: memoryMaintainersStore() });
    await service.refresh();
    const complete = (typed: string) =>
      findCommand('maintainers')!.autocomplete!('path-or-subsystem', typed, { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: false }, depsWith(service));
    expect(complete('btfrs')[0]).toEqual({ name: 'BTRFS FILE SYSTEM', value: 'BTRFS FILE SYSTEM' });
    expect(complete('fs/ext4/')[0]).toEqual({ name: 'fs/ext4/', value: 'fs/ext4/' });
    const i915 = complete('i915');
    expect(i915.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(text(await run(depsWith(service), 'maintainers', { 'path-or-subsystem': i915[0]!.value }))).toMatch(/Jani Nikula/);
  });
});

describe('/syscall and /errno', () => {
  const deps = depsWith();

  it('/syscall openat lists every architecture with arguments and a man7 link', async () => {
    const en = text(await run(deps, 'syscall', { 'name-or-number': 'openat' }));
    expect(en).toMatch(/`x86_64`: 257 · `sys_openat`/);
    expect(en).toMatch(/`arm64`: 56/);
    expect(en).toMatch(/Arguments: `openat\(int dfd, const char \*filename, int flags, umode_t mode\)`/);
    expect(en).toMatch(/https:\/\/man7\.org\/linux\/man-pages\/man2\/openat\.2\.html/);
    expect(text(await run(deps, 'syscall', { 'name-or-number': 'openat' }, 'de'))).toMatch(/Systemaufruf openat[\s\S]*Argumente:/);
  });

  it('/syscall by number and architecture, also as one terminal line', async () => {
    expect(text(await run(deps, 'syscall', { 'name-or-number': '56', arch: 'arm64' }))).toMatch(/System call openat/);
    const oneLine = text(await run(deps, 'syscall', { 'name-or-number': 'openat arm64' }));
    expect(oneLine).toMatch(/`arm64`: 56 · `sys_openat`/);
    expect(oneLine).not.toMatch(/`x86_64`/);
    const missing = await run(deps, 'syscall', { 'name-or-number': 'opnat' });
    expect(missing).toMatchObject({ ephemeral: true });
    expect(text(missing)).toMatch(/Did you mean: .*openat/);
  });

  it('/syscall in the terminal reads the architecture in any case and names an unknown one', async () => {
    expect(text(await run(deps, 'syscall', { 'name-or-number': '0 ARM64' }))).toMatch(/`arm64`: 0 · `sys_io_setup`/);
    const mips = await run(deps, 'syscall', { 'name-or-number': 'read mips' });
    expect(mips).toMatchObject({ ephemeral: true });
    expect(text(mips)).toBe('“mips” is not an architecture in the shipped tables; choose one of x86_64, i386, arm64, arm, riscv64.');
    expect(text(await run(deps, 'syscall', { 'name-or-number': 'read mips' }, 'de'))).toBe(
      '„mips“ ist keine Architektur der mitgelieferten Tabellen; wähle eine von x86_64, i386, arm64, arm, riscv64.',
    );
  });

  it('/errno EBUSY in both languages, and an unknown code privately', async () => {
    expect(text(await run(deps, 'errno', { 'name-or-number': 'EBUSY' }))).toMatch(/EBUSY \(16\)[\s\S]*Device or resource busy[\s\S]*-EBUSY \(-16\)/);
    expect(text(await run(deps, 'errno', { 'name-or-number': '-16' }, 'de'))).toMatch(/Gerät oder Ressource belegt/);
    expect(text(await run(deps, 'errno', { 'name-or-number': 'EPROBE_DEFER' }))).toMatch(/never reach user space/);
    expect(await run(deps, 'errno', { 'name-or-number': 'ENOPE' })).toMatchObject({ type: 'message', ephemeral: true });
  });
});
