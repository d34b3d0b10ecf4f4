import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe, LANG_OPTION, type Invocation } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';
import { ANNOUNCE_TYPES, parseAnnounceTypes, UnknownAnnounceTypes } from '../src/config.ts';
import { ANNOUNCE } from '../src/i18n/announce.ts';
import { PROBLEMS } from '../src/i18n/problems.ts';
import type { Language } from '../src/knowledge/schema.ts';

const TYPE_PRESETS = ['mainline,rc,stable,longterm,eol', 'mainline,eol', 'mainline,rc', 'stable,longterm,eol', 'all'];

/** A post language chosen with the option; without it the server's preferred locale, else the member's, else English. */
function postLanguage(option: string | null, invocation: Invocation): Language {
  if (option === 'de' || option === 'en') return option;
  const locale = invocation.guildLocale ?? invocation.userLocale;
  return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

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
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            ...describe('Where to post', 'Wohin gepostet wird'),
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'types',
            ...describe('Kinds, e.g. mainline,stable,eol (default: all but linux-next)', 'Arten, z. B. mainline,stable,eol (Standard: alle außer linux-next)'),
            autocomplete: true,
            max_length: 100,
          },
          { type: ApplicationCommandOptionType.Role, name: 'role', ...describe('Role to ping with each announcement', 'Rolle, die bei jeder Ankündigung erwähnt wird') },
          {
            type: ApplicationCommandOptionType.String,
            name: 'language',
            ...describe("Language of the posts (default: the server's language)", 'Sprache der Beiträge (Standard: die Sprache des Servers)'),
            choices: LANG_OPTION.choices,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'show',
        ...describe('Show subscriptions, last fetch, last delivery and problems', 'Abos, letzten Abruf, letzte Zustellung und Probleme zeigen'),
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'test',
        ...describe('Post a sample announcement', 'Eine Beispiel-Ankündigung posten'),
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            ...describe('Channel (default: the subscribed one)', 'Kanal (Standard: der abonnierte)'),
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'off',
        ...describe('Stop announcements (one channel or all)', 'Ankündigungen beenden (ein Kanal oder alle)'),
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            ...describe('Channel (default: all of this server)', 'Kanal (Standard: alle auf diesem Server)'),
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
        ],
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
    const t = ANNOUNCE[invocation.lang];
    const problems = PROBLEMS[invocation.lang];

    switch (options.subcommand()) {
      case 'set': {
        const channelId = options.id('channel')!;
        let types;
        try {
          types = parseAnnounceTypes(options.string('types'));
        } catch (error) {
          if (error instanceof UnknownAnnounceTypes) return note(invocation, t.unknownTypes(error.unknown.join(', '), ANNOUNCE_TYPES.join(', ')));
          throw error;
        }
        const roleId = options.id('role');
        // The @everyone role has the server's id; "<@&server id>" pings nobody and shows "@@everyone".
        if (roleId !== null && roleId === guildId) return note(invocation, t.everyoneRole);
        const lang = postLanguage(options.string('language'), invocation);
        const result = await service.subscribe({ guildId, channelId, types, roleId, lang, createdBy: invocation.userId });
        if (!result.ok) return note(invocation, t.cannotPost(`<#${channelId}>`, problems.channel(result.problem)));
        const role = roleId ? t.pingingRole(`<@&${roleId}>`) : '';
        const warning = result.warning ? `\n⚠️ ${problems.warning(result.warning)}.` : '';
        return note(invocation, `${t.subscribed(types.join(', '), `<#${channelId}>`, role, t.languageName(lang))}${warning}`);
      }
      case 'show': {
        const statuses = await service.status(guildId);
        const current = await service.current();
        const last = current ? t.lastFetch(t.ago(current.ageMs)) : t.neverFetched;
        const next = service.nextFetchAt();
        const fetched = next ? `${last}\n${t.nextFetch(`<t:${Math.floor(next.getTime() / 1000)}:R>`)}` : last;
        if (statuses.length === 0) return note(invocation, `${t.noSubscriptions}\n${fetched}`);
        const fields = statuses.map((s) => {
          const sub = s.subscription!;
          const last = s.lastDelivery;
          const lines = [
            `${t.types}: ${sub.types.join(', ')}${sub.roleId ? ` · ${t.role} <@&${sub.roleId}>` : ''}`,
            `${t.language}: ${t.languageName(sub.lang)}`,
            `${t.state}: ${sub.enabled ? t.active : t.stopped}`,
            `${t.lastDelivery}: ${last ? t.delivered(t.announced(last.event), t.delivery(last.status), t.ago(last.ageMs)) : '–'}${s.pending ? ` · ${s.pending} ${t.pending}` : ''}`,
            ...s.problems.map((p) => `⚠️ ${problems.status(p)}`),
          ];
          return { name: `#${sub.channelId}`, value: `<#${sub.channelId}>\n${lines.join('\n')}` };
        });
        return note(invocation, fetched, fields);
      }
      case 'test': {
        const subscriptions = (await service.status(guildId)).map((s) => s.subscription!);
        const channelId = options.id('channel') ?? subscriptions[0]?.channelId ?? invocation.channelId;
        if (!channelId) return note(invocation, t.nameChannel);
        const subscription = subscriptions.find((s) => s.channelId === channelId);
        // The sample reads like the channel's posts: in its language, or in the one /announce set would choose.
        const result = await service.sendSample(channelId, subscription?.roleId ?? null, subscription?.lang ?? postLanguage(null, invocation));
        return note(invocation, result.ok ? t.samplePosted(`<#${channelId}>`) : t.sampleFailed(`<#${channelId}>`, problems.channel(result.problem)));
      }
      case 'off': {
        const stopped = await service.unsubscribe(guildId, options.id('channel'));
        if (stopped.length === 0) return note(invocation, t.nothingToStop);
        const list = stopped.map((id) => `<#${id}>`).join(', ');
        return note(invocation, t.stoppedIn(list));
      }
      default:
        return note(invocation, t.usage);
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
