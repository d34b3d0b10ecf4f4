/**
 * Cron expressions (FEED_SCHEDULE), matched in the process's local time with Date's own getters.
 * node-cron, used before, formats every time it checks through Intl.DateTimeFormat, which keeps
 * about 8 MB of ICU data resident in an otherwise idle bot.
 *
 * Five fields (minute hour day-of-month month weekday) or six with seconds first. A field is `*`, a
 * number, a range `a-b`, a step `*∕n` or `a-b/n`, or a comma list of these; months and weekdays also
 * by name (`jan`, `january`, `mon`, `monday`), weekday 7 is Sunday like 0, `?` means `*` in the two
 * day fields, and `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually`
 * stand for their usual expressions. A time matches when every field matches (day of month and
 * weekday both, as node-cron had it).
 */
export interface CronSchedule {
  /** The first matching second strictly after `after`; null when none comes within eight years (30 February). */
  next(after: Date): Date | null;
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const FULL_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface FieldSpec {
  min: number;
  max: number;
  /** Names for min, min + 1, …: months from 1, weekdays from 0. */
  names?: readonly (readonly string[])[];
}
/** second, minute, hour, day of month, month, weekday (7 is read as 0). */
const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: [MONTHS, FULL_MONTHS] },
  { min: 0, max: 7, names: [WEEKDAYS, FULL_WEEKDAYS] },
];
/** How far ahead next() looks before it gives up on an expression that never matches. */
const MAX_DAYS_AHEAD = 8 * 366;

function parseValue(text: string, spec: FieldSpec): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : null;
  }
  const name = text.toLowerCase();
  for (const names of spec.names ?? []) {
    const index = names.indexOf(name);
    if (index >= 0) return spec.min === 1 ? index + 1 : index;
  }
  return null;
}

/** The set of values a field allows, or null when the field is not valid. */
function parseField(text: string, spec: FieldSpec): Set<number> | null {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, ...extra] = part.split('/');
    if (range === undefined || extra.length > 0) return null;
    const step = stepText === undefined ? 1 : /^\d{1,2}$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) return null;
    // Weekdays count 0-6 (7 is 0 again); a range may wrap around the end ("fri-mon", "22-2").
    const last = spec.max === 7 ? 6 : spec.max;
    const size = last - spec.min + 1;
    const wrap = (value: number) => (value === 7 && spec.max === 7 ? 0 : value);
    let from: number | null;
    let to: number | null;
    if (range === '*') [from, to] = [spec.min, last];
    else if (range.includes('-')) {
      const [a, b, ...rest] = range.split('-');
      if (rest.length > 0) return null;
      [from, to] = [parseValue(a ?? '', spec), parseValue(b ?? '', spec)];
      if (from === null || to === null) return null;
      [from, to] = [wrap(from), wrap(to)];
    } else {
      from = parseValue(range, spec);
      if (from === null) return null;
      from = wrap(from);
      // "5/15": from 5 to the end in steps of 15.
      to = stepText === undefined ? from : last;
    }
    const span = (((to - from) % size) + size) % size;
    for (let offset = 0; offset <= span; offset += step) values.add(from + offset > last ? from + offset - size : from + offset);
  }
  return values;
}

/** The schedule of a cron expression, or null when it is not one this parser accepts. */
export function parseCron(expression: string): CronSchedule | null {
  const trimmed = expression.trim();
  const fields = (NICKNAMES[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length === 5) fields.unshift('0');
  if (fields.length !== 6) return null;
  if (fields[3] === '?') fields[3] = '*';
  if (fields[5] === '?') fields[5] = '*';
  const sets = fields.map((field, i) => parseField(field, FIELDS[i]!));
  if (sets.some((set) => set === null)) return null;
  const [seconds, minutes, hours, days, months, weekdays] = sets as Set<number>[] as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

  return {
    next(after) {
      let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
      const limit = after.getTime() + MAX_DAYS_AHEAD * 86_400_000;
      // Each step moves to the start of the next unit that can still match; local-time
      // constructors keep daylight-saving changes right.
      while (t.getTime() <= limit) {
        if (!months.has(t.getMonth() + 1)) t = new Date(t.getFullYear(), t.getMonth() + 1, 1);
        else if (!days.has(t.getDate()) || !weekdays.has(t.getDay())) t = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1);
        else if (!hours.has(t.getHours())) t = later(t, new Date(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours() + 1), 3_600_000);
        else if (!minutes.has(t.getMinutes())) t = new Date(Math.floor(t.getTime() / 60_000) * 60_000 + 60_000);
        else if (!seconds.has(t.getSeconds())) t = new Date(t.getTime() + 1000);
        else return t;
      }
      return null;
    },
  };
}

/** The next hour's start, or an hour on when a repeated hour (daylight saving ends) would not move forward. */
function later(current: Date, candidate: Date, fallbackMs: number): Date {
  return candidate.getTime() > current.getTime() ? candidate : new Date(Math.floor(current.getTime() / fallbackMs) * fallbackMs + fallbackMs);
}
