import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A test file that starts real bot, CLI or npm processes (tests/support/run.ts). */
const STARTS_PROCESSES = /\b(spawnBotProcess|runScript|runCommand)\(/;

/**
 * Files that start real processes run first. They take the longest and mostly wait (process
 * start-ups, leases, rate limits), so they overlap the CPU-bound files instead of trailing at the
 * end with the other worker idle. On a clean clone vitest has no timings yet and would order by
 * file size, which puts these small files late. Within each group vitest's own order stays.
 */
export class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const startsProcesses = new Map(sorted.map((file) => [file, STARTS_PROCESSES.test(readFileSync(file.moduleId, 'utf8'))]));
    return [...sorted.filter((file) => startsProcesses.get(file)), ...sorted.filter((file) => !startsProcesses.get(file))];
  }
}
