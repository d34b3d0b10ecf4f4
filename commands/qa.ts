import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';
import { ADMIN } from '../src/i18n/admin.ts';

/** Channels a Q&A watch makes sense in: text, announcement and forum channels. */
const WATCHABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] as const;

export const qa = defineCommand({
  definition: {
    name: 'qa',
    ...describe('Q&A channels where the bot suggests answers', 'Q&A-Kanäle, in denen der Bot Antworten vorschlägt'),
    default_member_permissions: MANAGE_GUILD,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        ...describe('Watch a help forum or text channel', 'Ein Hilfe-Forum oder einen Textkanal beobachten'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Forum or text channel', 'Forum oder Textkanal'), required: true, channel_types: [...WATCHABLE] }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        ...describe('Stop watching a channel', 'Einen Kanal nicht mehr beobachten'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('The watched channel', 'Der beobachtete Kanal'), required: true, channel_types: [...WATCHABLE] }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'show', ...describe('List watched channels', 'Beobachtete Kanäle anzeigen') },
    ],
  },
  adminOnly: true,
  usage: { en: '/qa add|remove|show – Q&A channels (Manage Server)', de: '/qa add|remove|show – Q&A-Kanäle (Server verwalten)' },
  async handle(options, invocation, deps) {
    const refusal = refuseUnlessAdmin(invocation);
    if (refusal) return refusal;
    const service = deps.services?.qa;
    if (!service) return unavailable(invocation);
    const channelId = options.id('channel');
    const t = ADMIN[invocation.lang];
    const channel = `<#${channelId}>`;
    switch (options.subcommand()) {
      case 'add': {
        const kind = options.channelType('channel') === ChannelType.GuildForum ? 'forum' : 'text';
        await service.watch({ channelId: channelId!, guildId: invocation.guildId!, kind }, invocation.userId);
        return note(invocation, kind === 'forum' ? t.watchingForum(channel) : t.watchingText(channel));
      }
      case 'remove':
        return note(invocation, (await service.unwatch(channelId!)) ? t.unwatched(channel) : t.notWatched(channel));
      default: {
        const channels = await service.channelsOf(invocation.guildId!);
        // Channels where commit ids, CVEs and lore links get explained (/refs on).
        const refChannels = (await deps.services?.refs?.channels.channelsOf(invocation.guildId!)) ?? [];
        const refsLine = refChannels.length > 0 ? refChannels.map((id) => `<#${id}>`).join(', ') : null;
        const refsText = refsLine ? t.refsIn(refsLine) : t.refsNowhere;
        if (channels.length === 0) return note(invocation, `${t.noQaChannels}\n${refsText}`);
        const list = channels.map((c) => `<#${c.channelId}> (${t.channelKind(c.kind)})`).join('\n');
        const solved = await service.solvedCount();
        return note(invocation, `${list}\n\n${t.solvedCount(solved)}\n${refsText}`);
      }
    }
  },
});
