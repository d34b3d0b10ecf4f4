import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../version.ts';

/* Reading the knowledge files, without parsing them: cheap enough for every start (see snapshot.ts). */

export const DEFAULT_KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge');

/** Every problem in the knowledge base, each as "file: field: what is wrong". Never a stack trace. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

export interface KnowledgeFile {
  /** Path shown in messages, relative to the working directory when possible. */
  name: string;
  text: string;
}

/** The YAML files of a knowledge directory; a missing or empty directory is a KnowledgeError, not a crash. */
export function readKnowledgeDir(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new KnowledgeError([`${dir}: cannot read the knowledge directory (check KNOWLEDGE_DIR)`]);
  }
  const files = names.filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'));
  if (files.length === 0) throw new KnowledgeError([`${dir}: no knowledge files (*.yaml) in this directory`]);
  return files
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const shown = relative(process.cwd(), path);
      return { name: shown.startsWith('..') ? path : shown, text: readFileSync(path, 'utf8') };
    });
}

