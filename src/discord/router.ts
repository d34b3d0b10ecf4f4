import type { Interaction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { Logger } from '../logger.ts';
import { labels } from '../i18n/answers.ts';
import { resolveLanguage } from './language.ts';
import { NO_MENTIONS } from './policy.ts';
import type { RouterDeps } from './interactions.ts';
import { handleAutocomplete, handleSlash } from './slash.ts';
import { handleButton, handleSelect } from './components.ts';
import { handleFindAnswer } from './context-menu.ts';

export type { RouterDeps };

/**
 * The one interaction router: every interaction goes through here, and any error becomes an
 * ephemeral "something went wrong" plus a log line naming the command, never a crash or silence.
 */
export function createInteractionRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) await handleSlash(interaction, deps);
      else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
      else if (interaction.isMessageContextMenuCommand()) await handleFindAnswer(interaction, deps);
      else if (interaction.isButton()) await handleButton(interaction, deps);
      else if (interaction.isStringSelectMenu()) await handleSelect(interaction, deps);
      else return;
      // Keystrokes (autocomplete) stay out of the info log; everything a member does is in it.
      const level = interaction.isAutocomplete() ? 'debug' : 'info';
      deps.logger[level]({ command: describeInteraction(interaction), guildId: interaction.guildId, ms: Math.round(performance.now() - started) }, 'interaction handled');
      deps.observe?.({ type: interactionType(interaction), command: commandName(interaction), outcome: 'ok', seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      deps.observe?.({ type: interactionType(interaction), command: commandName(interaction), outcome: 'error', seconds: (performance.now() - started) / 1000 });
      await reportFailure(interaction, error, deps.logger);
    }
  };
}

function interactionType(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return 'slash';
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isContextMenuCommand()) return 'menu';
  if (interaction.isButton()) return 'button';
  if (interaction.isStringSelectMenu()) return 'select';
  return 'other';
}

/** The command name, or the component's kind (custom ids carry entry ids and message ids: too many labels). */
function commandName(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent()) return interaction.customId.split(/[:|]/)[0] ?? 'component';
  return 'other';
}

function describeInteraction(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `component ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}

async function reportFailure(interaction: Interaction, error: unknown, logger: Logger): Promise<void> {
  logger.error({ err: error, command: describeInteraction(interaction), guildId: interaction.guildId, userId: interaction.user.id }, 'interaction failed');
  if (!interaction.isRepliable()) return;
  const lang = resolveLanguage(null, interaction.guildLocale);
  const message = { content: labels(lang).error, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  try {
    if (interaction.deferred && !interaction.replied) await interaction.editReply({ content: message.content, embeds: [], components: [] });
    else if (interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (replyError) {
    logger.warn({ err: replyError, command: describeInteraction(interaction) }, 'could not tell the user about the failure');
  }
}
