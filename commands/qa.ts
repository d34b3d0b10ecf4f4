import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';

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
    switch (options.subcommand()) {
      case 'add': {
        const kind = options.channelType('channel') === ChannelType.GuildForum ? 'forum' : 'text';
        await service.watch({ channelId: channelId!, guildId: invocation.guildId!, kind }, invocation.userId);
        return kind === 'forum'
          ? note(invocation, `Watching the forum <#${channelId}>: new posts get suggestions when I am confident.`, `Ich beobachte das Forum <#${channelId}>: neue Beiträge bekommen Vorschläge, wenn ich mir sicher bin.`)
          : note(
              invocation,
              `Watching <#${channelId}>: questions that match an entry well get a short suggestion (needs the Message Content intent, MESSAGE_CONTENT_INTENT=true; otherwise only @mentions).`,
              `Ich beobachte <#${channelId}>: Fragen, die gut zu einem Eintrag passen, bekommen einen kurzen Vorschlag (braucht den Message-Content-Intent, MESSAGE_CONTENT_INTENT=true; sonst nur @Erwähnungen).`,
            );
      }
      case 'remove':
        return (await service.unwatch(channelId!))
          ? note(invocation, `No longer watching <#${channelId}>.`, `<#${channelId}> wird nicht mehr beobachtet.`)
          : note(invocation, `<#${channelId}> was not watched.`, `<#${channelId}> wurde nicht beobachtet.`);
      default: {
        const channels = await service.channelsOf(invocation.guildId!);
        // Channels where commit ids, CVEs and lore links get explained (/refs on).
        const refChannels = (await deps.services?.refs?.channels.channelsOf(invocation.guildId!)) ?? [];
        const refsLine = refChannels.length > 0 ? refChannels.map((id) => `<#${id}>`).join(', ') : null;
        const refsEn = `References explained in: ${refsLine ?? 'no channel (/refs on)'}`;
        const refsDe = `Referenzen erklärt in: ${refsLine ?? 'keinem Kanal (/refs on)'}`;
        if (channels.length === 0) return note(invocation, `No Q&A channels yet. Use /qa add.\n${refsEn}`, `Noch keine Q&A-Kanäle. Nutze /qa add.\n${refsDe}`);
        const list = channels.map((c) => `<#${c.channelId}> (${c.kind})`).join('\n');
        const solved = await service.solvedCount();
        return note(invocation, `${list}\n\nPosts marked solved after a suggestion: ${solved}\n${refsEn}`, `${list}\n\nNach einem Vorschlag als gelöst markiert: ${solved}\n${refsDe}`);
      }
    }
  },
});
