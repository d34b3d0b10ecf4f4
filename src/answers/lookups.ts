import type { Language } from '../knowledge/schema.ts';
import type { Reply } from './reply.ts';
import type { MaintainersLookup, MaintainersSection, SectionListName } from '../kernel/maintainers/index.ts';
import type { MaintainersState } from '../kernel/maintainers/service.ts';
import type { SyscallLookup } from '../kernel/syscalls/index.ts';
import type { ErrnoAnswer } from '../kernel/errno/index.ts';
import { LOOKUPS as L } from '../i18n/lookups.ts';

/** Replies for the kernel lookups (/maintainers, /syscall, /errno) in the platform-neutral model. */

function message(lang: Language, title: string | null, text: string, ephemeral = false): Reply {
  return { type: 'message', lang, title, text, ephemeral };
}

function list(items: readonly string[], max: number, lang: Language): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (${L[lang].more(items.length - max)})` : shown;
}

const isRest = (section: MaintainersSection) => section.title === 'THE REST';

/** The lists a section block shows, in this order, and how many items of each before "(n more)". */
const SHOWN_LISTS: readonly (readonly [SectionListName & keyof (typeof L)[Language], number])[] = [
  ['maintainers', 6],
  ['reviewers', 4],
  ['lists', 3],
  ['trees', 2],
  ['web', 2],
  ['files', 4],
];

/** One section as a compact block: title and status, then the people, lists, tree and files. */
function sectionBlock(section: MaintainersSection, lang: Language, via?: { type: string; value: string }): string {
  const l = L[lang];
  const lines = [`**${section.title}**${section.status ? ` · ${section.status}` : ''}`];
  for (const [name, max] of SHOWN_LISTS) {
    const items = section.values(name);
    if (items.length > 0) lines.push(`${l[name]}: ${list(name === 'files' ? items.map((f) => `\`${f}\``) : items, max, lang)}`);
  }
  if (via) lines.push(`${l.matched}: \`${via.type}: ${via.value}\``);
  return lines.join('\n');
}

export function maintainersReply(lookup: MaintainersLookup, state: Extract<MaintainersState, { status: 'ready' }>, lang: Language): Reply {
  const l = L[lang];
  const footer = l.source(state.fetchedAt.toISOString().slice(0, 10));
  if (lookup.kind === 'path') {
    const specific = lookup.matches.filter((m) => !isRest(m.section));
    const shown = specific.slice(0, 3);
    const blocks = shown.map((m) => sectionBlock(m.section, lang, m.via));
    if (specific.length === 0) blocks.push(l.onlyRest);
    if (specific.length > shown.length)
      blocks.push(
        `${l.furtherSections}: ${specific
          .slice(shown.length)
          .map((m) => m.section.title)
          .join('; ')}`,
      );
    const rest = lookup.matches.find((m) => isRest(m.section));
    if (rest) blocks.push(`${l.rest} (${rest.section.values('lists').join(', ')}).`);
    return message(lang, l.maintainersOf(lookup.path), [...blocks, footer].join('\n\n'));
  }
  if (lookup.kind === 'name') {
    const [best, ...others] = lookup.hits;
    const blocks = [sectionBlock(best!.section, lang)];
    if (others.length > 0) blocks.push(`${l.otherMatches}: ${others.map((h) => h.section.title).join('; ')}`);
    return message(lang, `${l.subsystem}: ${best!.section.title}`.slice(0, 256), [...blocks, footer].join('\n\n'));
  }
  return message(lang, null, `${l.noMatch(lookup.query)}\n${l.tryPath}`, true);
}

/** No file to answer from: says when the next attempt comes, for the way this service fetches, and why the last one failed. */
export function maintainersMissingReply(state: Extract<MaintainersState, { status: 'missing' }>, lang: Language): Reply {
  const l = L[lang];
  const texts = l.missing[state.fetch];
  return message(lang, null, state.lastError ? `${texts.failed}\n${l.lastError}: ${l.maintainersFailure(state.lastError)}` : texts.notYet, true);
}

export function syscallReply(lookup: SyscallLookup, note: string, lang: Language): Reply {
  const l = L[lang];
  if (lookup.kind === 'not-found') {
    const lines = [l.syscallNotFound(lookup.query, lookup.arch)];
    if (lookup.suggestions.length > 0) lines.push(`${l.didYouMean}: ${lookup.suggestions.join(', ')}`);
    if (/^\d+$/.test(lookup.query)) lines.push(l.numberHint);
    return message(lang, null, lines.join('\n'), true);
  }
  const rows = lookup.rows.map((r) => `\`${r.arch}\`: ${r.nr}${r.name !== lookup.name ? ` (${r.name})` : ''} · ${r.entry ? `\`${r.entry}\`` : l.notImplemented}`);
  const withArgs = lookup.rows.find((r) => r.args) ?? null;
  const lines = [...rows, ''];
  if (withArgs) {
    lines.push(`${l.arguments}: \`${lookup.name}(${withArgs.args!.join(', ')})\``);
    if (withArgs.argsVary) lines.push(`(${l.argsVary})`);
  } else if (lookup.rows.some((r) => r.entry)) lines.push(`${l.arguments}: ${l.argsUnknown}`);
  lines.push(`${l.manPage}: ${lookup.manUrl}`, '', `${l.tables}: ${note}`);
  return message(lang, l.syscallTitle(lookup.name), lines.join('\n'));
}

/** "/syscall read mips" in the terminal: the second word is no architecture the tables have. */
export function syscallArchReply(arch: string, known: readonly string[], lang: Language): Reply {
  return message(lang, null, L[lang].syscallUnknownArch(arch, known.join(', ')), true);
}

export function errnoReply(answer: ErrnoAnswer | null, query: string, lang: Language): Reply {
  const l = L[lang];
  if (!answer) return message(lang, null, l.errnoNotFound(query), true);
  const lines = [`${l.errnoMeaning}: ${answer.meaning[lang]}`, answer.kernelOnly ? l.errnoKernelOnly : l.errnoUsage(answer.name, answer.nr)];
  if (answer.aliases.length > 0) lines.push(`${l.alsoCalled}: ${answer.aliases.join(', ')}`);
  if (lang === 'de' && answer.meaning.de !== answer.meaning.en) lines.push(`(${answer.meaning.en})`);
  lines.push('https://man7.org/linux/man-pages/man3/errno.3.html');
  return message(lang, l.errnoTitle(answer.name, answer.nr), lines.join('\n'));
}

/** /ask "who maintains btrfs?": point to /maintainers, with the best section when the file is loaded. */
export function maintainerPointerReply(subject: string, state: MaintainersState | null, lang: Language): Reply {
  const command = `/maintainers ${subject}`;
  const pointer = L[lang].maintainerPointer(command);
  if (state?.status !== 'ready') return message(lang, null, pointer);
  const lookup = state.index.lookup(subject);
  const best = lookup.kind === 'name' ? lookup.hits[0]?.section : lookup.kind === 'path' ? lookup.matches.find((m) => !isRest(m.section))?.section : undefined;
  return message(lang, best ? `${L[lang].subsystem}: ${best.title}`.slice(0, 256) : null, best ? `${pointer}\n\n${sectionBlock(best, lang)}` : pointer);
}
