import {
  ChannelType,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type StringSelectMenuInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import type { CommandDeps, Invocation, OptionReader } from '../../commands/command.ts';
import { labels } from '../answers/i18n.ts';
import { entryReply, releaseReply, replyForOutcome, entryRef, type Reply } from '../answers/reply.ts';
import type { Language } from '../knowledge/schema.ts';
import { renderDiscord, postButton, buttonRow, type RenderedMessage } from './render.ts';
import { decodeCustomId } from './custom-ids.ts';
import { resolveLanguage } from './language.ts';
import { LIMITS, clip, mentionOnly, NO_MENTIONS } from './policy.ts';
import type { RecentAnswers } from './recent-answers.ts';
import { FIND_ANSWER_MENU } from './context-menu.ts';

export interface RouterDeps {
  commandDeps: CommandDeps;
  logger: Logger;
  recent: RecentAnswers;
  /** How long a handler may run before the reply is deferred (Discord allows 3 s for the first response). */
  deferAfterMs?: number;
}

/**
 * The one interaction router: every interaction goes through here, and any error becomes an
 * ephemeral "something went wrong" plus a log line naming the command, never a crash or silence.
 */
export function createInteractionRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await handleSlash(interaction, deps);
      else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
      else if (interaction.isMessageContextMenuCommand()) await handleFindAnswer(interaction, deps);
      else if (interaction.isButton()) await handleButton(interaction, deps);
      else if (interaction.isStringSelectMenu()) await handleSelect(interaction, deps);
    } catch (error) {
      await reportFailure(interaction, error, deps.logger);
    }
  };
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

function invocationOf(interaction: Interaction, lang: Language): Invocation {
  return {
    lang,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    canManageGuild: interaction.memberPermissions?.has('ManageGuild') ?? false,
  };
}

async function handleSlash(interaction: ChatInputCommandInteraction, deps: RouterDeps): Promise<void> {
  const command = deps.commandDeps.commands.find((c) => c.definition.name === interaction.commandName);
  if (!command) throw new Error(`no handler for /${interaction.commandName}`);
  const options = optionReader(interaction);
  const lang = resolveLanguage(options.string('lang'), interaction.guildLocale);
  const hide = options.boolean('hide') ?? false;
  const mention = options.id('mention');

  const reply = await withDeferral(interaction, hide, deps.deferAfterMs ?? 2000, () =>
    command.handle(options, invocationOf(interaction, lang), deps.commandDeps),
  );
  const rendered = renderDiscord(reply, { ownerId: interaction.user.id, ephemeral: hide || undefined });
  await sendAnswer(interaction, rendered, mention, deps);
}

/** Runs the handler; if it is still busy after `afterMs`, defers so Discord's 3-second window is kept. */
async function withDeferral(
  interaction: ChatInputCommandInteraction,
  ephemeral: boolean,
  afterMs: number,
  work: () => Reply | Promise<Reply>,
): Promise<Reply> {
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
  if (!rendered.ephemeral && rendered.entryId) {
    const earlier = deps.recent.find(channelId, rendered.entryId);
    if (earlier) {
      const lang = resolveLanguage(null, interaction.guildLocale);
      const text = lang === 'de' ? `Diese Antwort steht hier gerade erst: ${earlier}` : `I answered this here a moment ago: ${earlier}`;
      const pointer = { content: text, embeds: [], components: [], allowedMentions: NO_MENTIONS };
      if (interaction.deferred) {
        await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp({ ...pointer, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ ...pointer, flags: MessageFlags.Ephemeral });
      }
      return;
    }
  }
  // Claim the slot before sending, so a second request racing this one already sees it.
  const claim = !rendered.ephemeral && rendered.entryId ? rendered.entryId : null;
  if (claim) deps.recent.remember(channelId, claim, `https://discord.com/channels/${interaction.guildId ?? '@me'}/${channelId}`);
  const target = rendered.ephemeral ? null : mention;
  const payload = {
    content: target ? `<@${target}>` : undefined,
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: mentionOnly(target),
  };
  if (interaction.deferred) {
    const message = await interaction.editReply(payload);
    if (claim) deps.recent.remember(channelId, claim, message.url);
    return;
  }
  const response = await interaction.reply({ ...payload, flags: rendered.ephemeral ? MessageFlags.Ephemeral : undefined, withResponse: true });
  const message = response.resource?.message;
  if (claim && message) deps.recent.remember(channelId, claim, message.url);
}

async function handleAutocomplete(interaction: AutocompleteInteraction, deps: RouterDeps): Promise<void> {
  const command = deps.commandDeps.commands.find((c) => c.definition.name === interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const lang = resolveLanguage(interaction.options.getString('lang'), interaction.guildLocale);
  const choices = command?.autocomplete?.(focused.name, String(focused.value), invocationOf(interaction, lang), deps.commandDeps) ?? [];
  await interaction.respond(
    choices.slice(0, LIMITS.choices).map((c) => ({ name: clip(c.name, LIMITS.choiceName) || c.value.slice(0, LIMITS.choiceName), value: c.value.slice(0, 100) })),
  );
}

function ephemeral(rendered: RenderedMessage): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { embeds: rendered.embeds, components: rendered.components, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

function entryOrGone(entryId: string, lang: Language, deps: RouterDeps): Reply {
  const { search } = deps.commandDeps;
  const entry = search.get(entryId);
  if (entry) return entryReply(entry, search, lang);
  const text = lang === 'de' ? `Den Eintrag „${entryId}“ gibt es nicht mehr. Versuch /ask.` : `The entry “${entryId}” no longer exists. Try /ask.`;
  return { type: 'message', lang, title: null, text, ephemeral: true };
}

async function handleButton(interaction: ButtonInteraction, deps: RouterDeps): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (!action) throw new Error(`unknown button ${interaction.customId}`);
  switch (action.action) {
    case 'show':
    case 'lang':
      await interaction.reply(ephemeral(renderDiscord(entryOrGone(action.entryId, action.lang, deps), { ephemeral: true })));
      return;
    case 'release':
      await interaction.reply(ephemeral(renderDiscord(releaseReply(action.version, deps.commandDeps.search, action.lang), { ephemeral: true })));
      return;
    case 'delete': {
      if (interaction.user.id !== action.ownerId) {
        const lang = resolveLanguage(null, interaction.guildLocale);
        const text = lang === 'de' ? 'Nur wer gefragt hat, kann diese Antwort löschen.' : 'Only the person who asked can delete this answer.';
        await interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      await interaction.deferUpdate();
      await interaction.deleteReply();
      return;
    }
    case 'post': {
      const reply = entryOrGone(action.entryId, action.lang, deps);
      if (reply.type !== 'entry') {
        await interaction.reply(ephemeral(renderDiscord(reply, { ephemeral: true })));
        return;
      }
      const rendered = renderDiscord(reply, { ownerId: interaction.user.id });
      const channel = interaction.channel;
      if (!channel?.isSendable()) throw new Error('the context-menu channel is not sendable');
      await channel.send({
        embeds: rendered.embeds,
        components: rendered.components,
        reply: { messageReference: action.messageId, failIfNotExists: false },
        allowedMentions: { parse: [], repliedUser: true },
      });
      const text = action.lang === 'de' ? 'Gepostet.' : 'Posted.';
      await interaction.update({ content: text, embeds: [], components: [] });
      return;
    }
    case 'solved':
    case 'unhelpful':
    case 'dismiss':
      await handleQaButton(interaction, action.action, action.ownerId, deps);
      return;
    case 'related':
      throw new Error('a select id arrived on a button');
  }
}

const SOLVED_TAG = /solved|resolved|gel(o|ö)st|erledigt|beantwortet|answered/i;

/** The asker's buttons on a Q&A suggestion: mark the post solved, or remove an unhelpful suggestion. */
async function handleQaButton(interaction: ButtonInteraction, verdict: 'solved' | 'unhelpful' | 'dismiss', ownerId: string, deps: RouterDeps): Promise<void> {
  const lang = resolveLanguage(null, interaction.guildLocale);
  const de = lang === 'de';
  if (interaction.user.id !== ownerId) {
    const text = de ? 'Nur wer die Frage gestellt hat, kann das.' : 'Only the person who asked can do this.';
    await interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const qa = deps.commandDeps.services?.qa;
  const channel = interaction.channel;
  const title = channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : '';
  if (verdict === 'dismiss') {
    await interaction.deferUpdate();
    await interaction.deleteReply();
    return;
  }
  qa?.resolvePost(interaction.channelId, verdict, title);
  if (verdict === 'unhelpful') {
    await interaction.deferUpdate();
    await interaction.deleteReply();
    return;
  }
  let tagged = false;
  if (channel?.isThread() && channel.parent?.type === ChannelType.GuildForum) {
    const tag = channel.parent.availableTags.find((t) => SOLVED_TAG.test(t.name));
    if (tag && !channel.appliedTags.includes(tag.id)) {
      await channel.setAppliedTags([...channel.appliedTags, tag.id].slice(-5), 'marked solved by its author');
      tagged = true;
    }
  }
  const text = de ? `✅ Als gelöst markiert${tagged ? ' (Tag gesetzt)' : ''}. Danke!` : `✅ Marked as solved${tagged ? ' (tag applied)' : ''}. Thanks!`;
  await interaction.update({ content: text, components: [], allowedMentions: NO_MENTIONS });
}

async function handleSelect(interaction: StringSelectMenuInteraction, deps: RouterDeps): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (action?.action !== 'related') throw new Error(`unknown select menu ${interaction.customId}`);
  const entryId = interaction.values[0] ?? '';
  await interaction.reply(ephemeral(renderDiscord(entryOrGone(entryId, action.lang, deps), { ephemeral: true })));
}

/** "Find kernel answer" on a message: ephemeral suggestions, each with a button to post it as a reply. */
async function handleFindAnswer(interaction: MessageContextMenuCommandInteraction, deps: RouterDeps): Promise<void> {
  if (interaction.commandName !== FIND_ANSWER_MENU.name) throw new Error(`no handler for menu ${interaction.commandName}`);
  const lang = resolveLanguage(null, interaction.guildLocale);
  const { search } = deps.commandDeps;
  const text = clip(interaction.targetMessage.content ?? '', 300);
  const outcome = search.search(text);
  deps.commandDeps.services?.qa?.recordOutcome(text, outcome);
  const reply = replyForOutcome(outcome, search, lang);
  const rendered = renderDiscord(reply, { ephemeral: true });
  if (outcome.answered) {
    const refs = outcome.hits.slice(0, 3).map((h) => entryRef(h.entry, lang));
    rendered.components = [buttonRow(refs.map((r) => postButton(r, lang, interaction.targetId)))];
  }
  await interaction.reply(ephemeral(rendered));
}
