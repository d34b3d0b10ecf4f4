import { defineCommand, describe } from './command.ts';

export const about = defineCommand({
  definition: {
    name: 'about',
    ...describe('About kernelbot and its sources', 'Über kernelbot und seine Quellen'),
  },
  usage: { en: '/about – sources, knowledge-base size, version', de: '/about – Quellen, Umfang der Wissensbasis, Version' },
  handle(_options, { lang }, { search, botVersion }) {
    const releases = search.entries.filter((e) => e.kind === 'release').length;
    const links = new Set(search.entries.flatMap((e) => e.links.map((l) => l.url))).size;
    const de = lang === 'de';
    return {
      type: 'message',
      lang,
      title: `kernelbot ${botVersion}`,
      text: de
        ? 'Antworten aus einer eigenen, zweisprachigen Wissensbasis. Grundlage ist der Vortrag „Aktuelle Entwicklungen beim Linux-Kernel“ von Thorsten Leemhuis (Anfang 2015) mit den darin gezeigten Artikeln (c’t- und heise-Kernel-Log zu Linux 3.8, Fedora-Wiki zu Vanilla-Kerneln); jeder Eintrag sagt auch, was seitdem geschah (Stand 2026), und nennt seine Quellen.'
        : 'Answers come from a curated bilingual knowledge base. Its basis is the talk “Aktuelle Entwicklungen beim Linux-Kernel” by Thorsten Leemhuis (early 2015) and the articles it shows (c’t and heise Kernel-Log on Linux 3.8, the Fedora wiki on vanilla kernels); every entry also says what happened since (as of 2026) and cites its sources.',
      fields: [
        { name: de ? 'Einträge' : 'Entries', value: String(search.size) },
        { name: de ? 'Kernel-Versionen' : 'Kernel versions', value: String(releases) },
        { name: de ? 'Verlinkte Quellen' : 'Linked sources', value: String(links) },
      ],
    };
  },
});
