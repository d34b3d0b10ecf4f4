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
});
