import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { indexCodeDigest } from '../scripts/index-code.mjs';
import { ROOT } from './support/run.ts';

/** A copy of src/ with node_modules linked, so files can be edited without touching the repository. */
const copy = mkdtempSync(join(tmpdir(), 'kernelbot-index-code-'));
cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function edit(path: string): void {
  const file = join(copy, path);
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited\n`);
}

describe('the index-code digest of a build (the knowledge snapshot key)', () => {
  it('stays when code outside loading, validation and indexing changes, and changes with that code', async () => {
    const before = await indexCodeDigest(esbuild, copy);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    // The Discord adapter and the release announcements are not part of it: the snapshot stays valid.
    edit('src/discord/render.ts');
    edit('src/releases/watcher.ts');
    expect(await indexCodeDigest(esbuild, copy)).toBe(before);
    // The search (tokenising), the schema and the snapshot format are.
    let previous = before;
    for (const path of ['src/search/text.ts', 'src/knowledge/schema.ts', 'src/knowledge/snapshot.ts']) {
      edit(path);
      const after = await indexCodeDigest(esbuild, copy);
      expect(after, path).not.toBe(previous);
      previous = after;
    }
  }, 60_000);
});
