// Bundles src/main.ts into build/main.js with esbuild, only when a source changed since the last
// build (npm start runs this first; --force always builds). Plain JavaScript, so it needs no loader.
// --prepare (npm's `prepare`, run by npm install and npm ci) also writes the knowledge snapshot, so
// the first start after a clone finds everything ready.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { INDEX_CODE_MARKER, indexCodeDigest } from './index-code.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = join(ROOT, 'build', 'main.js');
/** Everything the bundle is made of; the knowledge base is read at run time, not bundled. */
const INPUTS = ['src', 'commands', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/bundle-options.mjs', 'scripts/index-code.mjs'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** esbuild is a dev dependency: an install without them (npm ci --omit=dev) runs a build made elsewhere. */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

const force = process.argv.includes('--force');
const prepare = process.argv.includes('--prepare');
const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
if (force || built < Math.max(...INPUTS.map((input) => newestMtime(join(ROOT, input))))) {
  const esbuild = await loadEsbuild();
  if (esbuild) {
    // Chunk names carry content hashes: drop the old ones (the snapshot stays; its key says whether it fits).
    for (const name of existsSync(join(ROOT, 'build')) ? readdirSync(join(ROOT, 'build')) : []) if (/\.js(\.map)?$/.test(name)) rmSync(join(ROOT, 'build', name));
    const indexCode = await indexCodeDigest(esbuild, ROOT);
    await esbuild.build({
      ...BUNDLE_OPTIONS,
      // The snapshot's key reads this line of main.js (see scripts/index-code.mjs).
      banner: { js: `${INDEX_CODE_MARKER}${indexCode}\n${BUNDLE_OPTIONS.banner.js}` },
      absWorkingDir: ROOT,
      entryPoints: ['src/main.ts', 'src/prepare.ts'],
      splitting: true,
      // Stack traces name minified functions; `node --enable-source-maps build/main.js` maps them back.
      sourcemap: 'linked',
      outdir: 'build',
    });
  } else if (built > 0 || prepare) {
    process.stderr.write(`esbuild is not installed (an install without dev dependencies): ${built > 0 ? 'build/ is used as it is' : 'nothing built'}\n`);
  } else {
    process.stderr.write('build/ is missing and esbuild is not installed: run `npm install` (with dev dependencies) and `npm run build`\n');
    process.exit(1);
  }
}
if (prepare && existsSync(OUTPUT)) {
  const { prepareSnapshot } = await import(pathToFileURL(join(ROOT, 'build', 'prepare.js')).href);
  const done = await prepareSnapshot(ROOT);
  if (done) process.stdout.write(`${done}\n`);
}
