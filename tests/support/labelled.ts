import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface LabelledQuery {
  q: string;
  lang: 'en' | 'de';
  /** The entry (or entries, any of which is right) that must be in the top 3, or null when the question must be declined. */
  expect: string | string[] | null;
}

/** The right entries of a labelled query, as a list (empty when it must be declined). */
export function expectedIds(query: LabelledQuery): string[] {
  return query.expect === null ? [] : Array.isArray(query.expect) ? query.expect : [query.expect];
}

const DATA_DIR = new URL('../data/', import.meta.url);

function readAll<T>(prefix: string): (T & { file: string })[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => (parse(readFileSync(new URL(f, DATA_DIR), 'utf8')) as T[]).map((row) => ({ ...row, file: f })));
}

export function labelledQueries(): (LabelledQuery & { file: string })[] {
  return readAll<LabelledQuery>('queries-');
}

export function coverageTopics(): { name: string; entry: string; file: string }[] {
  return readAll<{ name: string; entry: string }>('coverage-');
}
