import { loadConfig, ConfigError } from './config.ts';
import { KnowledgeError } from './knowledge/files.ts';
import { loadSearch } from './startup.ts';
import { COMMANDS } from '../commands/registry.ts';
import { BOT_VERSION } from './version.ts';
import { runTerminal } from './terminal/repl.ts';
import type { CommandDeps } from '../commands/command.ts';
import { terminalServices } from './terminal/services.ts';
import { createLogger } from './logger.ts';

/** npm start: the Discord bot with DISCORD_TOKEN, else terminal mode. Setup problems print clearly and exit 1. */
async function main(): Promise<void> {
  const config = loadConfig();
  const search = await loadSearch(config.KNOWLEDGE_DIR, import.meta.url);
  const deps: CommandDeps = { search, commands: COMMANDS, botVersion: BOT_VERSION, now: () => new Date() };

  if (!config.DISCORD_TOKEN) {
    const { services, close } = await terminalServices(config, createLogger({ level: config.LOG_LEVEL }));
    await runTerminal({ ...deps, services }, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    await close();
    return;
  }
  const { startBot } = await import('./discord/bot.ts');
  await startBot(config, deps);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    console.error(error.message);
  } else {
    console.error(`kernelbot could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
});
