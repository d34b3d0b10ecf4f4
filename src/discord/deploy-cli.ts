import { REST } from 'discord.js';
import { Routes, type APIApplication } from 'discord-api-types/v10';
import { loadConfig, ConfigError } from '../config.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { syncCommands } from './deploy.ts';

/** npm run deploy: registers the commands to DISCORD_GUILD_ID when set (instant), else globally. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) throw new ConfigError(['DISCORD_TOKEN is required for npm run deploy']);
  const rest = new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(config.DISCORD_TOKEN);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const guildId = config.DISCORD_GUILD_ID ?? null;
  const result = await syncCommands(rest, { applicationId: application.id, guildId, commands: COMMANDS, force: true });
  console.log(`Registered ${result.count} commands ${guildId ? `to guild ${guildId}` : 'globally (may take up to an hour to appear)'}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
