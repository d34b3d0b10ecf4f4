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

interface CompiledPattern {
  section: number;
  raw: string;
  depth: number;
  test: (path: string) => boolean;
}

interface Rule {
  type: 'F' | 'N';
  value: string;
  depth: number;
  test: (path: string) => boolean;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  patterns: CompiledPattern[];
}

const GLOB_OR_REGEX = /[*?[\]\\(){}+|^$]/;

export class MaintainersMatcher {
  private readonly root: TrieNode = { children: new Map(), patterns: [] };
  private readonly regexes: CompiledPattern[] = [];
  private readonly rules: Rule[][] = [];
  private readonly excludes: Rule[][] = [];
  /** N: lines JavaScript cannot compile (Perl-only syntax); they never match. */
  readonly unsupported: string[] = [];

  constructor(readonly sections: readonly MaintainersSection[]) {
    sections.forEach((section, i) => {
      const rules: Rule[] = [];
      const excludes: Rule[] = [];
      for (const { type, value } of section.entries) {
        if (type === 'F' || type === 'X') {
          const compiled = compileFilePattern(i, value);
          if (type === 'X') excludes.push({ type: 'F', value, depth: compiled.depth, test: compiled.test });
          else {
            rules.push({ type: 'F', value, depth: compiled.depth, test: compiled.test });
            this.nodeFor(literalDirectories(value)).patterns.push(compiled);
          }
        } else if (type === 'N') {
          const re = compileRegex(value);
          if (!re) {
            this.unsupported.push(value);
            continue;
          }
          const test = (path: string) => re.test(path);
          rules.push({ type: 'N', value, depth: 0, test });
          this.regexes.push({ section: i, raw: value, depth: 0, test });
        }
      }
      this.rules.push(rules);
      this.excludes.push(excludes);
    });
  }

  /** Sections responsible for a normalised path (see normalisePath), most specific first. */
  match(path: string): SectionMatch[] {
    const candidates = new Set<number>();
    const segments = path.split('/');
    let node: TrieNode | undefined = this.root;
    for (let depth = 0; node; depth++) {
      for (const pattern of node.patterns) if (!candidates.has(pattern.section) && pattern.test(path)) candidates.add(pattern.section);
      if (depth >= segments.length - 1) break;
      node = node.children.get(segments[depth]!);
    }
    for (const pattern of this.regexes) if (!candidates.has(pattern.section) && pattern.test(path)) candidates.add(pattern.section);

    const matches: SectionMatch[] = [];
    for (const index of candidates) {
      if (this.excludes[index]!.some((rule) => rule.test(path))) continue;
      let decided: Rule | null = null;
      for (const rule of this.rules[index]!) if (rule.test(path)) decided = rule;
      if (decided) matches.push({ section: this.sections[index]!, specificity: decided.depth, via: { type: decided.type, value: decided.value } });
    }
    return matches.sort((a, b) => b.specificity - a.specificity || a.section.index - b.section.index);
  }

  private nodeFor(directories: string[]): TrieNode {
    let node = this.root;
    for (const name of directories) {
      let child = node.children.get(name);
      if (!child) {
        child = { children: new Map(), patterns: [] };
        node.children.set(name, child);
      }
      node = child;
    }
    return node;
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

function compileFilePattern(section: number, raw: string): CompiledPattern {
  const directory = raw.endsWith('/');
  const patternSlashes = slashes(raw);
  const depth = raw.startsWith('*') ? -1 : patternSlashes + (directory ? 0 : 1);
  if (!GLOB_OR_REGEX.test(raw)) {
    const below = `${raw}/`;
    const test = directory ? (path: string) => path.startsWith(raw) : (path: string) => (path.startsWith(raw) && slashes(path) === patternSlashes) || path.startsWith(below);
    return { section, raw, depth, test };
  }
  const source = `^${raw.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')}`;
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch {
    re = new RegExp(`^${raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  }
  const test = directory ? (path: string) => re.test(path) : (path: string) => re.test(path) && slashes(path) === patternSlashes;
  return { section, raw, depth, test };
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
