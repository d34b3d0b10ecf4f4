import type { Logger } from '../logger.ts';
import { DEFAULT_FEED_SCHEDULE } from '../config.ts';
import { parseCron } from '../shared/cron.ts';

export interface Pollable<T> {
  pollOnce(): Promise<T>;
  /** Ticks to leave out after the last poll (back-off after failures); 0 = poll on the next tick. */
  ticksToSkip?(): number;
}

export interface ReleaseSchedule<T> {
  /** Polls now unless a poll is running (then returns that poll's result). */
  trigger(): Promise<T>;
  /** When the next scheduled poll will run, counting ticks left out by the back-off. */
  nextPollAt(): Date | null;
  /** Stops the timer and waits for a running poll to finish. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** Runs watcher.pollOnce() on a cron expression (5 fields, or 6 with seconds); polls never overlap. */
export function startReleaseSchedule<T>(options: { schedule: string; watcher: Pollable<T>; logger: Logger; runOnStart?: boolean }): ReleaseSchedule<T> {
  const { schedule, watcher, logger } = options;
  const cron = parseCron(schedule);
  if (!cron) {
    throw new ScheduleError(`FEED_SCHEDULE "${schedule}" is not a valid cron expression (e.g. "${DEFAULT_FEED_SCHEDULE}")`);
  }
  let running: Promise<T> | null = null;
  let skipped = 0;
  const ticksOwed = () => Math.max(0, (watcher.ticksToSkip?.() ?? 0) - skipped);

  const trigger = (): Promise<T> => {
    if (running) return running;
    skipped = 0;
    running = watcher.pollOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = async () => {
    if (running) {
      logger.debug('previous release poll still running; tick skipped');
      return;
    }
    if (ticksOwed() > 0) {
      skipped++;
      logger.debug({ ticksLeft: ticksOwed() }, 'feed fetch left out: backing off after failures');
      return;
    }
    try {
      await trigger();
    } catch (error) {
      // pollOnce never throws; this is a last guard so a tick can never crash the process.
      logger.error({ err: error }, 'release poll threw');
    }
  };
  // One timer to the next matching second (at most a day at a time: timers cap at 24.8 days); after
  // a tick the following one is counted from that tick, so a late timer never runs a tick twice.
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (after: Date) => {
    const at = cron.next(after);
    if (!at || stopped) return;
    const wait = () => {
      const left = at.getTime() - Date.now();
      if (left > 0) {
        timer = setTimeout(wait, Math.min(left, DAY_MS));
        return;
      }
      void tick();
      arm(new Date(Math.max(Date.now(), at.getTime())));
    };
    wait();
  };
  arm(new Date());
  if (options.runOnStart) void trigger().catch((error: unknown) => logger.error({ err: error }, 'release poll threw'));

  return {
    trigger,
    nextPollAt: () => {
      let at: Date | null = new Date();
      for (let i = 0; i <= ticksOwed() && at; i++) at = cron.next(at);
      return at;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
