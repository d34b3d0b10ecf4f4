import { Readable, Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../../src/app.ts';
import { runCli } from '../../src/cli-app.ts';
import { runDeploy } from '../../src/discord/deploy-app.ts';
import { ROOT, type RunResult } from './run.ts';
import { realKnowledge } from './knowledge.ts';
import { OFFLINE_KERNEL_ORG } from './offline.ts';

/** A writable that keeps what was written, as a child's piped stdout would. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Options of an in-process run. Runs on the default knowledge base share this worker's one (realKnowledge);
 * a KNOWLEDGE_DIR in `env` (or the .env file) loads that directory as the real process would.
 */
interface InProcessOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** The environment `runScript` gives a child: terminal mode, quiet logs, a fresh database, an English locale, no network. */
function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-run-')), 'kernelbot.db');
  const env: NodeJS.ProcessEnv = { ...OFFLINE_KERNEL_ORG, DISCORD_TOKEN: '', LOG_LEVEL: 'error', DATABASE_PATH: databasePath, LANG: 'C.UTF-8', ...overrides };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/** `npm start` (src/main.ts) in this process: same code path, piped stdin, captured output and exit code. */
export async function startInProcess(options: InProcessOptions = {}): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Readable.from([options.input ?? '']);
  const code = await runApp(
    { env: testEnv(options.env), cwd: options.cwd ?? ROOT, stdin, stdout, stderr, knowledge: () => realKnowledge().search },
    new URL('../../src/main.ts', import.meta.url).href,
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `npm run cli -- …` (src/cli.ts) in this process. */
export async function cliInProcess(args: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Readable.from([options.input ?? '']);
  const code = await runCli(args, { env: testEnv(options.env), cwd: options.cwd, stdin, stdout, stderr, knowledge: () => realKnowledge().search });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `npm run deploy` (src/discord/deploy-cli.ts) in this process. */
export async function deployInProcess(options: InProcessOptions = {}): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runDeploy({ env: testEnv(options.env), cwd: options.cwd ?? ROOT, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
