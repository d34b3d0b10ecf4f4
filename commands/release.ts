import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { releaseReply } from '../src/answers/reply.ts';
import { labels } from '../src/answers/i18n.ts';
import { compareVersions, versionFromToken } from '../src/search/versions.ts';
import { foldText } from '../src/search/text.ts';

export const release = defineCommand({
  definition: {
    name: 'release',
    ...describe('What a kernel version brought', 'Was eine Kernel-Version brachte'),
    options: [
      { type: 3, name: 'version', ...describe('Kernel version, e.g. 3.19', 'Kernel-Version, z. B. 3.19'), required: true, autocomplete: true, max_length: 32 },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'version',
  usage: { en: '/release <version> – e.g. /release 3.19', de: '/release <Version> – z. B. /release 4.0' },
  handle(options, { lang }, { search }) {
    const typed = (options.string('version') ?? '').trim();
    const version = versionFromToken(foldText(typed).replace(/^(linux|kernel)[\s-]*/, '').replace(/\s+/g, ''));
    if (!version) return { type: 'message', lang, title: null, text: labels(lang).releaseInvalid(typed), ephemeral: true };
    return releaseReply(version, search, lang);
  },
  autocomplete(_option, typed, { lang }, { search }) {
    const query = foldText(typed).replace(/^(linux|kernel)\s*/, '');
    return [...search.versions]
      .sort((a, b) => compareVersions(b, a))
      .filter((v) => v.startsWith(query))
      .slice(0, 25)
      .map((v) => {
        const entry = search.releaseEntry(v);
        return { name: entry ? entry.title[lang].slice(0, 100) : `Linux ${v}`, value: v };
      });
  },
});
