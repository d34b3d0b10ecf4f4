import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A test file that starts real bot, CLI or npm processes (tests/support/run.ts). */
const STARTS_PROCESSES = /\b(spawnBotProcess|runScript|runCommand)\(/;
/** A test file on the run's Postgres, which is still starting when the first files run. */
const USES_POSTGRES = /\bcreateTestDatabase\(/;
/** A test timeout of a minute or more (`{ timeout: 120_000 }`, `SOME_TIMEOUT_MS = 180_000`): the file says it runs long. */
const LONG_TIMEOUT = /timeout\w*\s*[:=]\s*(\d+)_000\b/gi;

function declaresLongTests(text: string): boolean {
  return [...text.matchAll(LONG_TIMEOUT)].some((match) => Number(match[1]) >= 60);
}

/**
 * Files that start real processes run first. They take the longest and mostly wait (process
 * start-ups, leases, rate limits), so they overlap the CPU-bound files instead of trailing at the
 * end with the other worker idle. On a clean clone vitest has no timings yet and would order by
 * file size, which puts these small files late. Those that need Postgres come after the others, as
 * it is still starting then. Next come files that declare long tests (thousands of searches), so
 * they do not trail either. Within each group vitest's own order stays.
 */
export class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const group = new Map(
      sorted.map((file) => {
        const text = readFileSync(file.moduleId, 'utf8');
        return [file, STARTS_PROCESSES.test(text) ? (USES_POSTGRES.test(text) ? 1 : 0) : declaresLongTests(text) ? 2 : 3];
      }),
    );
    // A stable sort: vitest's order within each group.
    return sorted.toSorted((a, b) => group.get(a)! - group.get(b)!);
  }
}
