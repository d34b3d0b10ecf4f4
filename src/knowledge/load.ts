import { basename } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, readKnowledgeDir, type KnowledgeFile } from './files.ts';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { entrySchema, type KnowledgeEntry } from './schema.ts';
import { foldText } from '../shared/text.ts';

export { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, readKnowledgeDir, type KnowledgeFile } from './files.ts';

/**
 * Parses and validates files; throws KnowledgeError listing every problem found. `validated(i)` may
 * give file i's entry as validated before (the identical file under the identical program, see
 * snapshot.ts): it skips only that file's own parsing, never the checks across files.
 */
export function parseKnowledge(files: KnowledgeFile[], validated?: (fileIndex: number) => KnowledgeEntry | undefined): KnowledgeEntry[] {
  const problems: string[] = [];
  const entries: { entry: KnowledgeEntry; file: string }[] = [];

  for (const [i, file] of files.entries()) {
    const known = validated?.(i);
    if (known) {
      entries.push({ entry: known, file: file.name });
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(file.text);
    } catch (error) {
      const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
      problems.push(`${file.name}: not valid YAML${where}: ${firstLine(error)}`);
      continue;
    }
    const result = entrySchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
        problems.push(`${file.name}: ${field}: ${issue.message}`);
      }
      continue;
    }
    const expectedName = `${result.data.id}.yaml`;
    if (basename(file.name) !== expectedName) {
      problems.push(`${file.name}: id: "${result.data.id}" should live in a file named ${expectedName}`);
    }
    entries.push({ entry: result.data, file: file.name });
  }

  problems.push(...crossCheck(entries));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return entries.map(({ entry }) => entry);
}

export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeEntry[] {
  return parseKnowledge(readKnowledgeDir(dir));
}

/** Ids unique, names (ids, titles, aliases) unique after folding, related ids existing. */
function crossCheck(entries: { entry: KnowledgeEntry; file: string }[]): string[] {
  const problems: string[] = [];
  const idOwner = new Map<string, string>();
  for (const { entry, file } of entries) {
    const owner = idOwner.get(entry.id);
    if (owner) problems.push(`${file}: id: "${entry.id}" is already used by ${owner}`);
    else idOwner.set(entry.id, file);
  }

  const nameOwner = new Map<string, string>();
  for (const { entry, file } of entries) {
    const names = new Set([entry.id, entry.title.en, entry.title.de, ...entry.aliases.en, ...entry.aliases.de].map(foldText));
    for (const name of names) {
      const owner = nameOwner.get(name);
      if (owner && owner !== entry.id) problems.push(`${file}: aliases: "${name}" is already a name of entry "${owner}"`);
      else nameOwner.set(name, entry.id);
    }
  }

  for (const { entry, file } of entries) {
    for (const related of entry.related) {
      if (!idOwner.has(related)) problems.push(`${file}: related: unknown entry id "${related}"`);
    }
  }
  return problems;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
