import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { ScheduleError, startReleaseSchedule } from '../../src/releases/scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('startReleaseSchedule', () => {
  it('rejects an invalid FEED_SCHEDULE', () => {
    expect(() => startReleaseSchedule({ schedule: 'every 15 minutes', watcher: { pollOnce: async () => 0 }, logger: silentLogger() })).toThrow(ScheduleError);
  });

  it('polls on a seconds schedule and never overlaps a slow poll', async () => {
    vi.useFakeTimers({ now: new Date('2025-12-15T08:00:00.500Z') });
    let running = 0;
    let maxRunning = 0;
    let polls = 0;
    const watcher = {
      async pollOnce() {
        running++;
        polls++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 2_500)); // slower than the 1 s schedule
        running--;
        return polls;
      },
    };
    const schedule = startReleaseSchedule({ schedule: '* * * * * *', watcher, logger: silentLogger() });
    await vi.advanceTimersByTimeAsync(10_000);
    // A manual trigger during a poll joins the running one.
    const both = Promise.all([schedule.trigger(), schedule.trigger()]);
    await vi.advanceTimersByTimeAsync(3_000);
    const [a, b] = await both;
    expect(a).toBe(b);
    const stopped = schedule.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    await stopped;
    expect(maxRunning).toBe(1);
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(5);
  });

  it('leaves out as many ticks as the watcher asks after failures, and tells when the next poll is', async () => {
    vi.useFakeTimers({ now: new Date('2025-12-15T08:00:00.500Z') });
    // Polls fail 1, 2, 3 times in a row, then succeed; the watcher asks to skip 0, 1, 3 ticks.
    const outcomes = [false, false, false, true, true];
    let failures = 0;
    const polledAt: number[] = [];
    const watcher = {
      async pollOnce() {
        polledAt.push(new Date().getUTCSeconds());
        failures = outcomes[polledAt.length - 1] ? 0 : failures + 1;
        return polledAt.length;
      },
      ticksToSkip: () => (failures <= 1 ? 0 : 2 ** (failures - 1) - 1),
    };
    const schedule = startReleaseSchedule({ schedule: '* * * * * *', watcher, logger: silentLogger() });
    await vi.advanceTimersByTimeAsync(1_000); // tick at :01 polls and fails once
    expect(polledAt).toEqual([1]);
    expect(schedule.nextPollAt()).toEqual(new Date('2025-12-15T08:00:02.000Z'));
    await vi.advanceTimersByTimeAsync(1_000); // :02 polls at once (first failure) and fails again
    expect(schedule.nextPollAt()).toEqual(new Date('2025-12-15T08:00:04.000Z')); // :03 is left out
    await vi.advanceTimersByTimeAsync(2_000); // :04 polls, third failure: skip three ticks
    expect(schedule.nextPollAt()).toEqual(new Date('2025-12-15T08:00:08.000Z'));
    await vi.advanceTimersByTimeAsync(5_000); // :08 succeeds, :09 polls again
    expect(polledAt).toEqual([1, 2, 4, 8, 9]);
    const stopped = schedule.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    await stopped;
  });
});
