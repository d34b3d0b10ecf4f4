// What the knowledge snapshot depends on in the code: every source file (ours and our dependencies')
// that src/startup.ts — knowledge loading, validation, the search index, the snapshot format — is
// made of, found by esbuild the way it bundles them. scripts/build.mjs writes its digest at the top
// of build/main.js (INDEX_CODE_MARKER); the snapshot is keyed by it, so a rebuild for a change
// elsewhere (Discord, releases, commands) keeps the snapshot and the next start stays fast.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

/** The first line of build/main.js; src/knowledge/snapshot.ts reads it back (keep both in step). */
export const INDEX_CODE_MARKER = '// kernelbot index code: ';

/** sha256 over the path and content of every input of the src/startup.ts bundle. */
export async function indexCodeDigest(esbuild, root) {
  const { metafile } = await esbuild.build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: ['src/startup.ts'],
    write: false,
    metafile: true,
    minify: false,
    outdir: 'build',
  });
  const hash = createHash('sha256').update(`esbuild ${esbuild.version}\0`);
  for (const input of Object.keys(metafile.inputs).sort())
    hash
      .update(`${input}\0`)
      .update(readFileSync(join(root, input)))
      .update('\0');
  return hash.digest('hex');
}
