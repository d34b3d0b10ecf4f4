import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, type CommandDeps, type Invocation } from './command.ts';
import type { Reply } from '../src/answers/reply.ts';
import { unavailable } from './admin.ts';
import { renderCurrentReleasesText } from '../src/releases/current.ts';
import { ANNOUNCE } from '../src/i18n/announce.ts';

export const kernel = defineCommand({
  definition: {
    name: 'kernel',
    ...describe('Current kernel releases (from the last kernel.org check)', 'Aktuelle Kernel-Versionen (vom letzten kernel.org-Abruf)'),
    options: [{ type: ApplicationCommandOptionType.Boolean, name: 'hide', ...describe('Only you see the answer', 'Nur du siehst die Antwort') }],
  },
  usage: { en: '/kernel – current mainline, stable and longterm releases', de: '/kernel – aktuelle Mainline-, Stable- und Longterm-Versionen' },
  handle: (_options, invocation, deps) => currentReleasesReply(invocation, deps),
});

/** The current releases from the last kernel.org check (the terminal fetches once): /kernel, and /ask "what is the latest kernel?". */
export async function currentReleasesReply(invocation: Invocation, deps: CommandDeps): Promise<Reply> {
  const { lang } = invocation;
  const source = deps.services?.kernelReleases;
  if (!source) return unavailable(invocation);
  const { current, failure } = await source.releases();
  const t = ANNOUNCE[lang];
  const failed = failure ? t.fetchFailed(failure.url, t.feedFailure(failure.reason, failure.httpStatus)) : null;
  const text = current && failed ? `${renderCurrentReleasesText(current, lang)}\n${failed}` : (failed ?? renderCurrentReleasesText(current, lang));
  return { type: 'releases', lang, current, text };
}
