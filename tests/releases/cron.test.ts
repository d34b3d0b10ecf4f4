import { describe, expect, it } from 'vitest';
import { parseCron } from '../../src/shared/cron.ts';
import { runCommand, TSX_IMPORT } from '../support/run.ts';

/** The next `count` matches after `from` (local time, as the bot schedules). */
function runs(expression: string, from: Date, count: number): Date[] {
  const schedule = parseCron(expression);
  if (!schedule) throw new Error(`not accepted: ${expression}`);
  const out: Date[] = [];
  let at: Date | null = from;
  for (let i = 0; i < count && at; i++) {
    at = schedule.next(at);
    if (at) out.push(at);
  }
  return out;
}

describe('parseCron', () => {
  it('accepts five fields, six with seconds, names, lists, ranges, steps and nicknames', () => {
    for (const expression of [
      '*/15 * * * *',
      '*/2 * * * * *',
      '0 9-17 * * mon-fri',
      '30 2 * * 7',
      '0 22-2 * * *',
      '5,10,20-25/2 * * * *',
      '0 0 * jan,JULY sun',
      '@hourly',
      '@yearly',
      '0 0 ? * 3',
      '0 0 30 2 *',
    ])
      expect(parseCron(expression), expression).not.toBeNull();
  });

  it('refuses what is not a cron expression', () => {
    for (const expression of [
      '',
      'every 15 minutes',
      '61 * * * *',
      '* * * *',
      '* * * * * * *',
      '*/0 * * * *',
      'a b c d e',
      '0 0 32 * *',
      '0 24 * * *',
      '0 0 * 13 *',
      '0 0 * * 8',
      '1-2-3 * * * *',
      '0 0 L * *',
    ])
      expect(parseCron(expression), expression).toBeNull();
  });

  it('finds the next matching second strictly after the given time', () => {
    const from = new Date(2025, 11, 15, 8, 0, 0, 500);
    expect(runs('*/15 * * * *', from, 3)).toEqual([new Date(2025, 11, 15, 8, 15), new Date(2025, 11, 15, 8, 30), new Date(2025, 11, 15, 8, 45)]);
    expect(runs('* * * * * *', from, 2)).toEqual([new Date(2025, 11, 15, 8, 0, 1), new Date(2025, 11, 15, 8, 0, 2)]);
    expect(runs('* * * * * *', new Date(2025, 11, 15, 8, 0, 1), 1)).toEqual([new Date(2025, 11, 15, 8, 0, 2)]);
    expect(runs('0 0 1 1 *', from, 2)).toEqual([new Date(2026, 0, 1), new Date(2027, 0, 1)]);
  });

  it('needs the day of month and the weekday both, and reads 7 and names as weekdays', () => {
    // 13th and a Friday: February and March 2026.
    expect(runs('0 12 13 * fri', new Date(2026, 0, 1), 2)).toEqual([new Date(2026, 1, 13, 12), new Date(2026, 2, 13, 12)]);
    expect(runs('30 2 * * 7', new Date(2025, 11, 15), 1)).toEqual([new Date(2025, 11, 21, 2, 30)]);
    expect(runs('0 0 * * sat-sun', new Date(2025, 11, 15), 2)).toEqual([new Date(2025, 11, 20), new Date(2025, 11, 21)]);
  });

  it('wraps ranges around the end of a field and steps through lists and ranges', () => {
    expect(runs('0 22-1 * * *', new Date(2025, 11, 15, 12), 4).map((d) => d.getHours())).toEqual([22, 23, 0, 1]);
    expect(runs('5,10,20-25/2 * * * *', new Date(2025, 11, 15, 8, 0), 6).map((d) => d.getMinutes())).toEqual([5, 10, 20, 22, 24, 5]);
  });

  it('gives up on a date that never comes and waits years for one that rarely does', () => {
    expect(parseCron('0 0 30 2 *')!.next(new Date(2025, 0, 1))).toBeNull();
    expect(runs('0 0 29 2 *', new Date(2025, 0, 1), 2)).toEqual([new Date(2028, 1, 29), new Date(2032, 1, 29)]);
  });

  it('follows daylight saving time in the local time zone (Europe/Berlin)', async () => {
    // Spring forward on 29 March 2026 (02:00 CET → 03:00 CEST): the hour that does not exist is left
    // out (02:00 that day is 03:00); fall back on 25 October 2026 (03:00 CEST → 02:00 CET): the
    // repeated hour is polled too.
    const script = `import { parseCron } from './src/shared/cron.ts';
      const next = (e, iso, n) => { const out = []; let at = new Date(iso); for (let i = 0; i < n; i++) out.push((at = parseCron(e).next(at)).toISOString()); return out; };
      console.log(JSON.stringify([next('0 * * * *', '2026-03-29T00:30:00Z', 2), next('0 2,3 * * *', '2026-03-28T12:00:00Z', 3), next('*/30 * * * *', '2026-10-25T00:10:00Z', 4)]));`;
    const result = await runCommand(process.execPath, [TSX_IMPORT, '--input-type=module', '-e', script], { env: { TZ: 'Europe/Berlin' } });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:00:00.000Z'],
    ]);
  });
});
