import cron from 'node-cron';
import type { Logger } from '../logger.ts';
import { DEFAULT_FEED_SCHEDULE, isValidSchedule } from '../config.ts';

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

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** node-cron logs to the console by default; route it to pino, with the expected overlap notice at debug. */
function cronLogger(logger: Logger) {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  return {
    info: (message: string) => logger.debug(`node-cron: ${message}`),
    warn: (message: string) => (/overlap/i.test(message) ? logger.debug(`node-cron: ${message}`) : logger.warn(`node-cron: ${message}`)),
    error: (message: string | Error, err?: Error) => logger.error({ err: err ?? message }, `node-cron: ${text(message)}`),
    debug: (message: string | Error) => logger.debug(`node-cron: ${text(message)}`),
  };
}

/** Runs watcher.pollOnce() on a cron expression (5 fields, or 6 with seconds); polls never overlap. */
export function startReleaseSchedule<T>(options: { schedule: string; watcher: Pollable<T>; logger: Logger; runOnStart?: boolean }): ReleaseSchedule<T> {
  const { schedule, watcher, logger } = options;
  if (!isValidSchedule(schedule)) {
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

  const task = cron.schedule(
    schedule,
    async () => {
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
    },
    { name: 'release-feed', noOverlap: true, logger: cronLogger(logger) },
  );
  if (options.runOnStart) void trigger().catch((error: unknown) => logger.error({ err: error }, 'release poll threw'));

  return {
    trigger,
    nextPollAt: () => task.getNextRuns(ticksOwed() + 1).at(-1) ?? null,
    async stop() {
      await task.stop();
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
