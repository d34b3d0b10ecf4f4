// Bundles src/main.ts into build/main.js with esbuild, only when a source changed since the last
// build (npm start runs this first; --force always builds). Plain JavaScript, so it needs no loader.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = join(ROOT, 'build', 'main.js');
/** Everything the bundle is made of; the knowledge base is read at run time, not bundled. */
const INPUTS = ['src', 'commands', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

const force = process.argv.includes('--force');
const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
if (force || built < Math.max(...INPUTS.map((input) => newestMtime(join(ROOT, input))))) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'build',
    logLevel: 'warning',
  });
}
