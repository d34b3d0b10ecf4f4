import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeFile } from '../../src/knowledge/files.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A project of its own in a temp directory for `node build/main.js`: the current build/ (its
 * snapshot included), package.json, node_modules linked, and knowledge/ holding the given files, so
 * a test or the bench can edit knowledge without touching the repository's.
 */
export function bundleCopy(knowledge: KnowledgeFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-bundle-'));
  cpSync(join(ROOT, 'build'), join(root, 'build'), { recursive: true, filter: (path) => !path.endsWith('.map') });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'knowledge'));
  for (const file of knowledge) writeFileSync(join(root, 'knowledge', basename(file.name)), file.text);
  return root;
}
