import { realSleep, type Sleep } from '../shared/clock.ts';
import type { MessageSender } from './ports.ts';

/**
 * Discord allows 50 requests per second per bot token, over every process that uses the token.
 * Announcements take 45 of them and leave 5 for answers, replies and command syncs (interaction
 * responses do not count against the global limit).
 */
const OUTBOX_REQUESTS_PER_SECOND = 45;

/** How far behind schedule requests may catch up in a burst (a tenth of Discord's one-second window). */
const CATCH_UP_MS = 100;

/** How often a sending process re-counts the processes it shares the budget with. */
const RECOUNT_MS = 1_000;

/**
 * Paces announcement requests so that all processes together stay within the token's global limit:
 * each process that is sending takes an equal share (the budget divided by the number of sending
 * processes, which `sharers` reports: 1 on SQLite, the live outbox heartbeats on Postgres).
 * Requests are spread evenly (one every 1/rate seconds) rather than burst, so two processes'
 * requests interleave instead of piling up at the start of a second; a sender that fell behind
 * (busy event loop, slow database) may make up at most CATCH_UP_MS of missed slots at once.
 */
export class SendBudget {
  private nextAt = 0;
  private sharing = 1;
  private countedAt = -Infinity;
  private counting: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(
    private readonly options: {
      perSecond?: number;
      /** The number of processes sending now, this one included (it also renews this process's heartbeat). */
      sharers?: () => Promise<number>;
      now?: () => number;
      sleep?: Sleep;
    } = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
  }

  /** Requests per second this process may make now. */
  get rate(): number {
    return (this.options.perSecond ?? OUTBOX_REQUESTS_PER_SECOND) / this.sharing;
  }

  /** Resolves when the next request may go out. */
  async take(): Promise<void> {
    await this.recount();
    const now = this.now();
    // Slots missed by a late timer or a slow database are made up, but never more than CATCH_UP_MS of them.
    const slot = Math.max(this.nextAt, now - CATCH_UP_MS);
    this.nextAt = slot + 1000 / this.rate;
    if (slot > now) await this.sleep(slot - now);
  }

  private async recount(): Promise<void> {
    const { sharers } = this.options;
    if (!sharers || this.now() - this.countedAt < RECOUNT_MS) return;
    this.counting ??= sharers()
      .then((n) => void (this.sharing = Math.max(1, n)))
      // Database away: keep the last share (sends then fail on the database anyway).
      .catch(() => undefined)
      .finally(() => {
        this.countedAt = this.now();
        this.counting = null;
      });
    await this.counting;
  }
}

/** A sender whose every request (a post, a look-back) waits for the budget first. */
export function pacedSender(sender: MessageSender, budget: SendBudget): MessageSender {
  const findPosted = sender.findPosted?.bind(sender);
  return {
    plan: (items, lang) => sender.plan(items, lang),
    async send(channelId, post) {
      await budget.take();
      return sender.send(channelId, post);
    },
    findPosted:
      findPosted &&
      (async (channelId, post, since) => {
        await budget.take();
        return findPosted(channelId, post, since);
      }),
  };
}
