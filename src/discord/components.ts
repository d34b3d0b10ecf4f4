import { ChannelType, DiscordAPIError, MessageFlags, PermissionFlagsBits, type AnyThreadChannel, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { releaseReply } from '../answers/reply.ts';
import { renderDiscord } from './render.ts';
import { decodeCustomId } from './custom-ids.ts';
import { resolveLanguage } from './language.ts';
import { NO_MENTIONS } from './policy.ts';
import { entryOrGone, ephemeral, type RouterDeps } from './interactions.ts';
import { DISCORD } from '../i18n/discord.ts';
import { PROBLEMS } from '../i18n/problems.ts';
import { missingToPost } from './post-permissions.ts';

/* Buttons and select menus. Everything a click needs is in its custom id (see custom-ids.ts). */

export async function handleButton(interaction: ButtonInteraction, deps: RouterDeps): Promise<void> {
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
        await interaction.reply({ content: DISCORD[lang].onlyAskerDeletes, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
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
      const channel = interaction.channel;
      const missing = missingToPost(interaction.appPermissions, { inThread: channel?.isThread() ?? false, asReply: true, embeds: true });
      if (missing.length > 0 || !channel?.isSendable()) {
        const problem = missing.length > 0 ? PROBLEMS[action.lang].channel({ kind: 'missing-permissions', permissions: missing }) : PROBLEMS[action.lang].channel({ kind: 'not-visible' });
        await interaction.reply({ content: DISCORD[action.lang].cannotPost(problem), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      const rendered = renderDiscord(reply, { ownerId: interaction.user.id });
      await channel.send({
        embeds: rendered.embeds,
        components: rendered.components,
        reply: { messageReference: action.messageId, failIfNotExists: false },
        allowedMentions: { parse: [], repliedUser: true },
      });
      await interaction.update({ content: DISCORD[action.lang].posted, embeds: [], components: [] });
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
  const t = DISCORD[lang];
  if (interaction.user.id !== ownerId) {
    await interaction.reply({ content: t.onlyAsker, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
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
  await qa?.resolvePost(interaction.channelId, verdict, title);
  if (verdict === 'unhelpful') {
    await interaction.deferUpdate();
    await interaction.deleteReply();
    return;
  }
  const tag = channel?.isThread() ? await applySolvedTag(channel, deps) : 'none';
  const note = { applied: t.tagApplied, none: '', 'no-permission': t.tagNotAllowed }[tag];
  await interaction.update({ content: t.solved(note), components: [], allowedMentions: NO_MENTIONS });
}

/** Setting a forum post's tags needs Manage Threads: checked first, and a 403 is reported, never thrown. */
async function applySolvedTag(thread: AnyThreadChannel, deps: RouterDeps): Promise<'applied' | 'none' | 'no-permission'> {
  if (thread.parent?.type !== ChannelType.GuildForum) return 'none';
  const tag = thread.parent.availableTags.find((t) => SOLVED_TAG.test(t.name));
  if (!tag || thread.appliedTags.includes(tag.id)) return 'none';
  const me = thread.guild.members.me;
  if (!me || !thread.permissionsFor(me).has(PermissionFlagsBits.ManageThreads)) return 'no-permission';
  try {
    await thread.setAppliedTags([...thread.appliedTags, tag.id].slice(-5), 'marked solved by its author');
    return 'applied';
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 403) {
      deps.logger.warn({ threadId: thread.id }, 'solved tag not applied: missing Manage Threads');
      return 'no-permission';
    }
    throw error;
  }
}

export async function handleSelect(interaction: StringSelectMenuInteraction, deps: RouterDeps): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (action?.action !== 'related') throw new Error(`unknown select menu ${interaction.customId}`);
  const entryId = interaction.values[0] ?? '';
  await interaction.reply(ephemeral(renderDiscord(entryOrGone(entryId, action.lang, deps), { ephemeral: true })));
}
