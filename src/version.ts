import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/**
 * The project directory: the nearest folder above this module holding kernelbot's package.json.
 * Found by walking up, so it is the same whether the code runs from src/ (tsx) or from build/.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson).name === 'kernelbot') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find kernelbot’s package.json above the running code');
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const PACKAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
export const BOT_VERSION: string = PACKAGE.version ?? '0.0.0';
