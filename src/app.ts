import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { loadConfig, ConfigError } from './config.ts';
import { KnowledgeError } from './knowledge/files.ts';
import type { KnowledgeSearch } from './search/index.ts';
import { loadSearch } from './startup.ts';
import { COMMANDS } from '../commands/registry.ts';
import { BOT_VERSION } from './version.ts';
import { runTerminal, localeLanguage } from './terminal/repl.ts';
import { useColour } from './terminal/format.ts';
import type { CommandDeps } from '../commands/command.ts';
import { terminalServices } from './terminal/services.ts';

/** Where `npm start` reads and writes: the real process, or streams and an environment a test hands in. */
export interface AppIo {
  env: NodeJS.ProcessEnv;
  /** The directory whose .env is read. */
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
  /** isTTY and columns as on process.stdout: colour and line width of terminal mode. */
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  /** The default knowledge base, already loaded: tests share one instead of validating and indexing it for every run. */
  knowledge?: () => KnowledgeSearch;
}

/**
 * npm start: the Discord bot with DISCORD_TOKEN, else terminal mode. Setup problems print clearly
 * and give exit code 1. `programUrl` is the entry
 * file's URL (the bundled bot keeps its knowledge snapshot beside it). Resolves when terminal mode ends; the bot keeps running until a signal.
 */
export async function runApp(io: AppIo, programUrl: string): Promise<number> {
  try {
    const config = loadConfig(io.env, join(io.cwd, '.env'), (warning) => io.stderr.write(`${warning}\n`));
    const search = io.knowledge && config.KNOWLEDGE_DIR === undefined ? io.knowledge() : await loadSearch(config.KNOWLEDGE_DIR, programUrl);
    const deps: CommandDeps = { search, commands: COMMANDS, botVersion: BOT_VERSION, now: () => new Date() };

    if (!config.DISCORD_TOKEN) {
      const { services, close } = await terminalServices(config, (warning) => io.stderr.write(`${warning}\n`));
      const lang = localeLanguage(io.env);
      await runTerminal(
        { ...deps, services },
        { input: io.stdin, output: io.stdout, interactive: Boolean(io.stdin.isTTY), lang, colour: useColour(io.stdout, io.env), columns: () => io.stdout.columns },
      );
      await close();
      return 0;
    }
    const { startBot } = await import('./discord/bot.ts');
    await startBot(config, deps);
    return 0;
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof KnowledgeError ? error.message : `kernelbot could not start: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`${message}\n`);
    return 1;
  }
}
