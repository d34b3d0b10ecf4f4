import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKnowledgeDir } from '../../src/knowledge/load.ts';
import { readSnapshot, snapshotKey } from '../../src/knowledge/snapshot.ts';
import type { SearchIndexData } from '../../src/search/index.ts';
import { bundleCopy } from '../support/bundle-copy.ts';
import { runCommand } from '../support/run.ts';
import { startNodeArgs } from '../support/start-script.ts';

// The in-process side of a start after a knowledge edit is in tests/snapshot-edit.test.ts.
describe('the bundled bot after a knowledge edit (spawned)', () => {
  it('answers with the edited text and leaves a snapshot that fits the edited files', { timeout: 120_000 }, async () => {
    // The real build/ (build-global-setup.ts brought it up to date) and its snapshot, beside a copy of knowledge/.
    const root = bundleCopy(readKnowledgeDir());
    const kdbus = join(root, 'knowledge', 'kdbus.yaml');
    writeFileSync(kdbus, readFileSync(kdbus, 'utf8').replace('en: kdbus (D-Bus transport in the kernel)', 'en: kdbus (edited for the test)'));

    const { stdout, stderr, code } = await runCommand(process.execPath, [...startNodeArgs()], { cwd: root, input: '/feature kdbus\n', timeoutMs: 60_000 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/== kdbus \(edited for the test\) ==/);
    const key = snapshotKey(readKnowledgeDir(join(root, 'knowledge')), readFileSync(join(root, 'build', 'main.js'), 'utf8'));
    expect(readSnapshot<SearchIndexData>(join(root, 'build', 'knowledge-snapshot.json'), key)?.entries.find((e) => e.id === 'kdbus')?.title.en).toBe('kdbus (edited for the test)');
  });
});
