import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { REST } from 'discord.js';
import { Routes, type APIApplication } from 'discord-api-types/v10';
import { loadConfig, ConfigError } from '../config.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { syncCommands } from './deploy.ts';

/** Where `npm run deploy` reads and writes: the real process, or an environment and streams a test hands in. */
export interface DeployIo {
  env: NodeJS.ProcessEnv;
  /** The directory whose .env is read. */
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

/** npm run deploy: registers the commands to DISCORD_GUILD_ID when set (instant), else globally. Resolves with the exit code. */
export async function runDeploy(io: DeployIo): Promise<number> {
  try {
    const config = loadConfig(io.env, join(io.cwd, '.env'), (warning) => io.stderr.write(`${warning}\n`));
    if (!config.DISCORD_TOKEN) throw new ConfigError(['DISCORD_TOKEN is required for npm run deploy']);
    const rest = new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(config.DISCORD_TOKEN);
    const application = (await rest.get(Routes.currentApplication())) as APIApplication;
    const guildId = config.DISCORD_GUILD_ID ?? null;
    const result = await syncCommands(rest, { applicationId: application.id, guildId, commands: COMMANDS, force: true });
    io.stdout.write(`Registered ${result.count} commands ${guildId ? `to guild ${guildId}` : 'globally (may take up to an hour to appear)'}.\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof ConfigError ? error.message : `deploy failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 1;
  }
}
