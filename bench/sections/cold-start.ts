import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realKnowledge, writeKnowledgeCopy } from '../knowledge.ts';
import { prepareStartScript } from '../../tests/support/start-script.ts';
import { bundleCopy } from '../../tests/support/bundle-copy.ts';
import { median } from '../stats.ts';
import type { BenchContext, Row, Section } from '../types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The breakdown probe is TypeScript, run with tsx as a loader. */
const TSX_CLI = '--import=tsx';

const START_TO_ANSWER_MS = 1500;
const BUILD_DIR = fileURLToPath(new URL('../../build/', import.meta.url));
const SNAPSHOT = `${BUILD_DIR}knowledge-snapshot.json`;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux unless getconf says otherwise). */
const CLOCK_TICKS = clockTicks();
/** The question piped in, and the heading its answer starts with (the banner wraps at the terminal width, so its lines are not counted). */
const QUESTION = '/feature kdbus\n';
const ANSWER_HEADING = '== kdbus (';

interface Timing {
  banner: number;
  answer: number;
  /** CPU time (user + system) the process had used when its answer arrived: load-independent, unlike wall time. */
  cpu: number;
  firstLine: string;
}

/**
 * One cold start: spawn, pipe "/feature kdbus", time until its answer's heading arrives ("first answer").
 * The clock starts just before spawn, so process start, tsx, module loading, knowledge load and
 * index build are all inside the figure.
 */
function coldStart(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let banner = -1;
    let answer = -1;
    let cpu = Number.NaN;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdin.end(QUESTION);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (banner < 0 && out.includes('\n')) banner = ms();
      if (answer < 0 && out.includes(ANSWER_HEADING)) {
        answer = ms();
        cpu = cpuMs(child.pid);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (answer < 0) {
        reject(new Error(`no answer (exit ${code}): ${(err || out).trim().split('\n').slice(0, 3).join(' | ')}`));
        return;
      }
      const firstLine = out.slice(out.indexOf(ANSWER_HEADING)).split('\n')[0] ?? '';
      resolve({ banner, answer, cpu, firstLine });
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

/** User + system CPU milliseconds of a running process (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based).
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return Number.NaN;
  }
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * Starts after knowledge edits, in a copy of the project (bundle-copy.ts) holding `files`: one start
 * to write the snapshot for them, then `runs` starts, each after a new comment line in kdbus.yaml
 * (a change of the file, not of its entry), then (`withoutSnapshot`) one without any snapshot.
 */
async function editedStarts(
  start: string[],
  env: NodeJS.ProcessEnv,
  files: { name: string; text: string }[],
  runs: number,
  withoutSnapshot: boolean,
): Promise<{ edited: Timing[]; noSnapshot: Timing | null }> {
  const root = bundleCopy(files);
  try {
    await coldStart(process.execPath, start, env, root);
    const edited: Timing[] = [];
    for (let i = 0; i < runs; i++) {
      appendFileSync(join(root, 'knowledge', 'kdbus.yaml'), `\n# bench edit ${i + 1}\n`);
      edited.push(await coldStart(process.execPath, start, env, root));
    }
    if (!withoutSnapshot) return { edited, noSnapshot: null };
    rmSync(join(root, 'build', 'knowledge-snapshot.json'));
    return { edited, noSnapshot: await coldStart(process.execPath, start, env, root) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function coldStartSection(runs = 5, npmRuns = 2, probeRuns = 3, editRuns = 3): Section {
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
      try {
        // A clean clone: no build/ at all; `npm install`/`npm ci` then run the prepare script (bundle +
        // knowledge snapshot), and the first start finds both.
        rmSync(BUILD_DIR, { recursive: true, force: true });
        const installStarted = performance.now();
        execFileSync(process.execPath, ['scripts/build.mjs', '--prepare'], { cwd: ROOT, env, stdio: 'ignore' });
        const installStep = performance.now() - installStarted;
        const start = prepareStartScript(env);
        const afterClone = await coldStart(process.execPath, start, env);
        ctx.log(`first start after a clone: answer ${afterClone.answer.toFixed(0)} ms (install step ${installStep.toFixed(0)} ms)`);
        // A knowledge file edited since the snapshot, in a copy of the project (knowledge/ stays as
        // it is): that file is parsed and validated, the checks across files and the index build run
        // over all entries, and the snapshot is written after the answer. A new edit before each run.
        const { edited, noSnapshot } = await editedStarts(start, { ...env, KNOWLEDGE_DIR: undefined }, real.files, editRuns, !ctx.quick);
        for (const [i, t] of edited.entries()) ctx.log(`start after a knowledge edit ${i + 1}/${editRuns}: answer ${t.answer.toFixed(0)} ms, CPU ${t.cpu.toFixed(0)} ms`);
        if (noSnapshot) ctx.log(`start without a snapshot: answer ${noSnapshot.answer.toFixed(0)} ms, CPU ${noSnapshot.cpu.toFixed(0)} ms`);
        rmSync(SNAPSHOT, { force: true });
        await coldStart(process.execPath, start, env);
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
            metric: 'first start after a clone → first answer',
            scope: 'start script, after install',
            value: afterClone.answer,
            unit: 'ms',
            target: { op: '<=', limit: START_TO_ANSWER_MS },
            note: `build/ removed, then what npm install/npm ci run (prepare: bundle + knowledge snapshot, ${(installStep / 1000).toFixed(1)} s, not counted), then the start script; CPU ${afterClone.cpu.toFixed(0)} ms`,
          },
          {
            metric: 'start after a knowledge edit → first answer, median',
            scope: `start script, ${editRuns} runs`,
            value: median(edited.map((t) => t.answer)),
            unit: 'ms',
            target: { op: '<=', limit: START_TO_ANSWER_MS },
            note: `one knowledge file changed since the snapshot: only it is parsed and validated, the cross-file checks and the index build run over all entries, the snapshot is written after the answer; CPU median ${median(edited.map((t) => t.cpu)).toFixed(0)} ms; all: ${edited.map((t) => t.answer.toFixed(0)).join(', ')} ms`,
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
            metric: 'start → first answer, CPU time, median',
            scope: `start script, ${runs} runs`,
            value: median(timings.map((t) => t.cpu)),
            unit: 'ms',
            note: 'info: user + system CPU of the bot process when its answer arrived; unlike wall time it hardly depends on what else the machine runs',
          },
          {
            metric: 'start → banner, median',
            scope: `start script, ${runs} runs`,
            value: median(timings.map((t) => t.banner)),
            unit: 'ms',
            note: 'info: the first line of the banner (process start, imports, knowledge snapshot or validation + index build)',
          },
        ];
        if (noSnapshot)
          rows.splice(2, 0, {
            metric: 'start without a snapshot → first answer',
            scope: 'start script, 1 run',
            value: noSnapshot.answer,
            unit: 'ms',
            note: `info: build/knowledge-snapshot.json deleted: every file parsed and validated, the index built; CPU ${noSnapshot.cpu.toFixed(0)} ms`,
          });
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
