import { MessageFlags, type Interaction, type InteractionReplyOptions } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { CommandDeps, Invocation } from '../../commands/command.ts';
import { entryReply, type Reply } from '../answers/reply.ts';
import type { Language } from '../knowledge/schema.ts';
import type { RenderedMessage } from './render.ts';
import { NO_MENTIONS } from './policy.ts';
import { DISCORD } from '../i18n/discord.ts';
import type { RecentAnswers } from './recent-answers.ts';

/* What every interaction handler shares: its dependencies and a few small reply helpers. */

export interface RouterDeps {
  commandDeps: CommandDeps;
  logger: Logger;
  recent: RecentAnswers;
  /** Counts interactions and their latency (operations metrics), when the bot exposes them. */
  observe?: (info: { type: string; command: string; outcome: 'ok' | 'error'; seconds: number }) => void;
  /** How long a handler may run before the reply is deferred (Discord allows 3 s for the first response). */
  deferAfterMs?: number;
}

export function invocationOf(interaction: Interaction, lang: Language): Invocation {
  return {
    lang,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    canManageGuild: interaction.memberPermissions?.has('ManageGuild') ?? false,
    guildLocale: interaction.guildLocale,
    userLocale: interaction.locale,
  };
}

export function ephemeral(rendered: RenderedMessage): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { embeds: rendered.embeds, components: rendered.components, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

export function entryOrGone(entryId: string, lang: Language, deps: RouterDeps): Reply {
  const { search } = deps.commandDeps;
  const entry = search.get(entryId);
  if (entry) return entryReply(entry, search, lang);
  return { type: 'message', lang, title: null, text: DISCORD[lang].entryGone(entryId), ephemeral: true };
}
