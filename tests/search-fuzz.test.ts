import { describe, expect, it } from 'vitest';
import type { CommandDeps, Invocation, OptionReader } from '../commands/command.ts';
import { COMMANDS, findCommand } from '../commands/registry.ts';
import type { Reply } from '../src/answers/reply.ts';
import { renderText } from '../src/terminal/render-text.ts';
import { realKnowledge } from './support/knowledge.ts';

/**
 * Whatever a user types, the search and the commands built on it give exactly one answer: object
 * prototype words, huge words, control characters, broken UTF-16, markup, random mixtures.
 */
const { search } = realKnowledge();
const deps: CommandDeps = { search, commands: COMMANDS, botVersion: '9.9.9', now: () => new Date('2026-11-28T12:00:00Z') };

async function run(name: string, values: Record<string, string>): Promise<Reply> {
  const options: OptionReader = { subcommand: () => null, string: (n) => values[n] ?? null, boolean: () => null, id: () => null, channelType: () => null };
  const invocation: Invocation = { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: false };
  return await findCommand(name)!.handle(options, invocation, deps);
}

/** A small deterministic generator, so a failure names the input that caused it. */
function* inputs(count: number): Generator<string> {
  const special = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
  const pieces = [
    ...special,
    'kdbus',
    'btrfs',
    'RAID5',
    '3.19',
    '6.8',
    'Linux',
    'Größe',
    '@everyone',
    '<@&123456789012345678>',
    '<#123>',
    '```code```',
    '\u0000',
    '\u001b[31m',
    '\r',
    '\uD800',
    '\uDFFF',
    '🐧',
    'ẞ',
    'x'.repeat(100_000),
    'kdbus'.repeat(5_000),
    '-'.repeat(500),
    '.'.repeat(300),
    '1.2.3.4.5.6.7',
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  // An input already tried (one piece alone, say) tells nothing new: each is tried once.
  const seen = new Set<string>();
  const fixed = [...special, 'x'.repeat(100_000), 'constructor constructor __proto__ what is kdbus'];
  for (let i = 0; i < count + fixed.length; i++) {
    let input = fixed[i];
    if (input === undefined) {
      const n = 1 + Math.floor(random() * 8);
      input = Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? ' ' : '');
    }
    if (seen.has(input)) continue;
    seen.add(input);
    yield input;
  }
}

describe('search fuzzing', () => {
  it('answers every generated input exactly once, as search, /ask, /feature, autocomplete and terminal text', { timeout: 120_000 }, async () => {
    let count = 0;
    for (const input of inputs(2000)) {
      const outcome = search.search(input);
      expect(['answer', 'suggest', 'none']).toContain(outcome.confidence);
      expect(outcome.answered).toBe(outcome.confidence === 'answer');
      count += 1;
      // The commands and the terminal rendering build on the same search: every fourth input suffices.
      if (count % 4 !== 0) continue;
      for (const reply of [await run('ask', { question: input }), await run('feature', { name: input })]) {
        // 'message': the hint for input with nothing to search for (only punctuation, emoji, mentions).
        expect(['entry', 'not-found', 'release', 'message']).toContain(reply.type);
        expect(renderText(reply).length).toBeGreaterThan(0);
      }
      expect(search.suggest(input, 'en').length).toBeLessThanOrEqual(25);
    }
    // 2,010 generated, about 250 of them repeats.
    expect(count).toBeGreaterThan(1700);
  });

  it('treats object-prototype words as ordinary unknown words', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(search.search(word).answered).toBe(false);
      expect(search.search(`what did 3.19 bring for ${word}`).confidence).not.toBe(undefined);
    }
    // The right entry comes first, whether the unknown word leaves it an answer or a suggestion.
    const outcome = search.search('constructor: what is kdbus?');
    expect([...outcome.hits, ...outcome.suggestions][0]?.entry.id).toBe('kdbus');
  });

  it('reads a question through mention syntax: "@everyone <@&123> what is kdbus?"', () => {
    const outcome = search.search('@everyone <@&123456789012345678> <@42> what is kdbus?');
    expect(outcome.answered).toBe(true);
    expect(outcome.hits[0]?.entry.id).toBe('kdbus');
  });

  it('answers "what did 3.8 bring for file systems?" with the release and all its file-system entries', () => {
    for (const question of ['what did 3.8 bring for file systems?', 'what did 3.8 bring for filesystems?', 'Was brachte 3.8 für Dateisysteme?']) {
      const outcome = search.search(question);
      expect(outcome.hits.map((h) => h.via)).toContain('version');
      expect(outcome.version).toBe('3.8');
      expect(outcome.areas).toContain('filesystems');
    }
  });
});
