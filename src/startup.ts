import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKnowledgeDir, DEFAULT_KNOWLEDGE_DIR } from './knowledge/files.ts';
import { fileDigests, keyOf, readSnapshot, validatedEntries, writeSnapshot } from './knowledge/snapshot.ts';
import type { KnowledgeEntry } from './knowledge/schema.ts';
import { KnowledgeSearch, type SearchIndexData } from './search/index.ts';

/**
 * How long a rebuilt snapshot waits before it is written: writing (index export, JSON, file) takes
 * a few hundred milliseconds of the main thread, which the first answer or the Discord login should
 * not wait for. Short, so a bot stopped soon after its start still leaves the snapshot behind.
 */
const SNAPSHOT_WRITE_DELAY_MS = 1000;

export interface LoadedKnowledge {
  search: KnowledgeSearch;
  /** After a rebuild: settles when the new snapshot was written (true) or could not be (false). Null when none was due. */
  snapshotWritten: Promise<boolean> | null;
}

export async function loadSearch(knowledgeDir: string | undefined, programUrl: string): Promise<KnowledgeSearch> {
  return (await loadKnowledge(knowledgeDir, programUrl)).search;
}

/**
 * The knowledge base and its index for `npm start`. The bundled bot (build/main.js) keeps a
 * snapshot beside itself: an unchanged knowledge base then starts without YAML parsing, schema
 * validation or index building, and the parser and validator are never loaded. After an edit, only
 * the changed files are parsed and validated (the others' entries come from the last snapshot,
 * under digests of their exact text and the program), the checks across files run over all entries,
 * the index is built from scratch, and the new snapshot is written once the bot runs. A knowledge
 * directory elsewhere (KNOWLEDGE_DIR; the one snapshot file belongs to the knowledge/ beside build/,
 * so a bot on another directory cannot overwrite it) and every run from source (tests, tsx)
 * validate in full.
 */
export async function loadKnowledge(knowledgeDir: string = DEFAULT_KNOWLEDGE_DIR, programUrl: string, writeDelayMs = SNAPSHOT_WRITE_DELAY_MS): Promise<LoadedKnowledge> {
  const program = fileURLToPath(programUrl);
  const bundled = basename(program) === 'main.js' && basename(dirname(program)) === 'build';
  const ownBase = resolve(knowledgeDir) === resolve(dirname(program), '..', 'knowledge');
  const files = readKnowledgeDir(knowledgeDir);
  const snapshotPath = join(dirname(program), 'knowledge-snapshot.json');
  const digests = bundled && ownBase ? fileDigests(files, readFileSync(program, 'utf8')) : null;
  const key = digests ? keyOf(digests) : null;
  const snapshot = key ? readSnapshot<SearchIndexData>(snapshotPath, key) : null;
  if (snapshot) return { search: new KnowledgeSearch(snapshot.entries, snapshot.index), snapshotWritten: null };

  const known = digests ? validatedEntries(snapshotPath) : new Map<string, KnowledgeEntry>();
  const { parseKnowledge } = await import('./knowledge/load.ts');
  const entries = parseKnowledge(files, digests ? (i) => known.get(digests[i]!) : undefined);
  const search = new KnowledgeSearch(entries);
  if (!digests || !key) return { search, snapshotWritten: null };
  const write = () => writeSnapshot(snapshotPath, { key, files: digests, entries, index: search.indexData() });
  return { search, snapshotWritten: new Promise((settle) => setTimeout(() => settle(write()), writeDelayMs)) };
}
