import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { OptionReader } from '../../commands/command.ts';
import type { Reply } from '../answers/reply.ts';
import { renderDiscord, type RenderedMessage } from './render.ts';
import { resolveLanguage } from './language.ts';
import { LIMITS, clip, mentionOnly, NO_MENTIONS } from './policy.ts';
import { invocationOf, type RouterDeps } from './interactions.ts';
import { capUserText, MAX_AUTOCOMPLETE_TEXT } from '../answers/limits.ts';
import { DISCORD } from '../i18n/discord.ts';

/* Slash commands and their autocomplete: options in, reply model out, rendered under the response policy. */

function optionReader(interaction: ChatInputCommandInteraction): OptionReader {
  const value = (name: string) => interaction.options.get(name, false)?.value;
  return {
    subcommand: () => interaction.options.getSubcommand(false),
    string: (name) => {
      const v = value(name);
      return typeof v === 'string' ? v : null;
    },
    boolean: (name) => {
      const v = value(name);
      return typeof v === 'boolean' ? v : null;
    },
    id: (name) => {
      const v = value(name);
      return typeof v === 'string' ? v : null;
    },
    channelType: (name) => interaction.options.get(name, false)?.channel?.type ?? null,
  };
}

export async function handleSlash(interaction: ChatInputCommandInteraction, deps: RouterDeps): Promise<void> {
  const command = deps.commandDeps.commands.find((c) => c.definition.name === interaction.commandName);
  if (!command) throw new Error(`no handler for /${interaction.commandName}`);
  const options = optionReader(interaction);
  const lang = resolveLanguage(options.string('lang'), interaction.guildLocale);
  const hide = options.boolean('hide') ?? false;
  const mention = options.id('mention');

  // Admin replies are always private, so a deferred "thinking…" must be private too (it cannot change later).
  const reply = await withDeferral(interaction, hide || Boolean(command.adminOnly), deps.deferAfterMs ?? 2000, () => command.handle(options, invocationOf(interaction, lang), deps.commandDeps));
  const rendered = renderDiscord(reply, { ownerId: interaction.user.id, ephemeral: hide || undefined });
  await sendAnswer(interaction, rendered, mention, deps);
}

/** Runs the handler; if it is still busy after `afterMs`, defers so Discord's 3-second window is kept. */
async function withDeferral(interaction: ChatInputCommandInteraction, ephemeral: boolean, afterMs: number, work: () => Reply | Promise<Reply>): Promise<Reply> {
  const pending = Promise.resolve().then(work);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), afterMs);
  });
  const first = await Promise.race([pending, slow]);
  clearTimeout(timer);
  if (first === 'slow') {
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    return pending;
  }
  return first;
}

async function sendAnswer(interaction: ChatInputCommandInteraction, rendered: RenderedMessage, mention: string | null, deps: RouterDeps): Promise<void> {
  const channelId = interaction.channelId;
  // Claim the slot before sending (atomically, across processes), so a racing request already sees it.
  const claim = !rendered.ephemeral && rendered.entryId ? rendered.entryId : null;
  if (claim) {
    const earlier = await deps.recent.claim(channelId, claim, `https://discord.com/channels/${interaction.guildId ?? '@me'}/${channelId}`);
    if (earlier) {
      const lang = resolveLanguage(null, interaction.guildLocale);
      const pointer = { content: DISCORD[lang].answeredRecently(earlier), embeds: [], components: [], allowedMentions: NO_MENTIONS };
      if (interaction.deferred) {
        await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp({ ...pointer, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ ...pointer, flags: MessageFlags.Ephemeral });
      }
      return;
    }
  }
  const target = rendered.ephemeral ? null : mention;
  const payload = {
    content: target ? `<@${target}>` : undefined,
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: mentionOnly(target),
  };
  try {
    if (interaction.deferred) {
      const message = await interaction.editReply(payload);
      if (claim) await deps.recent.record(channelId, claim, message.url);
      return;
    }
    const response = await interaction.reply({ ...payload, flags: rendered.ephemeral ? MessageFlags.Ephemeral : undefined, withResponse: true });
    const message = response.resource?.message;
    if (claim && message) await deps.recent.record(channelId, claim, message.url);
  } catch (error) {
    if (claim) await deps.recent.release(channelId, claim);
    throw error;
  }
}

export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: RouterDeps): Promise<void> {
  const command = deps.commandDeps.commands.find((c) => c.definition.name === interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const lang = resolveLanguage(interaction.options.getString('lang'), interaction.guildLocale);
  // Discord does not hold typed autocomplete text to the option's max_length: clip before anything searches it.
  const typed = capUserText(focused.value, declaredMaxLength(command?.definition.options, focused.name) ?? MAX_AUTOCOMPLETE_TEXT);
  const choices = command?.autocomplete?.(focused.name, typed, invocationOf(interaction, lang), deps.commandDeps) ?? [];
  await interaction.respond(choices.slice(0, LIMITS.choices).map((c) => ({ name: clip(c.name, LIMITS.choiceName) || c.value.slice(0, LIMITS.choiceName), value: c.value.slice(0, 100) })));
}

interface OptionShape {
  name: string;
  max_length?: number;
  options?: readonly OptionShape[];
}

/** The max_length a command definition declares for an option (also inside subcommands). */
function declaredMaxLength(options: readonly OptionShape[] | undefined, name: string): number | undefined {
  for (const option of options ?? []) {
    if (option.name === name && option.max_length) return option.max_length;
    const nested = declaredMaxLength(option.options, name);
    if (nested) return nested;
  }
  return undefined;
}
