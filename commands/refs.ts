import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';

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
    if (options.subcommand() === 'off') {
      return (await service.channels.disable(channelId))
        ? note(invocation, `No longer explaining references in <#${channelId}>.`, `In <#${channelId}> werden keine Referenzen mehr erklärt.`)
        : note(invocation, `References were not explained in <#${channelId}>.`, `In <#${channelId}> wurden keine Referenzen erklärt.`);
    }
    const access = await service.checkChannel(channelId);
    if (!access.ok) return note(invocation, `I cannot reply in <#${channelId}>: ${access.problem}`, `Ich kann in <#${channelId}> nicht antworten: ${access.problem}`);
    await service.channels.enable({ channelId, guildId: invocation.guildId! }, invocation.userId);
    return note(
      invocation,
      `In <#${channelId}>, a commit id (12+ hex digits, also in Fixes: lines), a CVE id or a lore.kernel.org link gets one short reply with what it is (looked up on kernel.org; nothing is posted when the lookup finds nothing). Needs the Message Content intent (MESSAGE_CONTENT_INTENT=true).`,
      `In <#${channelId}> bekommt eine Commit-ID (12+ Hex-Ziffern, auch in Fixes:-Zeilen), eine CVE-ID oder ein lore.kernel.org-Link eine kurze Antwort, worum es geht (nachgeschlagen auf kernel.org; findet sich nichts, wird nichts gepostet). Braucht den Message-Content-Intent (MESSAGE_CONTENT_INTENT=true).`,
    );
  },
});
