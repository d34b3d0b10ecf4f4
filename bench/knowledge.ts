import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge, parseKnowledge, readKnowledgeDir, KnowledgeError, type KnowledgeFile } from '../src/knowledge/load.ts';
import { entrySchema, type KnowledgeEntry } from '../src/knowledge/schema.ts';

export interface RealKnowledge {
  entries: KnowledgeEntry[];
  /** How the entries were obtained, printed with the figures. */
  how: string;
  /** True when loadKnowledge() worked as is (npm start can use knowledge/ directly). */
  clean: boolean;
  /** The files as they were accepted (related stripped, invalid ones dropped), for a temporary KNOWLEDGE_DIR. */
  files: KnowledgeFile[];
}

let cached: RealKnowledge | undefined;

/**
 * The real knowledge base. It is being written while the bench runs and may not validate (unknown
 * related ids, a file mid-edit): then the files are parsed with `related` stripped and, if still
 * needed, files failing the schema on their own are left out. The result says which happened.
 */
export function realKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): RealKnowledge {
  if (cached && dir === DEFAULT_KNOWLEDGE_DIR) return cached;
  if (dir !== DEFAULT_KNOWLEDGE_DIR) cached = undefined;
  const files = readKnowledgeDir(dir);
  try {
    cached = { entries: loadKnowledge(dir), how: 'loadKnowledge()', clean: true, files };
    return cached;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    const firstProblem = error.problems[0] ?? '';
    const stripped: KnowledgeFile[] = [];
    let unparsable = 0;
    for (const file of files) {
      try {
        const raw = parseYaml(file.text) as Record<string, unknown> | null;
        if (!raw || typeof raw !== 'object') throw new Error('empty');
        raw.related = [];
        stripped.push({ name: file.name, text: stringifyYaml(raw) });
      } catch {
        unparsable++;
      }
    }
    try {
      cached = {
        entries: parseKnowledge(stripped),
        how: `fallback: loadKnowledge() threw (${error.problems.length} problems, e.g. "${firstProblem}"); parsed with related stripped`,
        clean: false,
        files: stripped,
      };
      if (unparsable > 0) cached.how += `, ${unparsable} unparsable file(s) dropped`;
      return cached;
    } catch (second) {
      if (!(second instanceof KnowledgeError)) throw second;
      // Still invalid: keep only files that pass the schema on their own and whose name matches the id.
      const valid = stripped.filter((file) => {
        const result = entrySchema.safeParse(parseYaml(file.text));
        return result.success && basename(file.name) === `${result.data.id}.yaml`;
      });
      const dropped = stripped.length - valid.length + unparsable;
      cached = {
        entries: parseKnowledge(valid),
        how: `fallback: loadKnowledge() threw (${error.problems.length} problems, e.g. "${firstProblem}"); parsed with related stripped and ${dropped} invalid file(s) dropped`,
        clean: false,
        files: valid,
      };
      return cached;
    }
  }
}

/** A temporary copy of the accepted files, usable as KNOWLEDGE_DIR when knowledge/ itself does not load. */
export function writeKnowledgeCopy(files: KnowledgeFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kernelbot-bench-knowledge-'));
  for (const file of files) writeFileSync(join(dir, basename(file.name)), file.text);
  return dir;
}
