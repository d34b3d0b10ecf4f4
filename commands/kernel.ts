import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe } from './command.ts';
import { unavailable } from './admin.ts';
import { renderCurrentReleasesText } from '../src/releases/current.ts';

export const kernel = defineCommand({
  definition: {
    name: 'kernel',
    ...describe('Current kernel releases (from the last kernel.org check)', 'Aktuelle Kernel-Versionen (vom letzten kernel.org-Abruf)'),
    options: [{ type: ApplicationCommandOptionType.Boolean, name: 'hide', ...describe('Only you see the answer', 'Nur du siehst die Antwort') }],
  },
  usage: { en: '/kernel – current mainline, stable and longterm releases', de: '/kernel – aktuelle Mainline-, Stable- und Longterm-Versionen' },
  async handle(_options, invocation, deps) {
    const service = deps.services?.announcements;
    if (!service) return unavailable(invocation);
    const current = await service.current();
    return { type: 'releases', lang: invocation.lang, current, text: renderCurrentReleasesText(current) };
  },
});
