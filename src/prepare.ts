import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { loadKnowledge } from './startup.ts';

/**
 * build/prepare.js, run by scripts/build.mjs at install time (npm's `prepare`): validates and
 * indexes the knowledge base once and writes the start-up snapshot beside build/main.js, keyed by
 * main.js, so even the first `npm start` after a clone loads the snapshot. Best effort: a problem
 * is printed and the first start reports it again; it never fails the install.
 */
export async function prepareSnapshot(cwd: string = process.cwd()): Promise<string | null> {
  try {
    const config = loadConfig(process.env, join(cwd, '.env'));
    const { search, snapshotWritten } = await loadKnowledge(config.KNOWLEDGE_DIR, new URL('./main.js', import.meta.url).href, 0);
    if (snapshotWritten && !(await snapshotWritten)) return `knowledge checked (${search.size} entries), but build/ is not writable: no snapshot`;
    return `knowledge snapshot ready: ${search.size} entries`;
  } catch (error) {
    process.stderr.write(`no knowledge snapshot prepared (npm start will say why): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return null;
  }
}
