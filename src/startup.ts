import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKnowledgeDir, DEFAULT_KNOWLEDGE_DIR } from './knowledge/files.ts';
import { readSnapshot, snapshotKey, writeSnapshot } from './knowledge/snapshot.ts';
import { KnowledgeSearch, type SearchIndexData } from './search/index.ts';

/**
 * The knowledge base and its index for `npm start`. The bundled bot (build/main.js) keeps a
 * snapshot beside itself: an unchanged knowledge base then starts without YAML parsing, schema
 * validation or index building, and the parser and validator are never loaded. Anything changed,
 * a knowledge directory elsewhere (KNOWLEDGE_DIR; the one snapshot file belongs to the knowledge/
 * beside build/, so a bot on another directory cannot overwrite it) and every run from source
 * (tests, tsx) validate in full.
 */
export async function loadSearch(knowledgeDir: string = DEFAULT_KNOWLEDGE_DIR, programUrl: string): Promise<KnowledgeSearch> {
  const program = fileURLToPath(programUrl);
  const bundled = basename(program) === 'main.js' && basename(dirname(program)) === 'build';
  const ownBase = resolve(knowledgeDir) === resolve(dirname(program), '..', 'knowledge');
  const files = readKnowledgeDir(knowledgeDir);
  const snapshotPath = join(dirname(program), 'knowledge-snapshot.json');
  const key = bundled && ownBase ? snapshotKey(files, readFileSync(program, 'utf8')) : null;
  const snapshot = key ? readSnapshot<SearchIndexData>(snapshotPath, key) : null;
  if (snapshot) return new KnowledgeSearch(snapshot.entries, snapshot.index);

  const { parseKnowledge } = await import('./knowledge/load.ts');
  const entries = parseKnowledge(files);
  const search = new KnowledgeSearch(entries);
  if (key) writeSnapshot(snapshotPath, { key, entries, index: search.indexData() });
  return search;
}
