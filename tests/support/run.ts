import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader by absolute URL, so scripts run from any working directory (tests use temp dirs). */
export const TSX_IMPORT = `--import=${new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href}`;

/** Runs a project script as the npm scripts do (node --import tsx) with piped stdin; resolves when it exits. */
export function runScript(
  script: string,
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'kernelbot-run-')), 'kernelbot.db');
    const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'error', DATABASE_PATH: databasePath, ...options.env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const child = spawn(process.execPath, [TSX_IMPORT, script, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} timed out; stdout: ${stdout.slice(-500)} stderr: ${stderr.slice(-500)}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
