import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { readKnowledgeDir } from '../../src/knowledge/files.ts';
import { parseKnowledge } from '../../src/knowledge/load.ts';
import { snapshotKey, writeSnapshot } from '../../src/knowledge/snapshot.ts';
import { KnowledgeSearch } from '../../src/search/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real knowledge base, validated and indexed once for the run (see tests/support/knowledge.ts). */
    knowledgeSnapshot: { path: string; key: string };
  }
}

/**
 * Vitest global setup: validates and indexes the real knowledge base once per run, with the start-up
 * snapshot code of the bundled bot, into the run's temp directory (temp-root.ts runs first). Test
 * files load it instead of parsing 200+ YAML files and building the index each.
 */
export default function setup(project: TestProject): void {
  const files = readKnowledgeDir();
  const key = snapshotKey(files, 'kernelbot tests');
  const search = new KnowledgeSearch(parseKnowledge(files));
  const path = join(tmpdir(), 'knowledge-snapshot.json');
  if (!writeSnapshot(path, { key, entries: [...search.entries], index: search.indexData() })) throw new Error(`cannot write ${path}`);
  project.provide('knowledgeSnapshot', { path, key });
}
