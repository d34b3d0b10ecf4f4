import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';
import { ADMIN } from '../src/i18n/admin.ts';
import { PROBLEMS } from '../src/i18n/problems.ts';

/** Channels where members write messages: text and announcement channels. */
const REF_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export const refs = defineCommand({
  definition: {
    name: 'refs',
    ...describe('Explain commit ids, CVEs and lore links posted in a channel', 'Commit-IDs, CVEs und lore-Links in einem Kanal erklären'),
    default_member_permissions: MANAGE_GUILD,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'on',
        ...describe('Reply to kernel references in a channel', 'Auf Kernel-Referenzen in einem Kanal antworten'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Text channel', 'Textkanal'), required: true, channel_types: [...REF_CHANNELS] }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'off',
        ...describe('Stop replying to references in a channel', 'Nicht mehr auf Referenzen in einem Kanal antworten'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Text channel', 'Textkanal'), required: true, channel_types: [...REF_CHANNELS] }],
      },
    ],
  },
  adminOnly: true,
  usage: { en: '/refs on|off – explain commit ids, CVEs and lore links in a channel (Manage Server)', de: '/refs on|off – Commit-IDs, CVEs und lore-Links in einem Kanal erklären (Server verwalten)' },
  async handle(options, invocation, deps) {
    const refusal = refuseUnlessAdmin(invocation);
    if (refusal) return refusal;
    const service = deps.services?.refs;
    if (!service) return unavailable(invocation);
    const channelId = options.id('channel')!;
    const t = ADMIN[invocation.lang];
    const channel = `<#${channelId}>`;
    if (options.subcommand() === 'off') {
      return note(invocation, (await service.channels.disable(channelId)) ? t.refsOff(channel) : t.refsWereOff(channel));
    }
    const access = await service.checkChannel(channelId);
    if (!access.ok) return note(invocation, t.cannotReply(channel, PROBLEMS[invocation.lang].channel(access.problem)));
    await service.channels.enable({ channelId, guildId: invocation.guildId! }, invocation.userId);
    return note(invocation, t.refsOn(channel));
  },
});
