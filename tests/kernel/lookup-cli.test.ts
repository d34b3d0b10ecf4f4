import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../support/in-process.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

const FIXTURE_PATH = 'tests/fixtures/maintainers/MAINTAINERS';
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ kind: 'feed', body: readFileSync(FIXTURE_PATH, 'utf8'), etag: '"x"' });
});
afterAll(() => server.close());

/** The lookup CLI is an interface for tools: one JSON document on stdout, exit 0 when found (in process; tests/cli.test.ts spawns `npm run cli` once). */
describe('kernel lookups in the CLI', () => {
  it('maintainers <path> --json fetches MAINTAINERS_URL and prints the sections most specific first', async () => {
    const { code, stdout } = await cliInProcess(['maintainers', 'drivers/gpu/drm/i915/i915_drv.c', '--json'], { env: { MAINTAINERS_URL: server.url } });
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { query: string; kind: string; sections: { title: string; specificity: number; via: string; lists: string[] }[] };
    expect(result).toMatchObject({ query: 'drivers/gpu/drm/i915/i915_drv.c', kind: 'path' });
    expect(result.sections.map((s) => [s.title.slice(0, 21), s.specificity, s.via])).toEqual([
      ['INTEL DRM I915 DRIVER', 4, 'F: drivers/gpu/drm/i915/'],
      ['DRM DRIVERS', 2, 'F: drivers/gpu/'],
      ['THE REST', -1, 'F: */'],
    ]);
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^kernelbot\//);
  });

  it('syscall and errno answer from the shipped tables; an unknown name exits 1', async () => {
    const syscall = await cliInProcess(['syscall', 'openat', '--arch', 'riscv64', '--json']);
    expect(JSON.parse(syscall.stdout)).toMatchObject({ kind: 'found', rows: [{ arch: 'riscv64', nr: 56, entry: 'sys_openat' }] });
    const errno = await cliInProcess(['errno', 'EBUSY', '--lang', 'de']);
    expect(errno.stdout).toMatch(/EBUSY \(16\)[\s\S]*Gerät oder Ressource belegt/);
    const missing = await cliInProcess(['errno', 'ENOTHING', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ query: 'ENOTHING', found: false });
  });

  it('refuses a --file that is missing or is no MAINTAINERS file, on stderr with exit 2, also with --json', async () => {
    const missing = await cliInProcess(['maintainers', 'btrfs', '--file', '/nonexistent/MAINTAINERS', '--json']);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', "--file /nonexistent/MAINTAINERS cannot be read: ENOENT: no such file or directory, open '/nonexistent/MAINTAINERS'\n"]);
    const other = await cliInProcess(['maintainers', 'btrfs', '--file', 'package.json']);
    expect([other.code, other.stdout, other.stderr]).toEqual([2, '', '--file package.json is not a MAINTAINERS file (0 sections, at least 20 expected)\n']);
    const arch = await cliInProcess(['syscall', 'read', '--arch', 'mips', '--json']);
    expect([arch.code, arch.stdout, arch.stderr]).toEqual([2, '', '--arch must be one of x86_64, i386, arm64, arm, riscv64\n']);
  });

  it('prints its usage for --help, -h and help, and a bad option with the usage and exit 2', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const help = await cliInProcess(args);
      expect([help.code, help.stderr]).toEqual([0, '']);
      expect(help.stdout).toMatch(/^Usage:\n {2}npm run --silent cli -- search --json/);
    }
    const bad = await cliInProcess(['list', '--yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Unknown option '--yaml'\. [\s\S]*\nUsage:\n/);
  });
});
