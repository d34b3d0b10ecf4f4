import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A test file that starts real bot, CLI or npm processes (tests/support/run.ts). */
const STARTS_PROCESSES = /\b(spawnBotProcess|runScript|runCommand)\(/;
/** A test file on the run's Postgres, which is still starting when the first files run. */
const USES_POSTGRES = /\bcreateTestDatabase\(/;

/**
 * Files that start real processes run first. They take the longest and mostly wait (process
 * start-ups, leases, rate limits), so they overlap the CPU-bound files instead of trailing at the
 * end with the other worker idle. On a clean clone vitest has no timings yet and would order by
 * file size, which puts these small files late. Those that need Postgres come after the others, as
 * it is still starting then. Within each group vitest's own order stays.
 */
export class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const group = new Map(
      sorted.map((file) => {
        const text = readFileSync(file.moduleId, 'utf8');
        return [file, STARTS_PROCESSES.test(text) ? (USES_POSTGRES.test(text) ? 1 : 0) : 2];
      }),
    );
    // A stable sort: vitest's order within each group.
    return sorted.toSorted((a, b) => group.get(a)! - group.get(b)!);
  }
}
