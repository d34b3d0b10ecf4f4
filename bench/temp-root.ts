import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temp directory for the whole bench run: every section (and every process it starts, through
 * TMPDIR) makes its temp files inside, and it is removed when the bench exits, also on Ctrl-C or
 * SIGTERM, so no run leaves anything behind in the system's temp directory.
 */
export function useTempRoot(): void {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-bench-'));
  // Like /tmp itself: the fan-out section's Postgres runs initdb as another user, which must reach its files here.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => process.exit(code));
}
