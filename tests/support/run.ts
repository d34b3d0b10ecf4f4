import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeArgs } from './start-script.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader by absolute URL, so scripts run from any working directory (tests use temp dirs). */
const TSX_IMPORT = `--import=${new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href}`;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs a project script as the npm scripts do (node with tsx as a loader) with piped stdin. */
export function runScript(script: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [TSX_IMPORT, script, ...args], options);
}

/** Runs a command such as `npm start` in the project with piped stdin. */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(command, args, options);
}

/** Terminal mode, no token, quiet logs and a fresh database unless the test says otherwise. */
function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-run-')), 'kernelbot.db');
  const given: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'error', DATABASE_PATH: databasePath, LANG: 'C.UTF-8', LC_ALL: undefined, ...options.env };
  const env = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return collect(child, options.input ?? '', options.timeoutMs ?? 30_000, command);
}

function collect(child: ChildProcessWithoutNullStreams, input: string, timeoutMs: number, name: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} timed out; stdout: ${stdout.slice(-500)} stderr: ${stderr.slice(-500)}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** A bot process started as `npm start` starts it (build-global-setup.ts built it), its log lines collected from stderr, for multi-process tests. */
export interface BotProcess {
  child: ChildProcess;
  /** Resolves with the exit code when the process ends. */
  exit: Promise<number | null>;
  /** Everything the process logged so far (pino JSON lines). */
  log: () => string;
}

export function spawnBotProcess(env: NodeJS.ProcessEnv): BotProcess {
  // Not through npm: a SIGKILL must hit the bot itself, not an npm process above it.
  const child = spawn(process.execPath, startNodeArgs(), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { child, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))), log: () => log };
}
