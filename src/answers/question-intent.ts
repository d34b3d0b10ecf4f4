import { foldText } from '../shared/text.ts';
import { STOPWORDS } from '../search/stopwords.ts';
import { lookupErrno } from '../kernel/errno/index.ts';
import { ARCHES, isArch, lookupSyscall, type Arch } from '../kernel/syscalls/index.ts';
import { maintainerQuestionSubject } from './maintainer-intent.ts';

/**
 * Questions in words that an exact table answers better than the knowledge base: "who maintains
 * btrfs?" (MAINTAINERS), "what does EPROBE_DEFER mean?" (errno), "syscall number of openat on
 * arm64?" (system call tables), "what is the latest kernel?" (kernel.org's releases). /ask, mentions
 * and terminal lines take these first; anything else goes to the search.
 */
export type QuestionIntent =
  | { kind: 'maintainers'; subject: string }
  | { kind: 'errno'; query: string }
  | { kind: 'syscall'; name: string; arch: Arch | null }
  | { kind: 'current-releases' }
  | { kind: 'release-date'; version: string };

export function questionIntent(question: string): QuestionIntent | null {
  const subject = maintainerQuestionSubject(question);
  if (subject) return { kind: 'maintainers', subject };
  return errnoIntent(question) ?? syscallIntent(question) ?? currentReleasesIntent(question) ?? releaseDateIntent(question);
}

const FUNCTION_WORDS = new Set([...STOPWORDS.en, ...STOPWORDS.de].map(foldText));
const words = (text: string) => foldText(text).match(/[a-z0-9_]+/g) ?? [];
/** The words of a question that are neither function words nor in `known`. */
const otherWords = (text: string, known: ReadonlySet<string>) => words(text).filter((w) => !FUNCTION_WORDS.has(w) && !known.has(w));

/** Asking what something means, in either language. */
const MEANING = /\b(?:mean|means|meaning|stands?\s+for|explain|bedeutet|bedeuten|hei(?:ß|ss)t|steht\s+f(?:ü|ue)r|erkl(?:ä|ae)r)/i;
const ERRNO_CUES = new Set(['errno', 'error', 'errors', 'fehler', 'fehlercode', 'code', 'return', 'returns', 'returned', 'value', 'wert', 'linux', 'kernel']);

/** "What does EPROBE_DEFER mean?", "was bedeutet -EBUSY", "errno 110?", "error -16 meaning". */
function errnoIntent(question: string): QuestionIntent | null {
  const named = [...question.matchAll(/(?<![\w-])-?(E[A-Z0-9][A-Z0-9_]{1,24})\b/g)].map((m) => m[1]!).find((name) => lookupErrno(name));
  const numbered = /\b(?:errno|error|fehler(?:code)?|code)\s*:?\s*(-?\d{1,4})\b/i.exec(question)?.[1];
  const query = named ?? (numbered && lookupErrno(numbered) ? numbered : undefined);
  if (!query) return null;
  // A question about the code itself, not a post that happens to quote one ("ENOSPC on btrfs, what now?").
  const rest = otherWords(question.replace(query, ' '), ERRNO_CUES);
  return MEANING.test(question) || rest.length === 0 ? { kind: 'errno', query } : null;
}

const SYSCALL_CUE = /\b(?:sys(?:tem)?[\s-]?calls?|systemaufrufs?e?|syscall-nummer|__NR_\w+|sys_\w+)\b/i;
const ARCH_NAMES: Readonly<Record<string, Arch>> = {
  ...Object.fromEntries(ARCHES.map((a) => [a, a])),
  amd64: 'x86_64',
  x64: 'x86_64',
  'x86-64': 'x86_64',
  aarch64: 'arm64',
  riscv: 'riscv64',
  'risc-v': 'riscv64',
  x86: 'i386',
  ia32: 'i386',
  arm32: 'arm',
};
const SYSCALL_WORDS = new Set(['syscall', 'syscalls', 'system', 'call', 'calls', 'systemaufruf', 'systemaufrufs', 'nummer', 'number', 'nr', 'linux', 'kernel', 'arguments', 'argumente']);

/** "syscall number of openat on arm64", "welche Nummer hat der Systemaufruf getrandom?", "__NR_openat". */
function syscallIntent(question: string): QuestionIntent | null {
  if (!SYSCALL_CUE.test(question)) return null;
  const folded = foldText(question);
  const archWord = Object.keys(ARCH_NAMES).find((name) => new RegExp(`(?<![\\w-])${name.replace('-', '\\-')}(?![\\w-])`).test(folded));
  const arch = archWord ? ARCH_NAMES[archWord]! : null;
  const candidates = (folded.match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => !SYSCALL_WORDS.has(w) && !FUNCTION_WORDS.has(w) && !isArch(w) && w !== archWord);
  for (const word of candidates) {
    const lookup = lookupSyscall(word, arch);
    if (lookup.kind === 'found') return { kind: 'syscall', name: lookup.name, arch };
  }
  return null;
}

const RECENT = new Set([
  'latest',
  'newest',
  'current',
  'currently',
  'recent',
  'aktuell',
  'aktuelle',
  'aktueller',
  'aktuelles',
  'aktuellste',
  'aktuellster',
  'neueste',
  'neuester',
  'neuestes',
  'neuste',
  'neuster',
]);
const RELEASE_WORDS = new Set([
  'kernel',
  'kernels',
  'linux',
  'version',
  'versions',
  'versionen',
  'release',
  'releases',
  'stable',
  'lts',
  'longterm',
  'mainline',
  'series',
  'serie',
  'rc',
  'kernelversion',
  'kernel_version',
]);

const RECENT_RELEASE_WORDS: ReadonlySet<string> = new Set([...RECENT, ...RELEASE_WORDS]);

/** "What is the latest kernel?", "welcher Kernel ist aktuell?", "current LTS release": nothing else asked. */
function currentReleasesIntent(question: string): QuestionIntent | null {
  const all = words(question);
  if (!all.some((w) => RECENT.has(w)) || !all.some((w) => RELEASE_WORDS.has(w))) return null;
  // "the current state of bcachefs" asks about something else; a version number asks about that version.
  if (/\d+\.\d+/.test(question)) return null;
  return otherWords(question, RECENT_RELEASE_WORDS).length === 0 ? { kind: 'current-releases' } : null;
}

const WHEN = /\b(?:when|wann)\b/i;
const COMING = /\b(?:out|release[sd]?|coming|come|due|ship|arrive|erschein\w*|kommt|kommen|raus|ver(?:ö|oe)ffentlicht)\b/i;

/** "When is 7.4 coming out?", "wann kommt Linux 7.4?": answered with kernel.org's newest mainline when the base lacks it. */
function releaseDateIntent(question: string): QuestionIntent | null {
  const version = /(?<![\d.])([3-9]|\d{2})\.(\d{1,2})(?![\d.]|-rc)/.exec(question);
  if (!version || !WHEN.test(question) || !COMING.test(question)) return null;
  return { kind: 'release-date', version: `${version[1]}.${version[2]}` };
}
