import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temp directory a test (or a process it starts) makes lands in one
 * directory for this run, removed at the end, so no run leaves anything behind in the system's
 * temp directory. Workers and child processes inherit TMPDIR. A run that is interrupted (Ctrl-C)
 * skips the teardown, so the directory also goes when the process exits.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-tests-'));
  // Like /tmp itself: the test Postgres runs initdb as another user, which must read its files here.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  // Retries: a process that is still exiting may write a last file while the directory goes.
  const remove = () => rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  process.once('exit', remove);
  return remove;
}
