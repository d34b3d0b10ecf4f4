import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Labelled data that looks like real use: forum posts (title + first message) and natural one-sentence
 * questions, answerable or not. Each item is split once, by a hash of its text, into the tuning part
 * (≈70 %, where the confidence model and thresholds are fitted) and the held-out part (≈30 %, where
 * the figures are reported). The hash never changes, so adding items never reshuffles the old ones.
 */
export type Split = 'tune' | 'holdout';
type ItemKind = 'answerable' | 'adjacent' | 'nonsense';

export interface RealUseItem {
  set: 'posts' | 'questions';
  file: string;
  /** The text as the bot sees it: "title\nbody" for posts. */
  text: string;
  lang: 'en' | 'de';
  /** Entries any of which is a right answer; null when the bot must not answer. */
  expect: string[] | null;
  kind: ItemKind;
  split: Split;
}

interface PostRow {
  title: string;
  body: string;
  lang: 'en' | 'de';
  expect: string[] | null;
  kind?: ItemKind;
}
interface QuestionRow {
  q: string;
  lang: 'en' | 'de';
  expect: string[] | null;
  kind?: ItemKind;
}

const DATA_DIR = new URL('../data/', import.meta.url);
const TUNING_SHARE = 0.7;

export function splitOf(key: string): Split {
  const bucket = createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
  return bucket < TUNING_SHARE ? 'tune' : 'holdout';
}

function files(prefix: string): string[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.yaml'))
    .sort();
}

function read<T>(file: string): T[] {
  return parse(readFileSync(new URL(file, DATA_DIR), 'utf8')) as T[];
}

export function realUsePosts(): RealUseItem[] {
  return files('posts-').flatMap((file) =>
    read<PostRow>(file).map((row) => ({
      set: 'posts' as const,
      file,
      text: `${row.title}\n${row.body}`,
      lang: row.lang,
      expect: row.expect,
      kind: row.kind ?? (row.expect ? 'answerable' : 'adjacent'),
      split: splitOf(row.title),
    })),
  );
}

export function realUseQuestions(): RealUseItem[] {
  return files('natural-').flatMap((file) =>
    read<QuestionRow>(file).map((row) => ({
      set: 'questions' as const,
      file,
      text: row.q,
      lang: row.lang,
      expect: row.expect,
      kind: row.kind ?? (row.expect ? 'answerable' : 'adjacent'),
      split: splitOf(row.q),
    })),
  );
}
