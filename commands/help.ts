import { defineCommand, describe, LANG_OPTION } from './command.ts';
import { ADMIN } from '../src/i18n/admin.ts';

export const help = defineCommand({
  definition: {
    name: 'help',
    ...describe('How to use kernelbot', 'So benutzt du kernelbot'),
    options: [LANG_OPTION],
  },
  usage: { en: '/help – this overview', de: '/help – diese Übersicht' },
  handle(_options, { lang, canManageGuild }, { commands }) {
    const lines = commands.filter((c) => !c.adminOnly || canManageGuild).map((c) => `• ${c.usage[lang]}`);
    const intro = ADMIN[lang].helpIntro;
    return { type: 'message', lang, title: 'kernelbot', text: `${intro}\n\n${lines.join('\n')}`, ephemeral: true };
  },
});
