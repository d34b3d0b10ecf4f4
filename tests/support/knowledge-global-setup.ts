import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { readKnowledgeDir } from '../../src/knowledge/files.ts';
import { parseKnowledge } from '../../src/knowledge/load.ts';
import { fileDigests, keyOf, readSnapshot, snapshotKey, writeSnapshot } from '../../src/knowledge/snapshot.ts';
import { KnowledgeSearch } from '../../src/search/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real knowledge base, validated and indexed once for the run (see tests/support/knowledge.ts). */
    knowledgeSnapshot: { path: string; key: string };
  }
}

const BUILD = fileURLToPath(new URL('../../build/', import.meta.url));

/**
 * Vitest global setup: the real knowledge base, validated and indexed once per run, with the start-up
 * snapshot code of the bundled bot. When build/ holds a snapshot that fits the knowledge files and
 * the bundle (npm install wrote it; build-global-setup.ts rebuilt the bundle first if a source
 * changed), the run reads that one; otherwise it is built into the run's temp directory. Test files
 * load it instead of parsing 200+ YAML files and building the index each.
 */
export default function setup(project: TestProject): void {
  const files = readKnowledgeDir();
  const bundle = join(BUILD, 'main.js');
  if (existsSync(bundle)) {
    const path = join(BUILD, 'knowledge-snapshot.json');
    const key = snapshotKey(files, readFileSync(bundle, 'utf8'));
    if (readSnapshot(path, key)) {
      project.provide('knowledgeSnapshot', { path, key });
      return;
    }
  }
  const digests = fileDigests(files, 'kernelbot tests');
  const key = keyOf(digests);
  const search = new KnowledgeSearch(parseKnowledge(files));
  const path = join(tmpdir(), 'knowledge-snapshot.json');
  if (!writeSnapshot(path, { key, files: digests, entries: [...search.entries], index: search.indexData() })) throw new Error(`cannot write ${path}`);
  project.provide('knowledgeSnapshot', { path, key });
}
