import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';
import { ANNOUNCE_TYPES, parseAnnounceTypes } from '../src/config.ts';
import { formatAge } from '../src/releases/current.ts';

const TYPE_PRESETS = ['mainline,rc,stable,longterm,eol', 'mainline,eol', 'mainline,rc', 'stable,longterm,eol', 'all'];

export const announce = defineCommand({
  definition: {
    name: 'announce',
    ...describe('Kernel release announcements in this server', 'Ankündigungen neuer Kernel-Versionen auf diesem Server'),
    default_member_permissions: MANAGE_GUILD,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        ...describe('Announce new kernel releases in a channel', 'Neue Kernel-Versionen in einem Kanal ankündigen'),
        options: [
          { type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Where to post', 'Wohin gepostet wird'), required: true, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
          { type: ApplicationCommandOptionType.String, name: 'types', ...describe('Kinds, e.g. mainline,stable,eol (default: all but linux-next)', 'Arten, z. B. mainline,stable,eol (Standard: alle außer linux-next)'), autocomplete: true, max_length: 100 },
          { type: ApplicationCommandOptionType.Role, name: 'role', ...describe('Role to ping with each announcement', 'Rolle, die bei jeder Ankündigung erwähnt wird') },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'show', ...describe('Show subscriptions, last fetch, last delivery and problems', 'Abos, letzten Abruf, letzte Zustellung und Probleme zeigen') },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'test',
        ...describe('Post a sample announcement', 'Eine Beispiel-Ankündigung posten'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Channel (default: the subscribed one)', 'Kanal (Standard: der abonnierte)'), channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'off',
        ...describe('Stop announcements (one channel or all)', 'Ankündigungen beenden (ein Kanal oder alle)'),
        options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', ...describe('Channel (default: all of this server)', 'Kanal (Standard: alle auf diesem Server)'), channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }],
      },
    ],
  },
  adminOnly: true,
  usage: { en: '/announce set|show|test|off – release announcements (Manage Server)', de: '/announce set|show|test|off – Versions-Ankündigungen (Server verwalten)' },
  async handle(options, invocation, deps) {
    const refusal = refuseUnlessAdmin(invocation);
    if (refusal) return refusal;
    const service = deps.services?.announcements;
    if (!service) return unavailable(invocation);
    const guildId = invocation.guildId!;
    const de = invocation.lang === 'de';

    switch (options.subcommand()) {
      case 'set': {
        const channelId = options.id('channel')!;
        let types;
        try {
          types = parseAnnounceTypes(options.string('types'));
        } catch (error) {
          return note(invocation, (error as Error).message, (error as Error).message);
        }
        const roleId = options.id('role');
        const result = await service.subscribe({ guildId, channelId, types, roleId, createdBy: invocation.userId });
        if (!result.ok) return note(invocation, `I cannot post in <#${channelId}>: ${result.problem}.`, `In <#${channelId}> kann ich nicht posten: ${result.problem}.`);
        const role = roleId ? (de ? `, Rolle <@&${roleId}> wird erwähnt` : `, pinging <@&${roleId}>`) : '';
        const warning = result.warning ? `\n⚠️ ${result.warning}.` : '';
        return note(
          invocation,
          `New kernel releases (${types.join(', ')}) will be announced in <#${channelId}>${role}. Each release is posted once. Try /announce test.${warning}`,
          `Neue Kernel-Versionen (${types.join(', ')}) werden in <#${channelId}> angekündigt${role}. Jede Version kommt genau einmal. Probier /announce test.${warning}`,
        );
      }
      case 'show': {
        const statuses = await service.status(guildId);
        const current = await service.current();
        const last = current ? `${de ? 'Letzter Abruf von kernel.org' : 'Last kernel.org fetch'}: ${formatAge(current.ageMs)}` : de ? 'kernel.org wurde noch nicht erfolgreich abgerufen.' : 'kernel.org has not been fetched successfully yet.';
        const next = service.nextFetchAt();
        const fetched = next ? `${last}\n${de ? 'Nächster Abruf von kernel.org' : 'Next kernel.org fetch'}: <t:${Math.floor(next.getTime() / 1000)}:R>` : last;
        if (statuses.length === 0) return note(invocation, `No announcements in this server. Use /announce set.\n${fetched}`, `Auf diesem Server gibt es keine Ankündigungen. Nutze /announce set.\n${fetched}`);
        const fields = statuses.map((s) => {
          const sub = s.subscription!;
          const lines = [
            `${de ? 'Arten' : 'Types'}: ${sub.types.join(', ')}${sub.roleId ? ` · ${de ? 'Rolle' : 'role'} <@&${sub.roleId}>` : ''}`,
            `${de ? 'Status' : 'State'}: ${sub.enabled ? (de ? 'aktiv' : 'active') : de ? 'gestoppt' : 'stopped'}`,
            `${de ? 'Letzte Zustellung' : 'Last delivery'}: ${s.lastDelivery ? `${s.lastDelivery.eventKey} (${s.lastDelivery.status})` : '–'}${s.pending ? ` · ${s.pending} ${de ? 'ausstehend' : 'pending'}` : ''}`,
            ...s.problems.map((p) => `⚠️ ${p}`),
          ];
          return { name: `#${sub.channelId}`, value: `<#${sub.channelId}>\n${lines.join('\n')}` };
        });
        return note(invocation, fetched, fetched, fields);
      }
      case 'test': {
        const subscriptions = (await service.status(guildId)).map((s) => s.subscription!);
        const channelId = options.id('channel') ?? subscriptions[0]?.channelId ?? invocation.channelId;
        if (!channelId) return note(invocation, 'Name a channel.', 'Nenne einen Kanal.');
        const roleId = subscriptions.find((s) => s.channelId === channelId)?.roleId ?? null;
        const result = await service.sendSample(channelId, roleId);
        return result.ok
          ? note(invocation, `Sample posted in <#${channelId}>.`, `Beispiel in <#${channelId}> gepostet.`)
          : note(invocation, `The sample could not be posted in <#${channelId}>: ${result.problem}.`, `Das Beispiel ließ sich in <#${channelId}> nicht posten: ${result.problem}.`);
      }
      case 'off': {
        const stopped = await service.unsubscribe(guildId, options.id('channel'));
        if (stopped.length === 0) return note(invocation, 'There was nothing to stop.', 'Es gab nichts zu beenden.');
        const list = stopped.map((id) => `<#${id}>`).join(', ');
        return note(invocation, `Announcements stopped in ${list}.`, `Ankündigungen beendet in ${list}.`);
      }
      default:
        return note(invocation, 'Use /announce set, show, test or off.', 'Nutze /announce set, show, test oder off.');
    }
  },
  autocomplete(_option, typed) {
    const parts = typed.split(',').map((p) => p.trim().toLowerCase());
    const last = parts.pop() ?? '';
    const chosen = parts.filter(Boolean);
    const completions = ANNOUNCE_TYPES.filter((t) => t.startsWith(last) && !chosen.includes(t)).map((t) => [...chosen, t].join(','));
    const values = [...new Set([...completions, ...TYPE_PRESETS.filter((p) => p.startsWith(typed.trim().toLowerCase()))])];
    return values.slice(0, 25).map((v) => ({ name: v, value: v }));
  },
});
