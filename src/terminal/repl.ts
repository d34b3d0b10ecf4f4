import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandDeps } from '../../commands/command.ts';
import { answerLine, type TerminalState } from './session.ts';
import { inputLines } from './lines.ts';
import { capUserText } from '../answers/limits.ts';
import type { Language } from '../knowledge/schema.ts';

/** A German system locale (LANG=de_DE.UTF-8) starts the terminal in German; /lang switches. */
export function localeLanguage(env: NodeJS.ProcessEnv): Language {
  return /^de/i.test(env.LC_ALL || env.LANG || '') ? 'de' : 'en';
}

/**
 * Terminal mode: the bot's commands without Discord. Interactive with a prompt on a TTY; with piped
 * stdin it answers every line and ends at end of input.
 */
export async function runTerminal(deps: CommandDeps, io: { input: Readable; output: Writable; interactive: boolean; lang: Language }): Promise<void> {
  const state: TerminalState = { lang: io.lang };
  const write = (text: string) => io.output.write(`${text}\n`);
  write(`kernelbot ${deps.botVersion} – terminal mode (no DISCORD_TOKEN set). ${deps.search.size} entries.`);
  write('Try: /feature kdbus · Was ist Live-Patching? · /release 4.0 · /kernel · /lang de · /help · /quit');

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
    if (/^\/(quit|exit)\s*$/.test(line.trim())) break;
    if (gone || !io.output.writable) break;
    write(await answerLine(capUserText(line), state, deps));
    write('');
    rl?.prompt();
  }
  rl?.close();
}
