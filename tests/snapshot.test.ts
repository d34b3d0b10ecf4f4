import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKnowledgeDir } from '../src/knowledge/files.ts';
import { readSnapshot, snapshotKey, writeSnapshot } from '../src/knowledge/snapshot.ts';
import { KnowledgeSearch } from '../src/search/index.ts';
import { realKnowledge } from './support/knowledge.ts';
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

  it('gives the same answers from a loaded index as from a freshly built one', () => {
    const { entries, search } = realKnowledge();
    const path = join(mkdtempSync(join(tmpdir(), 'kernelbot-snap-')), 'snap.json');
    expect(writeSnapshot(path, { key: 'k', entries, index: search.indexJson() })).toBe(true);
    const snapshot = readSnapshot(path, 'k');
    expect(snapshot).not.toBeNull();
    expect(readSnapshot(path, 'other key')).toBeNull();
    writeFileSync(path, '{ truncated');
    expect(readSnapshot(path, 'k')).toBeNull();
    const loaded = new KnowledgeSearch(snapshot!.entries, snapshot!.index);
    for (const query of ['kdbus', 'Was ist Live-Patching?', 'btrfs snapshotz', "what's new in 4.0?", 'how do I install Steam']) {
      // Scores may differ in the last floating-point digit (sums in another order); ranks must not.
      const ids = (s: KnowledgeSearch) => s.search(query).hits.map((h) => [h.entry.id, Number(h.score.toPrecision(9))]);
      expect(ids(loaded)).toEqual(ids(search));
    }
    expect(loaded.suggest('kd', 'de')).toEqual(search.suggest('kd', 'de'));
  });
});

// Everything that builds or runs build/ lives in this one file, so two builds never overlap.
describe('the bundled bot with a snapshot (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kernelbot-kb-'));
  const run = () => runCommand(process.execPath, ['build/main.js'], { input: '/feature kdbus\n', env: { KNOWLEDGE_DIR: dir } });

  beforeAll(async () => {
    cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
    const built = await runCommand('npm', ['run', '--silent', 'build']);
    expect(built.code).toBe(0);
  });

  it('works through the real `npm start` (build when stale, then one node process)', async () => {
    const { stdout, code } = await runCommand('npm', ['start', '--silent'], { input: '/feature kdbus\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/== kdbus \(D-Bus transport in the kernel\) ==/);
  });

  it('never answers from a stale snapshot: an edited entry is validated and indexed again', async () => {
    expect((await run()).stdout).toMatch(/== kdbus \(D-Bus transport in the kernel\) ==/);
    // The second start answers from the snapshot the first one wrote: a title changed only there shows.
    const snapshotPath = join(ROOT, 'build', 'knowledge-snapshot.json');
    writeFileSync(snapshotPath, readFileSync(snapshotPath, 'utf8').replaceAll('kdbus (D-Bus transport in the kernel)', 'kdbus (served from the snapshot)'));
    expect((await run()).stdout).toMatch(/== kdbus \(served from the snapshot\) ==/);
    const file = join(dir, 'kdbus.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('en: kdbus (D-Bus transport in the kernel)', 'en: kdbus (renamed for the test)'));
    expect((await run()).stdout).toMatch(/== kdbus \(renamed for the test\) ==/);
    writeFileSync(file, original.replace(/summary:\n {2}en: >-/, 'summary:\n  fr: oops\n  en: >-'));
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/kdbus\.yaml: summary: Unrecognized key: "fr"|kdbus\.yaml: summary.*fr/);
  });
});
