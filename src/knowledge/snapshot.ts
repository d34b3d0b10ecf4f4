import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KnowledgeEntry } from './schema.ts';
import type { KnowledgeFile } from './files.ts';

/**
 * A start-up snapshot of the validated knowledge base and its built index. Valid only for the
 * exact knowledge files and the exact program that wrote it (both are in the key), so a changed
 * entry or a new build always goes through full validation again.
 */
export interface Snapshot {
  key: string;
  entries: KnowledgeEntry[];
  index: string;
}

export function snapshotKey(files: KnowledgeFile[], program: string): string {
  const hash = createHash('sha256').update(program);
  for (const file of files) hash.update(`\0${file.name}\0${file.text}`);
  return hash.digest('hex');
}

export function readSnapshot(path: string, key: string): Snapshot | null {
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    return snapshot.key === key && Array.isArray(snapshot.entries) && typeof snapshot.index === 'string' ? snapshot : null;
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
