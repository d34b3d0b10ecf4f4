import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** The message context-menu entry: right-click a message → Apps → Find kernel answer. */
export const FIND_ANSWER_MENU = {
  type: 3,
  name: 'Find kernel answer',
  name_localizations: { de: 'Kernel-Antwort finden' },
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
