import type { KnowledgeEntry, Language } from '../src/knowledge/schema.ts';
import { seededRandom } from './stats.ts';

/**
 * Query sets, derived from the real entries where possible so they keep making sense while the
 * knowledge base grows. Deterministic. Inputs of different kinds are interleaved, so a run cut
 * short by its time budget still samples every kind.
 */

export interface Labeled<T> {
  kind: string;
  input: T;
}

export interface SuggestInput {
  typed: string;
  lang: Language;
}

const GERMAN_QUESTIONS = [
  'Was ist Live-Patching?',
  'Welches Dateisystem unterstützt Kompression?',
  'Wie funktioniert Deduplizierung bei Btrfs?',
  'Gibt es einen Echtzeitkernel?',
  'Was kann der Intel-Grafiktreiber?',
  'Warum kam kdbus nicht in den Kernel?',
  'Wie sicher ist Btrfs RAID 5?',
  'Welche Treiber gibt es für Touchpads?',
  'Was sind Render-Nodes?',
  'Wie verfolge ich Funktionen im Kernel mit ftrace?',
];

const VERSION_QUESTIONS = [
  'What is new in 3.19?',
  'Was brachte 4.0 für Dateisysteme?',
  'What did Linux 3.8 bring for graphics?',
  'Neuerungen in 3.18',
  'changes in 4.1 networking',
  'Was ist neu in Linux 3.17?',
  'What came in 3.13 for storage?',
];

const OUT_OF_SCOPE = [
  'How do I install Windows 11?',
  'Wie backe ich Brot?',
  'best pizza recipe in Berlin',
  'What is the weather tomorrow?',
  'Wer gewann die Fußball-WM 2014?',
  'How do I fix my printer?',
  'Welche Aktie soll ich kaufen?',
];

/** Swaps two neighbouring letters in the middle: "btrfs" → "brtfs". */
function typo(word: string, rng: () => number): string {
  if (word.length < 4) return `${word}${word.at(-1)}`;
  const letters = Array.from(word.slice(0, -1))
    .map((_, i) => i)
    .filter((i) => i > 0 && /[a-z]/.test(word[i]!) && /[a-z]/.test(word[i + 1]!) && word[i] !== word[i + 1]);
  if (letters.length === 0) return `${word}${word.at(-1)}`;
  const i = letters[Math.floor(rng() * letters.length)]!;
  return word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
}

function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  const step = list.length / count;
  return Array.from({ length: count }, (_, i) => list[Math.floor(i * step)]!);
}

function interleave<T>(groups: readonly T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(...groups.map((g) => g.length));
  for (let i = 0; i < longest; i++) for (const group of groups) if (i < group.length) out.push(group[i]!);
  return out;
}

export function searchQueries(real: readonly KnowledgeEntry[], seed = 7): Labeled<string>[] {
  const rng = seededRandom(seed);
  const sample = spread(real, 10);
  const exact = sample.flatMap((e, i) => [i % 2 === 0 ? e.title.en : e.id, e.aliases.de[0] ?? e.title.de]).map((input) => ({ kind: 'exact name', input }));
  const typos = spread(
    real.filter((e) => e.id.replace(/-/g, '').length >= 5),
    10,
  ).map((e) => ({
    kind: 'typo',
    input: typo((e.aliases.en[0] ?? e.id).toLowerCase(), rng),
  }));
  return interleave([
    exact,
    typos,
    GERMAN_QUESTIONS.map((input) => ({ kind: 'German question', input })),
    VERSION_QUESTIONS.map((input) => ({ kind: 'version question', input })),
    OUT_OF_SCOPE.map((input) => ({ kind: 'out of scope', input })),
  ]);
}

export function suggestInputs(real: readonly KnowledgeEntry[], seed = 11): Labeled<SuggestInput>[] {
  const rng = seededRandom(seed);
  const names = spread(real, 24).flatMap((e, i) => {
    const lang: Language = i % 2 === 0 ? 'en' : 'de';
    const pool = [e.id, e.title[lang], ...e.aliases[lang]];
    return [{ name: pool[Math.floor(rng() * pool.length)]!, lang }];
  });
  const prefixes: Labeled<SuggestInput>[] = [];
  for (const { name, lang } of names) {
    for (let len = 1; len <= 8 && len <= name.length; len++) prefixes.push({ kind: `prefix ${len}`, input: { typed: name.slice(0, len), lang } });
  }
  const typos = names.map(({ name, lang }) => ({ kind: 'typo', input: { typed: typo(name.toLowerCase().slice(0, 10), rng), lang } }));
  return interleave([prefixes, typos]);
}
