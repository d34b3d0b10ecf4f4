import { describe, expect, it } from 'vitest';
import { pacedSender, SendBudget } from '../../src/releases/send-budget.ts';
import type { MessageSender } from '../../src/releases/ports.ts';

/** A clock that only moves when the budget sleeps: every request's start time is exact. */
function virtualTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('the shared send budget', () => {
  it('spreads one process’s requests evenly at the whole budget', async () => {
    const time = virtualTime();
    const budget = new SendBudget({ perSecond: 45, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 90; i++) {
      await budget.take();
      starts.push(time.now());
    }
    expect(starts[0]).toBe(0);
    // 90 requests at 45/s: the last one starts after 89 intervals of 1/45 s.
    expect(starts.at(-1)).toBeCloseTo((89 * 1000) / 45, 6);
    expect(starts.filter((t) => t < 999.5)).toHaveLength(45); // the 46th starts at 1 s (floating-point sums)
  });

  it('lets a sender that fell behind make up at most a tenth of a second of missed slots', async () => {
    const time = virtualTime();
    const budget = new SendBudget({ perSecond: 50, now: time.now, sleep: time.sleep });
    await budget.take();
    time.advance(1000); // e.g. the database was slow: 49 slots missed
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await budget.take();
      starts.push(time.now());
    }
    // 100 ms of credit at 50/s: five requests at once, then the steady 20 ms spacing.
    expect(starts.filter((t) => t === 1000)).toHaveLength(6);
    expect(starts.at(-1)).toBeCloseTo(1080, 6);
  });

  it('takes an equal share when other processes send too, and the whole again when they stop', async () => {
    const time = virtualTime();
    let sending = 2;
    let counts = 0;
    const budget = new SendBudget({
      perSecond: 45,
      now: time.now,
      sleep: time.sleep,
      sharers: async () => {
        counts++;
        return sending;
      },
    });
    const inSecond = async () => {
      const end = time.now() + 1000;
      let n = 0;
      while (time.now() < end) {
        await budget.take();
        if (time.now() < end) n++;
      }
      return n;
    };
    expect(budget.rate).toBe(45);
    expect(await inSecond()).toBeLessThanOrEqual(23);
    expect(budget.rate).toBe(22.5);
    sending = 1;
    time.advance(1000);
    await budget.take();
    expect(budget.rate).toBe(45);
    // Re-counted about once a second, not per request.
    expect(counts).toBeLessThanOrEqual(4);
  });

  it('keeps the last share when counting fails (database away)', async () => {
    const time = virtualTime();
    let fail = false;
    const budget = new SendBudget({ perSecond: 40, now: time.now, sleep: time.sleep, sharers: async () => (fail ? Promise.reject(new Error('connection lost')) : 4) });
    await budget.take();
    expect(budget.rate).toBe(10);
    fail = true;
    time.advance(5000);
    await budget.take();
    expect(budget.rate).toBe(10);
  });

  it('paces both posts and look-backs of a sender', async () => {
    const time = virtualTime();
    const budget = new SendBudget({ perSecond: 10, now: time.now, sleep: time.sleep });
    const calls: Array<[string, number]> = [];
    const sender: MessageSender = {
      plan: (items) => [items],
      send: async (channelId) => (calls.push(['send', time.now()]), { ok: true, messageId: channelId }),
      findPosted: async () => (calls.push(['find', time.now()]), null),
    };
    const paced = pacedSender(sender, budget);
    const post = { items: [], roleId: null, lang: 'en' as const };
    await paced.send('1', post);
    await paced.findPosted!('1', post, new Date(0));
    await paced.send('2', post);
    expect(paced.plan([], 'en')).toEqual([[]]);
    expect(calls).toEqual([
      ['send', 0],
      ['find', 100],
      ['send', 200],
    ]);
  });
});
