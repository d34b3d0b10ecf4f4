import { ApplicationCommandType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';

/**
 * The message context-menu entry: right-click a message → Apps → Find kernel answer. Discord-only,
 * so its handler lives in the Discord adapter (src/discord/context-menu.ts); the definition is here,
 * beside every other command, for the runtime, the deployment step and the tests.
 */
export const FIND_ANSWER_MENU = {
  type: ApplicationCommandType.Message,
  name: 'Find kernel answer',
  name_localizations: { de: 'Kernel-Antwort finden' },
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
