import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface LabelledQuery {
  q: string;
  lang: 'en' | 'de';
  /** The entry that must be in the top 3, or null when the question must be declined. */
  expect: string | null;
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
