import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { KnowledgeEntry } from './schema.ts';
import type { KnowledgeFile } from './files.ts';

/**
 * A start-up snapshot of the validated knowledge base and its built index. Valid only for the
 * exact knowledge files and the exact program that wrote it (both are in the key), so a changed
 * entry or a new build always goes through full validation again.
 */
export interface Snapshot<Index extends object = object> {
  key: string;
  entries: KnowledgeEntry[];
  /** The built index as plain data (the search's own form; not a JSON string inside the JSON: the file is parsed once). */
  index: Index;
}

/** By file name (not path) and content: the same files give the same key from any working directory. */
export function snapshotKey(files: KnowledgeFile[], program: string): string {
  const hash = createHash('sha256').update(program);
  for (const file of files) hash.update(`\0${basename(file.name)}\0${file.text}`);
  return hash.digest('hex');
}

export function readSnapshot<Index extends object>(path: string, key: string): Snapshot<Index> | null {
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot<Index>;
    return snapshot.key === key && Array.isArray(snapshot.entries) && typeof snapshot.index === 'object' && snapshot.index !== null ? snapshot : null;
  } catch {
    return null; // missing or unreadable: build normally
  }
}

/** Best effort: a read-only install simply starts without a snapshot next time too. */
export function writeSnapshot(path: string, snapshot: Snapshot): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, path);
    return true;
  } catch {
    return false;
  }
}
