import { execSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { realKnowledge, writeKnowledgeCopy } from '../knowledge.ts';
import { median } from '../stats.ts';
import type { BenchContext, Row, Section } from '../types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The breakdown probe is TypeScript, run with tsx as a loader. */
const TSX_CLI = '--import=tsx';

/**
 * What `npm start` runs, read from package.json: its bundle step (run once, before timing) and the
 * node command (timed). So the figure follows the script whenever the script changes.
 */
/** Runs the start script's bundle step once and returns the node arguments to time. */
export function prepareStartScript(env: NodeJS.ProcessEnv): string[] {
  const start = startScript();
  if (start.build) execSync(start.build, { cwd: ROOT, env: { ...env, PATH: `${ROOT}node_modules/.bin:${env.PATH ?? ''}` }, stdio: 'ignore' });
  return start.nodeArgs;
}

function startScript(): { build: string | null; nodeArgs: string[] } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const steps = pkg.scripts.start.split('&&').map((s) => s.trim());
  const run = steps.at(-1)!.split(/\s+/);
  if (run[0] !== 'node') throw new Error(`cannot time the start script: ${pkg.scripts.start}`);
  return { build: steps.length > 1 ? steps.slice(0, -1).join(' && ') : null, nodeArgs: run.slice(1) };
}
const START_TO_ANSWER_MS = 1500;
const SNAPSHOT = fileURLToPath(new URL('../../build/knowledge-snapshot.json', import.meta.url));
/** Lines the terminal prints before it reads input (see src/terminal/repl.ts). */
const BANNER_LINES = 2;

interface Timing {
  banner: number;
  answer: number;
  firstLine: string;
}

/**
 * One cold start: spawn, pipe "/feature kdbus", time to the first byte after the banner.
 * The clock starts just before spawn, so process start, tsx, module loading, knowledge load and
 * index build are all inside the figure.
 */
function coldStart(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let banner = -1;
    let answer = -1;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdin.end('/feature kdbus\n');
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const bannerEnd = nthIndexOf(out, '\n', BANNER_LINES);
      if (banner < 0 && bannerEnd >= 0) banner = ms();
      // A byte past the banner's last newline: the answer has started.
      if (answer < 0 && bannerEnd >= 0 && out.length > bannerEnd + 1) answer = ms();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (answer < 0) {
        reject(new Error(`no answer (exit ${code}): ${(err || out).trim().split('\n').slice(0, 3).join(' | ')}`));
        return;
      }
      const firstLine = out.slice(nthIndexOf(out, '\n', BANNER_LINES) + 1).split('\n')[0] ?? '';
      resolve({ banner, answer, firstLine });
    });
  });
}

interface StartupMarks {
  programStart: number;
  imported: number;
  loaded: number;
  built: number;
  answered: number;
}

/** Runs bench/probes/startup.ts: where the start-up time goes, step by step. */
function startupBreakdown(env: NodeJS.ProcessEnv): Promise<StartupMarks & { spawned: number }> {
  return new Promise((resolve, reject) => {
    const spawned = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [TSX_CLI, 'bench/probes/startup.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ spawned, ...(JSON.parse(out.trim().split('\n').at(-1) ?? '') as StartupMarks) });
      } catch {
        reject(new Error(`start-up probe failed (exit ${code}): ${(err || out).trim().split('\n')[0]}`));
      }
    });
  });
}

function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

export function coldStartSection(runs = 5, npmRuns = 2, probeRuns = 3): Section {
  return {
    id: 'cold-start',
    title: 'npm start (terminal mode) to first answer',
    async run(ctx: BenchContext): Promise<Row[]> {
      const real = realKnowledge();
      // An empty DISCORD_TOKEN counts as unset and also overrides one in .env.
      const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'warn' };
      delete env.NODE_OPTIONS;
      let copy: string | undefined;
      let how = 'knowledge/ as is';
      if (!real.clean) {
        copy = writeKnowledgeCopy(real.files);
        env.KNOWLEDGE_DIR = copy;
        how = `KNOWLEDGE_DIR = a cleaned copy (${real.entries.length} entries) because knowledge/ does not validate right now`;
      }
      const start = prepareStartScript(env);
      try {
        // The first start after a build or a knowledge change validates and indexes everything and
        // writes the snapshot; later starts load the snapshot.
        rmSync(SNAPSHOT, { force: true });
        const first = await coldStart(process.execPath, start, env);
        ctx.log(`first start (no snapshot): answer ${first.answer.toFixed(0)} ms`);
        const timings: Timing[] = [];
        for (let i = 0; i < runs; i++) {
          const t = await coldStart(process.execPath, start, env);
          ctx.log(`cold start ${i + 1}/${runs}: banner ${t.banner.toFixed(0)} ms, answer ${t.answer.toFixed(0)} ms: ${t.firstLine.slice(0, 60)}`);
          timings.push(t);
        }
        const answers = timings.map((t) => t.answer);
        const firstLine = timings[0]?.firstLine ?? '';
        const rows: Row[] = [
          {
            metric: 'first start → first answer',
            scope: 'start script, no snapshot',
            value: first.answer,
            unit: 'ms',
            target: { op: '<=', limit: START_TO_ANSWER_MS },
            note: 'after a build or a knowledge change: full validation and index build, then the snapshot is written',
          },
          {
            metric: 'start → first answer, median',
            scope: `start script, ${runs} runs`,
            value: median(answers),
            unit: 'ms',
            target: { op: '<=', limit: START_TO_ANSWER_MS },
            note: `${how}; answer began "${firstLine.slice(0, 50)}"; all: ${answers.map((a) => a.toFixed(0)).join(', ')} ms`,
          },
          { metric: 'start → first answer, max', scope: `start script, ${runs} runs`, value: Math.max(...answers), unit: 'ms', target: { op: '<=', limit: START_TO_ANSWER_MS } },
          {
            metric: 'start → banner, median',
            scope: `start script, ${runs} runs`,
            value: median(timings.map((t) => t.banner)),
            unit: 'ms',
            note: 'info: process start, imports, knowledge snapshot (or validation + index build); the rest is the answer itself',
          },
        ];
        if (probeRuns > 0) {
          const probes: (StartupMarks & { spawned: number })[] = [];
          for (let i = 0; i < probeRuns; i++) probes.push(await startupBreakdown(env));
          const step = (metric: string, from: keyof StartupMarks | 'spawned', to: keyof StartupMarks, note: string): Row => ({
            metric,
            scope: `breakdown, ${probeRuns} runs`,
            value: median(probes.map((p) => p[to] - p[from])),
            unit: 'ms',
            note,
          });
          rows.push(
            step('  node + tsx boot', 'spawned', 'programStart', 'info: spawn until the first line of the probe runs (the probe uses the tsx loader; npm start runs a prebuilt bundle)'),
            step('  imports', 'programStart', 'imported', 'info: loading and transpiling src/, commands/ and their dependencies (zod, yaml, minisearch, stemmers…)'),
            step('  loadKnowledge()', 'imported', 'loaded', `info: read + YAML parse + schema check of ${real.entries.length} files`),
            step('  index build', 'loaded', 'built', 'info: new KnowledgeSearch(entries)'),
            step('  answer /feature kdbus', 'built', 'answered', 'info'),
          );
        }
        if (npmRuns > 0) {
          const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
          const viaNpm: number[] = [];
          for (let i = 0; i < npmRuns; i++) viaNpm.push((await coldStart(npm, ['start', '--silent'], env)).answer);
          rows.push({
            metric: 'start → first answer, median',
            scope: `npm start, ${npmRuns} runs`,
            value: median(viaNpm),
            unit: 'ms',
            note: `info: what a user typing "npm start" sees (npm's own start-up included); all: ${viaNpm.map((a) => a.toFixed(0)).join(', ')} ms`,
          });
        }
        return rows;
      } finally {
        if (copy) rmSync(copy, { recursive: true, force: true });
      }
    },
  };
}
