import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandDeps } from '../../commands/command.ts';
import { answerLine, type TerminalState } from './session.ts';
import { inputLines } from './lines.ts';
import { formatForTerminal, warn } from './format.ts';
import { capUserText } from '../answers/limits.ts';
import type { Language } from '../knowledge/schema.ts';
import { TERMINAL } from '../i18n/terminal.ts';

/** A German system locale (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them) starts the terminal in German; /lang switches. */
export function localeLanguage(env: NodeJS.ProcessEnv): Language {
  return /^de/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'de' : 'en';
}

export interface TerminalIo {
  input: Readable;
  output: Writable;
  interactive: boolean;
  lang: Language;
  /** Colour the output (a TTY without NO_COLOR). */
  colour: boolean;
  /** The terminal's width now (it changes when the window does); undefined: 80. */
  columns: () => number | undefined;
}

/**
 * Terminal mode: the bot's commands without Discord. Interactive with a prompt on a TTY; with piped
 * stdin it answers every line and ends at end of input.
 */
export async function runTerminal(deps: CommandDeps, io: TerminalIo): Promise<void> {
  const state: TerminalState = { lang: io.lang };
  const write = (text: string, warning = false) => {
    const shown = formatForTerminal(text, { colour: io.colour, columns: io.columns() });
    io.output.write(`${warning ? warn(shown, io.colour) : shown}\n`);
  };
  const t = TERMINAL[io.lang];
  write(`${t.banner(deps.botVersion, deps.search.size)}\n${t.tryThis}`);

  // A TTY gets readline (editing, prompt); piped input is split at "\n" only, so "\r\n" is one line.
  const rl = io.interactive ? createInterface({ input: io.input, output: io.output, terminal: true }) : null;
  // The reader went away (`npm start | head`): stop answering instead of crashing on EPIPE.
  let gone = false;
  io.output.on('error', () => {
    gone = true;
    rl?.close();
  });
  rl?.setPrompt('> ');
  rl?.prompt();
  for await (const line of rl ?? inputLines(io.input)) {
    if (/^\/(quit|exit)(\s|$)/i.test(line.trim())) break;
    if (gone || !io.output.writable) break;
    const answer = await answerLine(capUserText(line), state, deps);
    write(answer.text, answer.warning);
    write('');
    rl?.prompt();
  }
  rl?.close();
}
