import type { MaintainersSection } from './parse.ts';

/**
 * Path matching as scripts/get_maintainer.pl does it:
 * - F:/X: patterns become regexes (`.` literal, `*` → `.*`, `?` → `.`) anchored at the start; a pattern
 *   ending in `/` covers everything below, any other pattern only paths with as many slashes.
 *   get_maintainer adds the slash to a literal pattern that is a directory in the tree; without a tree
 *   we take a path below `pattern/` as proof that it is one.
 * - A section with a matching X: line is skipped; otherwise its specificity is the depth of the last
 *   matching F: line (slashes, plus one for a file pattern; -1 for a pattern starting with `*`) or 0
 *   for a matching N: regex, and sections are listed most specific first (ties in file order).
 * - K: lines match file contents, never paths, so they play no part here.
 */

export interface SectionMatch {
  section: MaintainersSection;
  /** get_maintainer's pattern depth: higher is more specific. */
  specificity: number;
  /** The F: or N: line that decided the specificity. */
  via: { type: 'F' | 'N'; value: string };
}

const GLOB_OR_REGEX = /[*?[\]\\(){}+|^$]/;

/** Compiled wildcard patterns kept (least recently used out): a lookup tests a few dozen, the file has thousands. */
const GLOBS_KEPT = 500;

/** How a pattern is tested; file patterns become regexes only when they have wildcards. */
const enum Kind {
  /** `dir/`: everything below. */
  LiteralDirectory,
  /** `dir/file.c` or `dir/name`: that file, or everything below when it is a directory. */
  LiteralFile,
  GlobDirectory,
  GlobFile,
  /** N: a regex anywhere in the path. */
  Regex,
}

/**
 * The F:, X: and N: lines of all sections as parallel arrays (the bot keeps the matcher for as long
 * as it runs; objects and closures per line cost about ten times as much). A section's lines are one
 * contiguous range, in file order.
 */
class Patterns {
  readonly section: number[] = [];
  readonly raw: string[] = [];
  readonly kind: Kind[] = [];
  readonly depth: number[] = [];
  readonly excluded: boolean[] = [];
  private readonly regexes = new Map<number, RegExp>();
  private readonly globs = new Map<number, RegExp>();

  /** `regex`: the compiled N: line. */
  add(section: number, type: 'F' | 'X' | 'N', raw: string, regex?: RegExp): number {
    const kind = type === 'N' ? Kind.Regex : fileKind(raw);
    if (regex) this.regexes.set(this.raw.length, regex);
    this.section.push(section);
    this.raw.push(raw);
    this.kind.push(kind);
    this.depth.push(type === 'N' ? 0 : raw.startsWith('*') ? -1 : slashes(raw) + (raw.endsWith('/') ? 0 : 1));
    this.excluded.push(type === 'X');
    return this.raw.length - 1;
  }

  get size(): number {
    return this.raw.length;
  }

  test(at: number, path: string): boolean {
    const raw = this.raw[at]!;
    switch (this.kind[at]!) {
      case Kind.LiteralDirectory:
        return path.startsWith(raw);
      case Kind.LiteralFile:
        return path.startsWith(raw) && (slashes(path) === slashes(raw) || path.charCodeAt(raw.length) === 47);
      case Kind.GlobDirectory:
        return this.regex(at).test(path);
      case Kind.GlobFile:
        return this.regex(at).test(path) && slashes(path) === slashes(raw);
      case Kind.Regex:
        return this.regex(at).test(path);
    }
  }

  /** N: lines are tested on every lookup: compiled once. Wildcard F:/X: lines: the most recently tested. */
  private regex(at: number): RegExp {
    const regex = this.regexes.get(at);
    if (regex) return regex;
    let glob = this.globs.get(at);
    if (glob) this.globs.delete(at);
    else {
      glob = compileGlob(this.raw[at]!);
      if (this.globs.size >= GLOBS_KEPT) this.globs.delete(this.globs.keys().next().value!);
    }
    this.globs.set(at, glob);
    return glob;
  }
}

export class MaintainersMatcher {
  private readonly patterns = new Patterns();
  /** Where each section's lines start in `patterns` (one more entry than sections: the end). */
  private readonly starts: number[] = [];
  /** F: lines by the directories they name literally ("drivers/gpu/drm"; "" for none). */
  private readonly byDirectory = new Map<string, number[]>();
  /** N: lines: they can match anywhere. */
  private readonly anywhere: number[] = [];
  /** N: lines JavaScript cannot compile (Perl-only syntax); they never match. */
  readonly unsupported: string[] = [];

  constructor(readonly sections: readonly MaintainersSection[]) {
    sections.forEach((section, i) => {
      this.starts.push(this.patterns.size);
      for (const { type, value } of section.entries) {
        if (type !== 'F' && type !== 'X' && type !== 'N') continue;
        const regex = type === 'N' ? compileRegex(value) : undefined;
        if (regex === null) {
          this.unsupported.push(value);
          continue;
        }
        const at = this.patterns.add(i, type, value, regex);
        if (type === 'N') this.anywhere.push(at);
        else if (type === 'F') {
          const directory = literalDirectories(value).join('/');
          const list = this.byDirectory.get(directory);
          if (list) list.push(at);
          else this.byDirectory.set(directory, [at]);
        }
      }
    });
    this.starts.push(this.patterns.size);
  }

  /** Sections responsible for a normalised path (see normalisePath), most specific first. */
  match(path: string): SectionMatch[] {
    const { patterns } = this;
    const candidates = new Set<number>();
    const consider = (list: readonly number[] | undefined) => {
      for (const at of list ?? []) if (!candidates.has(patterns.section[at]!) && patterns.test(at, path)) candidates.add(patterns.section[at]!);
    };
    const segments = path.split('/');
    consider(this.byDirectory.get(''));
    for (let depth = 1; depth < segments.length; depth++) consider(this.byDirectory.get(segments.slice(0, depth).join('/')));
    consider(this.anywhere);

    const matches: SectionMatch[] = [];
    for (const index of candidates) {
      let decided = -1;
      let excluded = false;
      for (let at = this.starts[index]!; at < this.starts[index + 1]! && !excluded; at++) {
        if (!patterns.test(at, path)) continue;
        if (patterns.excluded[at]) excluded = true;
        else decided = at;
      }
      if (excluded || decided < 0) continue;
      const type = patterns.kind[decided] === Kind.Regex ? 'N' : 'F';
      matches.push({ section: this.sections[index]!, specificity: patterns.depth[decided]!, via: { type, value: patterns.raw[decided]! } });
    }
    return matches.sort((a, b) => b.specificity - a.specificity || a.section.index - b.section.index);
  }
}

/** The directories a pattern names literally before any wildcard: where in the trie it can match. */
function literalDirectories(pattern: string): string[] {
  const directories = pattern.split('/').slice(0, -1);
  const literal: string[] = [];
  for (const name of directories) {
    if (GLOB_OR_REGEX.test(name) || name === '') break;
    literal.push(name);
  }
  return literal;
}

function slashes(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 47) count++;
  return count;
}

function fileKind(raw: string): Kind {
  const directory = raw.endsWith('/');
  if (!GLOB_OR_REGEX.test(raw)) return directory ? Kind.LiteralDirectory : Kind.LiteralFile;
  return directory ? Kind.GlobDirectory : Kind.GlobFile;
}

function compileGlob(raw: string): RegExp {
  try {
    return new RegExp(`^${raw.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')}`);
  } catch {
    return new RegExp(`^${raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  }
}

/** N: values are Perl regexes matched with /x (unescaped whitespace is not part of the pattern). */
function compileRegex(value: string): RegExp | null {
  try {
    return new RegExp(value.replace(/(\\.)|\s+/g, (all, escaped: string | undefined) => escaped ?? ''));
  } catch {
    return null;
  }
}

/** Files at the top of a kernel tree (or anywhere) that have no extension but are not directories. */
const EXTENSIONLESS_FILES = /^(Makefile|Kconfig.*|Kbuild.*|MAINTAINERS|README|COPYING|CREDITS|Makefile\..*)$/;

/**
 * A user's path as get_maintainer would see it: relative to the tree, no `./`, `a/` or `b/` diff
 * prefix, and a directory with its trailing slash (a last part without a dot counts as a directory,
 * except the well-known extensionless files). Null for something that is not a tree path.
 */
export function normalisePath(input: string): string | null {
  let path = input
    .trim()
    .replace(/\\/g, '/')
    .replace(/^`+|`+$/g, '');
  path = path
    .replace(/^(\.\/)+/, '')
    .replace(/^[ab]\//, '')
    .replace(/^\/+/, '')
    .replace(/\/{2,}/g, '/');
  if (!path || /\s/.test(path) || path.split('/').some((part) => part === '..' || part === '.')) return null;
  if (!/^[\w.,+@%=~/-]+$/.test(path)) return null;
  const last = path.split('/').at(-1)!;
  if (last !== '' && !last.includes('.') && !EXTENSIONLESS_FILES.test(last)) path += '/';
  return path;
}
