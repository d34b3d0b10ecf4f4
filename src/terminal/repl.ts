import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandDeps } from '../../commands/command.ts';
import { answerLine, type TerminalState } from './session.ts';

/**
 * Terminal mode: the bot's commands without Discord. Interactive with a prompt on a TTY; with piped
 * stdin it answers every line and ends at end of input.
 */
export async function runTerminal(deps: CommandDeps, io: { input: Readable; output: Writable; interactive: boolean }): Promise<void> {
  // A German system locale (LANG=de_DE.UTF-8) starts the terminal in German; /lang switches.
  const state: TerminalState = { lang: /^de/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'de' : 'en' };
  const write = (text: string) => io.output.write(`${text}\n`);
  write(`kernelbot ${deps.botVersion} – terminal mode (no DISCORD_TOKEN set). ${deps.search.size} entries.`);
  write('Try: /feature kdbus · Was ist Live-Patching? · /release 4.0 · /kernel · /lang de · /help · /quit');

  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  // The reader went away (`npm start | head`): stop answering instead of crashing on EPIPE.
  io.output.on('error', () => rl.close());
  if (io.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (/^\/(quit|exit)\s*$/.test(line.trim())) break;
    if (!io.output.writable) break;
    write(await answerLine(line, state, deps));
    write('');
    if (io.interactive) rl.prompt();
  }
  rl.close();
}
