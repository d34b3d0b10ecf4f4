import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temp directory a test (or a process it starts) makes lands in one
 * directory for this run, removed at the end, so no run leaves anything behind in the system's
 * temp directory. Workers and child processes inherit TMPDIR.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'kernelbot-tests-'));
  // Like /tmp itself: the test Postgres runs initdb as another user, which must read its files here.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
