import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { KnowledgeEntry } from './schema.ts';
import type { KnowledgeFile } from './files.ts';

/**
 * A start-up snapshot of the validated knowledge base and its built index. Valid only for the
 * exact knowledge files and the exact code that validated and indexed them (both are in the key),
 * so a changed entry, or a build that changed that code, goes through validation and indexing again.
 */
export interface Snapshot<Index extends object = object> {
  key: string;
  /** Per knowledge file, in order, the digest (fileDigests) its entry at the same position was validated under. */
  files: string[];
  entries: KnowledgeEntry[];
  /** The built index as plain data (the search's own form, parsed once with the file). */
  index: Index;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The first line of build/main.js as scripts/index-code.mjs writes it (keep both in step). */
const INDEX_CODE_LINE = /^\/\/ kernelbot index code: ([0-9a-f]{64})\n/;

/**
 * What of the program the snapshot depends on: the digest of the code that loads, validates and
 * indexes the knowledge base, which the build writes at the top of main.js (so a rebuild for a
 * change elsewhere keeps the snapshot), or the whole text of a program without that line.
 */
function programIdentity(program: string): string {
  return INDEX_CODE_LINE.exec(program)?.[1] ?? sha256(program);
}

/** By file name (not path) and content, under the program: the same files give the same digests from any working directory. */
export function fileDigests(files: KnowledgeFile[], program: string): string[] {
  const programDigest = programIdentity(program);
  return files.map((file) => sha256(`${programDigest}\0${basename(file.name)}\0${file.text}`));
}

export function keyOf(digests: string[]): string {
  return sha256(digests.join('\0'));
}

export function snapshotKey(files: KnowledgeFile[], program: string): string {
  return keyOf(fileDigests(files, program));
}

/*
 * The file is two JSON lines (compact JSON has no raw line breaks): {key, files, entries}, then the
 * index. A stale snapshot is recognised by its first characters, and after an edit only the first
 * line is parsed, for the entries of the unchanged files.
 */

export function readSnapshot<Index extends object>(path: string, key: string): Snapshot<Index> | null {
  try {
    if (!startsWith(path, `{"key":${JSON.stringify(key)},`)) return null;
    const text = readFileSync(path, 'utf8');
    const head = validatedHead(text);
    const index = JSON.parse(text.slice(text.indexOf('\n') + 1)) as Index;
    return head?.key === key && typeof index === 'object' && index !== null ? { ...head, index } : null;
  } catch {
    return null; // missing or unreadable: build normally
  }
}

/** Whether the file begins with `prefix` (ASCII), read without the rest of the file (2 MB, read again after an edit). */
function startsWith(path: string, prefix: string): boolean {
  const buffer = Buffer.alloc(prefix.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, buffer, 0, buffer.length, 0) === buffer.length && buffer.toString('latin1') === prefix;
  } finally {
    closeSync(fd);
  }
}

/** The entries of the last snapshot, whatever its key, by the digest each was validated under (empty when there is none). */
export function validatedEntries(path: string): Map<string, KnowledgeEntry> {
  try {
    const head = validatedHead(readFileSync(path, 'utf8'));
    return new Map(head ? head.files.map((digest, i) => [digest, head.entries[i]!]) : []);
  } catch {
    return new Map();
  }
}

function validatedHead(text: string): Omit<Snapshot, 'index'> | null {
  const end = text.indexOf('\n');
  if (end < 0) return null;
  const head = JSON.parse(text.slice(0, end)) as Omit<Snapshot, 'index'>;
  const shaped = typeof head.key === 'string' && Array.isArray(head.entries) && Array.isArray(head.files);
  return shaped && head.files.length === head.entries.length ? head : null;
}

/** Best effort: a read-only install simply starts without a snapshot next time too. */
export function writeSnapshot(path: string, { key, files, entries, index }: Snapshot): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ key, files, entries })}\n${JSON.stringify(index)}`);
    renameSync(temporary, path);
    return true;
  } catch {
    return false;
  }
}
