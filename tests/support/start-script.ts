import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What `npm start` runs, read from package.json: its build step and the node command. The
 * multi-process tests and the bench start the bot exactly so, and follow the script when it changes.
 */
function startScript(): { build: string | null; nodeArgs: string[] } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const steps = pkg.scripts.start.split('&&').map((s) => s.trim());
  const run = steps.at(-1)!.split(/\s+/);
  if (run[0] !== 'node') throw new Error(`cannot read the node command of the start script: ${pkg.scripts.start}`);
  return { build: steps.length > 1 ? steps.slice(0, -1).join(' && ') : null, nodeArgs: run.slice(1) };
}

/** The node arguments of the start script, without running its build step. */
export function startNodeArgs(): string[] {
  return startScript().nodeArgs;
}

/** Runs the start script's build step (it rebuilds only when a source changed) and returns the node arguments. */
export function prepareStartScript(env: NodeJS.ProcessEnv = process.env): string[] {
  const start = startScript();
  if (start.build) execSync(start.build, { cwd: ROOT, env: { ...env, PATH: `${ROOT}node_modules/.bin:${env.PATH ?? ''}` }, stdio: 'ignore' });
  return start.nodeArgs;
}
