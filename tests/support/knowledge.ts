import { inject } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load.ts';
import { readSnapshot } from '../../src/knowledge/snapshot.ts';
import { KnowledgeSearch, type SearchIndexData } from '../../src/search/index.ts';
import type { KnowledgeEntry } from '../../src/knowledge/schema.ts';

let cached: { entries: KnowledgeEntry[]; search: KnowledgeSearch } | undefined;

/**
 * The real knowledge base and its index, once per worker: loaded from the snapshot the global setup
 * built for this run (knowledge-global-setup.ts), or built here outside vitest (npm run fit).
 * Tests of loading itself (knowledge-loader, snapshot) build their own.
 */
export function realKnowledge(): { entries: KnowledgeEntry[]; search: KnowledgeSearch } {
  if (!cached) {
    const provided = process.env.VITEST ? inject('knowledgeSnapshot') : undefined;
    const snapshot = provided ? readSnapshot<SearchIndexData>(provided.path, provided.key) : null;
    if (provided && !snapshot) throw new Error(`the knowledge snapshot of this run is missing or stale: ${provided.path}`);
    const entries = snapshot ? snapshot.entries : loadKnowledge();
    cached = { entries, search: new KnowledgeSearch(entries, snapshot?.index) };
  }
  return cached;
}

/** A minimal valid entry as YAML-ready data, for loader tests and small indexes. */
export function entryData(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: { en: `Title ${id}`, de: `Titel ${id}` },
    aliases: { en: [], de: [] },
    area: 'filesystems',
    status: 'merged',
    version: '3.8',
    summary: { en: `Summary of ${id}.`, de: `Zusammenfassung von ${id}.` },
    talk: { claim: { en: 'The talk said so.', de: 'Der Vortrag sagte das.' }, source: 'talk-section-2', section: 'Abschnitt 2' },
    since: { en: 'Still there.', de: 'Immer noch da.' },
    links: [{ title: 'Kernelnewbies', url: 'https://kernelnewbies.org/Linux_3.8' }],
    related: [],
    ...overrides,
  };
}

/**
 * A KNOWLEDGE_DIR with some real entries alone (related entries dropped; default: kdbus): validated and
 * indexed in milliseconds, for tests about loading and for bot processes whose answers are not what they test.
 */
export function smallKnowledgeDir(...ids: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kernelbot-kb-'));
  for (const id of ids.length > 0 ? ids : ['kdbus']) {
    const text = readFileSync(join(DEFAULT_KNOWLEDGE_DIR, `${id}.yaml`), 'utf8');
    writeFileSync(join(dir, `${id}.yaml`), text.replace(/^related: \[.*\]$/m, 'related: []'));
  }
  return dir;
}
