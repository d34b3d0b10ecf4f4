import { defineCommand, describe } from './command.ts';
import { ADMIN } from '../src/i18n/admin.ts';

export const about = defineCommand({
  definition: {
    name: 'about',
    ...describe('About kernelbot and its sources', 'Über kernelbot und seine Quellen'),
  },
  usage: { en: '/about – sources, knowledge-base size, version', de: '/about – Quellen, Umfang der Wissensbasis, Version' },
  handle(_options, { lang }, { search, botVersion }) {
    const releases = search.entries.filter((e) => e.kind === 'release').length;
    const links = new Set(search.entries.flatMap((e) => e.links.map((l) => l.url))).size;
    const t = ADMIN[lang];
    return {
      type: 'message',
      lang,
      title: `kernelbot ${botVersion}`,
      text: t.about,
      fields: [
        { name: t.entries, value: String(search.size) },
        { name: t.kernelVersions, value: String(releases) },
        { name: t.linkedSources, value: String(links) },
      ],
    };
  },
});
