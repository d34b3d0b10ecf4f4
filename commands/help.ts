import { defineCommand, describe, LANG_OPTION } from './command.ts';

export const help = defineCommand({
  definition: {
    name: 'help',
    ...describe('How to use kernelbot', 'So benutzt du kernelbot'),
    options: [LANG_OPTION],
  },
  usage: { en: '/help – this overview', de: '/help – diese Übersicht' },
  handle(_options, { lang, canManageGuild }, { commands }) {
    const lines = commands.filter((c) => !c.adminOnly || canManageGuild).map((c) => `• ${c.usage[lang]}`);
    const intro =
      lang === 'de'
        ? 'Ich beantworte Fragen zur Linux-Kernel-Entwicklung aus einer kuratierten Wissensbasis (Stand des Vortrags 2015 und was seitdem geschah). Optionen: hide (nur für dich), mention (an jemanden richten), lang (de/en).'
        : 'I answer questions about Linux kernel development from a curated knowledge base (what a 2015 talk said and what happened since). Options: hide (only you see it), mention (aim it at someone), lang (de/en).';
    return { type: 'message', lang, title: 'kernelbot', text: `${intro}\n\n${lines.join('\n')}`, ephemeral: true };
  },
});
