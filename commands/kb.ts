import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { MANAGE_GUILD, note, refuseUnlessAdmin, unavailable } from './admin.ts';
import { ADMIN } from '../src/i18n/admin.ts';

export const kb = defineCommand({
  definition: {
    name: 'kb',
    ...describe('What the knowledge base is missing, and what is asked most', 'Was der Wissensbasis fehlt und was am häufigsten gefragt wird'),
    default_member_permissions: MANAGE_GUILD,
    contexts: [InteractionContextType.Guild],
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'gaps', ...describe('Most asked questions without a confident answer', 'Häufigste Fragen ohne verlässliche Antwort') },
      { type: ApplicationCommandOptionType.Subcommand, name: 'hits', ...describe('Most used entries', 'Meistgenutzte Einträge') },
    ],
  },
  adminOnly: true,
  usage: { en: '/kb gaps|hits – unanswered questions, popular entries (Manage Server)', de: '/kb gaps|hits – unbeantwortete Fragen, beliebte Einträge (Server verwalten)' },
  async handle(options, invocation, deps) {
    const refusal = refuseUnlessAdmin(invocation);
    if (refusal) return refusal;
    const service = deps.services?.qa;
    if (!service) return unavailable(invocation);
    const t = ADMIN[invocation.lang];
    if (options.subcommand() === 'hits') {
      const hits = await service.hits(20);
      if (hits.length === 0) return note(invocation, t.noHits);
      const lines = hits.map((h) => `${h.hits}× ${deps.search.get(h.entryId)?.title[invocation.lang] ?? h.entryId}`);
      return note(invocation, lines.join('\n'));
    }
    const gaps = await service.gaps(20);
    if (gaps.length === 0) return note(invocation, t.noGaps);
    const lines = gaps.map((g) => `${g.asked + g.unhelpful}× “${g.question.replace(/[`*_~|]/g, '')}”${g.unhelpful ? ` (${t.notHelpful(g.unhelpful)})` : ''}`);
    return note(invocation, lines.join('\n'));
  },
});
