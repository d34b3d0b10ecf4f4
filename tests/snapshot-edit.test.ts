import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, parseKnowledge, readKnowledgeDir } from '../src/knowledge/load.ts';
import { fileDigests, readSnapshot, snapshotKey, validatedEntries } from '../src/knowledge/snapshot.ts';
import { KnowledgeSearch } from '../src/search/index.ts';
import { loadKnowledge } from '../src/startup.ts';
import { entryData, smallKnowledgeDir } from './support/knowledge.ts';

/** A project layout in a temp directory: knowledge/ and a stand-in build/main.js (its text is the "program" of the key). */
function layout(knowledge: Record<string, string>): { dir: string; snapshotPath: string; start: () => ReturnType<typeof loadKnowledge> } {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-edit-'));
  const dir = join(root, 'knowledge');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(knowledge)) writeFileSync(join(dir, name), text);
  mkdirSync(join(root, 'build'));
  const program = join(root, 'build', 'main.js');
  writeFileSync(program, '// bundle');
  return {
    dir,
    snapshotPath: join(root, 'build', 'knowledge-snapshot.json'),
    start: async () => {
      const loaded = await loadKnowledge(dir, pathToFileURL(program).href, 0);
      await loaded.snapshotWritten;
      return loaded;
    },
  };
}

const yamlOf = (id: string, overrides: Record<string, unknown> = {}) => stringify(entryData(id, overrides));

function fullValidationError(dir: string): string {
  try {
    parseKnowledge(readKnowledgeDir(dir));
  } catch (error) {
    if (error instanceof KnowledgeError) return error.message;
    throw error;
  }
  throw new Error('expected the full validation to fail');
}

describe('the first start after a knowledge edit', () => {
  it('parses only the edited file and takes the others from the snapshot, never the edited file’s old entry', async () => {
    const base = layout({ 'alpha.yaml': yamlOf('alpha'), 'beta.yaml': yamlOf('beta', { related: ['alpha'] }) });
    await base.start();
    // Mark both entries in the snapshot: whatever comes from it afterwards shows the mark.
    writeFileSync(base.snapshotPath, readFileSync(base.snapshotPath, 'utf8').replace('Title alpha', 'Title alpha (cached)').replace('Title beta', 'Title beta (cached)'));
    writeFileSync(join(base.dir, 'alpha.yaml'), yamlOf('alpha', { title: { en: 'Alpha edited', de: 'Alpha bearbeitet' } }));

    const { search, snapshotWritten } = await base.start();
    expect(search.get('alpha')?.title.en).toBe('Alpha edited');
    expect(search.get('beta')?.title.en).toBe('Title beta (cached)');
    expect(search.search('Alpha edited').hits[0]?.entry.id).toBe('alpha');
    expect(snapshotWritten).not.toBeNull();
    const rewritten = readSnapshot(base.snapshotPath, snapshotKey(readKnowledgeDir(base.dir), '// bundle'));
    expect(rewritten?.entries.map((e) => e.title.en)).toEqual(['Alpha edited', 'Title beta (cached)']);
  });

  it.each([
    ['broken YAML', (dir: string) => writeFileSync(join(dir, 'alpha.yaml'), 'id: [unclosed')],
    ['a schema error', (dir: string) => writeFileSync(join(dir, 'alpha.yaml'), yamlOf('alpha', { area: 'cooking' }))],
    ['a duplicate id', (dir: string) => writeFileSync(join(dir, 'gamma.yaml'), yamlOf('alpha'))],
    ['a dangling reference', (dir: string) => writeFileSync(join(dir, 'alpha.yaml'), yamlOf('alpha', { related: ['nowhere'] }))],
    ['a referenced entry deleted (the referring file is unchanged)', (dir: string) => rmSync(join(dir, 'alpha.yaml'))],
    ['a name taken by an unchanged entry', (dir: string) => writeFileSync(join(dir, 'alpha.yaml'), yamlOf('alpha', { aliases: { en: ['Title beta'], de: [] } }))],
  ])('fails on %s with the message of a full validation and keeps the last good snapshot', async (_, breakIt) => {
    const base = layout({ 'alpha.yaml': yamlOf('alpha'), 'beta.yaml': yamlOf('beta', { related: ['alpha'] }) });
    await base.start();
    const good = readFileSync(base.snapshotPath, 'utf8');
    breakIt(base.dir);
    const expected = fullValidationError(base.dir);
    await expect(base.start()).rejects.toThrow(expected);
    await expect(base.start()).rejects.toThrow(expected);
    expect(readFileSync(base.snapshotPath, 'utf8')).toBe(good);
  });

  it('rebuilds real entries exactly as a full build: entries and index data equal', async () => {
    // 60 real entries (related lists dropped): the same code paths as the whole base at a quarter of the cost.
    const ids = readdirSync(DEFAULT_KNOWLEDGE_DIR)
      .filter((name) => name.endsWith('.yaml') && name !== 'kdbus.yaml')
      .slice(0, 59)
      .map((name) => name.replace(/\.yaml$/, ''));
    const real = smallKnowledgeDir('kdbus', ...ids);
    const base = layout(Object.fromEntries(readdirSync(real).map((name) => [name, readFileSync(join(real, name), 'utf8')])));
    await base.start();
    // New words in both summaries change the German word list (it shapes how every text is tokenised) and the term statistics.
    const kdbus = join(base.dir, 'kdbus.yaml');
    writeFileSync(
      kdbus,
      readFileSync(kdbus, 'utf8')
        .replace(/^summary:\n {2}en: >-\n/m, 'summary:\n  en: >-\n    Zanzibarium appears here.\n')
        .replace(/^ {2}de: >-\n/m, '  de: >-\n    Sansibarwurzelkraut steht hier.\n'),
    );
    // Every file but the edited one is taken from the snapshot.
    const cached = validatedEntries(base.snapshotPath);
    expect(fileDigests(readKnowledgeDir(base.dir), '// bundle').filter((digest) => cached.has(digest))).toHaveLength(ids.length);
    const { search } = await base.start();
    const fresh = new KnowledgeSearch(parseKnowledge(readKnowledgeDir(base.dir)));
    expect(search.get('kdbus')?.summary.en).toMatch(/^Zanzibarium appears here\./);
    expect(search.get('kdbus')?.summary.de).toMatch(/^Sansibarwurzelkraut steht hier\./);
    // Compared as JSON text: a deep toEqual over the whole index takes seconds.
    expect(JSON.stringify(search.entries)).toBe(JSON.stringify(fresh.entries));
    expect(search.indexJson()).toBe(fresh.indexJson());
  });
});
