import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readKnowledgeDir } from '../src/knowledge/files.ts';
import { fileDigests, readSnapshot, snapshotKey, writeSnapshot } from '../src/knowledge/snapshot.ts';
import { KnowledgeSearch, type SearchIndexData } from '../src/search/index.ts';
import { loadKnowledge, loadSearch } from '../src/startup.ts';
import { smallKnowledgeDir, realKnowledge } from './support/knowledge.ts';
import { runCommand, ROOT } from './support/run.ts';

describe('start-up snapshot', () => {
  it('is keyed by every knowledge file and the program', () => {
    const files = readKnowledgeDir();
    const key = snapshotKey(files, 'program v1');
    expect(snapshotKey(files, 'program v1')).toBe(key);
    expect(snapshotKey(files, 'program v2')).not.toBe(key);
    const edited = files.map((f, i) => (i === 0 ? { ...f, text: `${f.text}\n# edited` } : f));
    expect(snapshotKey(edited, 'program v1')).not.toBe(key);
  });

  it("is keyed by a build's index-code line instead of the whole program when main.js has one", () => {
    const files = readKnowledgeDir();
    const line = (digest: string) => `// kernelbot index code: ${digest.repeat(64)}\n`;
    // Two builds that differ only outside the index code (Discord, releases…) share the snapshot.
    expect(snapshotKey(files, `${line('a')}// bundle v1`)).toBe(snapshotKey(files, `${line('a')}// bundle v2`));
    expect(snapshotKey(files, `${line('b')}// bundle v1`)).not.toBe(snapshotKey(files, `${line('a')}// bundle v1`));
    // Only a well-formed first line counts; anything else keys by the whole text.
    expect(snapshotKey(files, `${line('a').replace('a', 'g')}// bundle v1`)).not.toBe(snapshotKey(files, `${line('a').replace('a', 'g')}// bundle v2`));
    expect(snapshotKey(files, `\n${line('a')}// bundle v1`)).not.toBe(snapshotKey(files, `\n${line('a')}// bundle v2`));
  });

  it('is read back only with its key and intact, and answers as the index it was written from', () => {
    // A loaded index equals a fresh build (tests/index-equivalence.test.ts); here: the file round trip.
    const { entries, search } = realKnowledge();
    const path = join(mkdtempSync(join(tmpdir(), 'kernelbot-snap-')), 'snap.json');
    const files = fileDigests(readKnowledgeDir(), 'program');
    expect(writeSnapshot(path, { key: 'k', files, entries, index: search.indexData() })).toBe(true);
    const snapshot = readSnapshot<SearchIndexData>(path, 'k');
    expect(snapshot?.entries).toHaveLength(entries.length);
    expect(readSnapshot(path, 'other key')).toBeNull();
    const loaded = new KnowledgeSearch(snapshot!.entries, snapshot!.index);
    for (const query of ['kdbus', 'Was ist Live-Patching?', 'btrfs snapshotz', "what's new in 4.0?", 'how do I install Steam']) {
      // Scores to 9 digits: a loaded radix tree may visit a document's terms in another order, and a float sum differs in its last bits.
      const ids = (s: KnowledgeSearch) => s.search(query).hits.map((h) => [h.entry.id, Number(h.score.toPrecision(9))]);
      expect(ids(loaded)).toEqual(ids(search));
    }
    expect(loaded.suggest('kd', 'de')).toEqual(search.suggest('kd', 'de'));
    writeFileSync(path, '{ truncated');
    expect(readSnapshot(path, 'k')).toBeNull();
  });
});

describe('the snapshot beside the bundled bot (loadSearch, in process)', () => {
  it('never answers from a stale snapshot: an edited entry or a new build is validated and indexed again', async () => {
    // loadSearch keeps a snapshot only beside a bundled build/main.js, for the knowledge/ beside build/;
    // the bundle's text is part of the key.
    const root = mkdtempSync(join(tmpdir(), 'kernelbot-build-'));
    const dir = join(root, 'knowledge');
    renameSync(smallKnowledgeDir(), dir);
    const build = join(root, 'build');
    mkdirSync(build);
    const program = join(build, 'main.js');
    writeFileSync(program, '// bundle v1');
    const snapshotPath = join(build, 'knowledge-snapshot.json');
    const title = async () => {
      const { search, snapshotWritten } = await loadKnowledge(dir, pathToFileURL(program).href, 0);
      await snapshotWritten;
      return search.get('kdbus')?.title.en;
    };

    expect(await title()).toBe('kdbus (D-Bus transport in the kernel)');
    expect(existsSync(snapshotPath)).toBe(true);
    // The next start answers from the snapshot the first one wrote: a title changed only there shows.
    writeFileSync(snapshotPath, readFileSync(snapshotPath, 'utf8').replaceAll('kdbus (D-Bus transport in the kernel)', 'kdbus (served from the snapshot)'));
    expect(await title()).toBe('kdbus (served from the snapshot)');
    writeFileSync(program, '// bundle v2');
    expect(await title()).toBe('kdbus (D-Bus transport in the kernel)');
    const file = join(dir, 'kdbus.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('en: kdbus (D-Bus transport in the kernel)', 'en: kdbus (renamed for the test)'));
    expect(await title()).toBe('kdbus (renamed for the test)');
    writeFileSync(file, original.replace(/summary:\n {2}en: >-/, 'summary:\n  fr: oops\n  en: >-'));
    await expect(loadSearch(dir, pathToFileURL(program).href)).rejects.toThrow(/kdbus\.yaml: summary: Unrecognized key: "fr"/);
  });

  it('is never written for a knowledge directory elsewhere (KNOWLEDGE_DIR), which is validated at every start', async () => {
    const build = join(mkdtempSync(join(tmpdir(), 'kernelbot-build-')), 'build');
    mkdirSync(build);
    const program = join(build, 'main.js');
    writeFileSync(program, '// bundle v1');
    const elsewhere = smallKnowledgeDir();
    expect((await loadSearch(elsewhere, pathToFileURL(program).href)).get('kdbus')?.title.en).toBe('kdbus (D-Bus transport in the kernel)');
    expect(readdirSync(build)).toEqual(['main.js']);
    writeFileSync(join(elsewhere, 'kdbus.yaml'), 'id: [broken');
    await expect(loadSearch(elsewhere, pathToFileURL(program).href)).rejects.toThrow(/kdbus\.yaml/);
  });

  it('is never written for a run from source', async () => {
    const src = join(mkdtempSync(join(tmpdir(), 'kernelbot-src-')), 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'main.ts'), '// source');
    expect((await loadSearch(smallKnowledgeDir(), pathToFileURL(join(src, 'main.ts')).href)).size).toBe(1);
    expect(readdirSync(src)).toEqual(['main.ts']);
  });
});

/** The spawned smoke test of `npm start` in terminal mode (everything else about it runs in process: tests/terminal.test.ts). */
describe('npm start', () => {
  it('builds when stale, then answers from one node process, with a valid snapshot beside the bundle', async () => {
    const { stdout, stderr, code } = await runCommand('npm', ['start', '--silent'], { input: '/feature kdbus\n', timeoutMs: 90_000 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/== kdbus \(D-Bus transport in the kernel\) ==/);
    const key = snapshotKey(readKnowledgeDir(), readFileSync(join(ROOT, 'build', 'main.js'), 'utf8'));
    expect(readSnapshot(join(ROOT, 'build', 'knowledge-snapshot.json'), key)).not.toBeNull();
    // The minified bundle keeps class names: discord.js picks each cache's limit (src/discord/client.ts)
    // by its manager's class name, and a renamed class would silently cache without limit.
    const bundle = readdirSync(join(ROOT, 'build'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(ROOT, 'build', name), 'utf8'))
      .join('\n');
    for (const manager of ['GuildMessageManager', 'MessageManager', 'GuildMemberManager', 'UserManager']) expect(bundle).toContain(`"${manager}"`);
  }, 120_000);
});
