import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS, type CommandDeps } from './command.ts';
import type { Reply } from '../src/answers/reply.ts';
import type { Language } from '../src/knowledge/schema.ts';
import { releaseReply } from '../src/answers/reply.ts';
import { labels } from '../src/i18n/answers.ts';
import { compareVersions, majorMinor, rcInfo } from '../src/shared/kernel-version.ts';
import type { Release } from '../src/shared/release.ts';
import { foldText } from '../src/shared/text.ts';

/**
 * The mainline release a typed version belongs to: 4.0.1 and 4.0-rc3 → 4.0; in the 2.6 era the
 * release has three parts (2.6.39, its stable updates 2.6.39.4). Null when it is not a version.
 */
function parseReleaseVersion(typed: string): { release: string; exact: string; rc: boolean } | null {
  const token = foldText(typed)
    .replace(/^(linux|kernel)[\s-]*/, '')
    .replace(/\s+/g, '')
    .replace(/^v/, '')
    // A stable branch ("linux-7.3.y", "2.6.32.y") names its release's series; "7.3.0" is the release
    // itself (not in the 2.6 era, where 2.6.0 was a release of its own).
    .replace(/^(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)\.y$/, '$1')
    .replace(/^([3-9]|\d{2})\.(\d{1,2})\.0$/, '$1.$2');
  const match = /^(\d{1,2})\.(\d{1,2})((?:\.\d{1,3}){0,2})(?:-?(rc\d{1,2}))?$/.exec(token);
  if (!match) return null;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const rest = match[3]!.split('.').filter(Boolean).map(Number);
  const releaseParts = major === 2 && minor === 6 ? 1 : 0; // 2.6.x: the third number is the release
  if (rest.length > releaseParts + 1 || (rest.length > releaseParts && match[4])) return null;
  const release = [major, minor, ...rest.slice(0, releaseParts)].join('.');
  if (releaseParts && rest.length === 0) return null; // bare "2.6" names no single release
  const exact = [major, minor, ...rest].join('.') + (match[4] ? `-${match[4]}` : '');
  return { release, exact, rc: Boolean(match[4]) };
}

/**
 * A version that cannot be a release, judged from the releases the base has: a minor number past the
 * end of a series that a newer one followed (5.25 after 5.19, once 6.0 exists), or a major number more
 * than one past the newest (99.99). Answered without a kernelnewbies link to a page that cannot exist;
 * the next few versions after the newest (7.4, 8.0) may be out and are linked as before.
 */
function impossibleRelease(version: string, covered: readonly string[]): { kind: 'ended' | 'not-out'; last: string } | null {
  const [major, minor] = majorMinor(version);
  const majorOf = (v: string) => majorMinor(v)[0];
  const releases = covered.filter((v) => /^\d+\.\d+$/.test(v) && majorOf(v) >= 3).sort(compareVersions);
  const newest = releases.at(-1);
  if (major < 3 || !newest) return null;
  if (major > majorOf(newest) + 1) return { kind: 'not-out', last: newest };
  const last = releases.filter((v) => majorOf(v) === major).at(-1);
  const followed = releases.some((v) => majorOf(v) > major);
  if (last && followed && minor > majorMinor(last)[1]) return { kind: 'ended', last };
  return null;
}

/** kernel.org's newest mainline release or release candidate. */
function newestMainline(releases: readonly Release[]): Release | undefined {
  return releases.filter((r) => r.moniker === 'mainline').sort((a, b) => compareVersions(b.version, a.version))[0];
}

/**
 * For a release the base does not cover: "not out yet" when kernel.org's feed (the last check; the
 * terminal fetches once) has only older mainline releases, or its release candidates. Null otherwise.
 */
export async function notReleasedYetReply(release: string, lang: Language, services: CommandDeps['services']): Promise<Reply | null> {
  // The feed is a bonus here: without it (no database, a failed fetch) the base's own answer stands.
  const current = await services?.kernelReleases?.releases().catch(() => null);
  const newest = newestMainline(current?.current?.releases ?? []);
  // Later than the newest mainline, or the release whose rc it is (7.4 while 7.4-rc7: rc sorts before its release).
  if (!newest || compareVersions(release, newest.version) <= 0) return null;
  const ownRc = rcInfo(newest.version)?.of === release;
  return { type: 'message', lang, title: null, text: labels(lang).releaseNotYet(release, newest.version, newest.released, ownRc), ephemeral: true };
}

export const release = defineCommand({
  definition: {
    name: 'release',
    ...describe('What a kernel version brought', 'Was eine Kernel-Version brachte'),
    options: [
      { type: ApplicationCommandOptionType.String, name: 'version', ...describe('Kernel version, e.g. 3.19', 'Kernel-Version, z. B. 3.19'), required: true, autocomplete: true, max_length: 32 },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'version',
  usage: { en: '/release <version> – e.g. /release 3.19', de: '/release <Version> – z. B. /release 4.0' },
  async handle(options, { lang }, { search, services }) {
    const typed = (options.string('version') ?? '').trim();
    const asked = parseReleaseVersion(typed);
    if (!asked) return { type: 'message', lang, title: null, text: labels(lang).releaseInvalid(typed), ephemeral: true };
    const { release, exact, rc } = asked;
    const impossible = impossibleRelease(
      release,
      search.versions.filter((v) => search.releaseEntry(v)),
    );
    if (impossible)
      return {
        type: 'message',
        lang,
        title: null,
        text: impossible.kind === 'ended' ? labels(lang).releaseSeriesEnded(release, impossible.last) : labels(lang).releaseNotOut(release, impossible.last),
        ephemeral: true,
      };
    const notYet = search.releaseEntry(release) ? null : await notReleasedYetReply(release, lang, services);
    if (notYet) return notYet;
    return releaseReply(release, search, lang, undefined, exact === release ? undefined : { text: exact, rc });
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
