import { createHash } from 'node:crypto';
import { Routes, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { REST } from 'discord.js';
import type { RegisteredCommand } from '../../commands/command.ts';
import { CONTEXT_MENUS } from '../../commands/registry.ts';

/** Everything we register with Discord: the slash commands and the context menus of the registry. */
export function commandPayloads(commands: readonly RegisteredCommand[]): RESTPutAPIApplicationCommandsJSONBody {
  return [...commands.map((c) => c.definition), ...CONTEXT_MENUS];
}

function definitionsHash(payload: RESTPutAPIApplicationCommandsJSONBody, guildId: string | null): string {
  return createHash('sha256').update(JSON.stringify({ guildId, payload })).digest('hex').slice(0, 16);
}

/** Where the last sync's hash is kept (the database's meta table in the bot, a map in tests). */
export interface SyncMemory {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

/**
 * Registers the commands (to one guild for development, else globally) with one bulk overwrite.
 * With a memory, skips the call when the definitions have not changed since the last sync.
 */
export async function syncCommands(
  rest: REST,
  options: { applicationId: string; guildId: string | null; commands: readonly RegisteredCommand[]; memory?: SyncMemory; force?: boolean },
): Promise<{ synced: boolean; count: number; hash: string }> {
  const payload = commandPayloads(options.commands);
  const hash = definitionsHash(payload, options.guildId);
  const key = `commands-hash:${options.applicationId}:${options.guildId ?? 'global'}`;
  if (!options.force && (await options.memory?.get(key)) === hash) return { synced: false, count: payload.length, hash };
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  await rest.put(route, { body: payload });
  await options.memory?.set(key, hash);
  return { synced: true, count: payload.length, hash };
}
