import { parseMaintainers, type MaintainersSection } from './parse.ts';
import { MaintainersMatcher, normalisePath, type SectionMatch } from './match.ts';
import { SectionNames, type NameHit } from './names.ts';

export type { MaintainersSection, SectionListName } from './parse.ts';
export { normalisePath } from './match.ts';

export type MaintainersLookup = { kind: 'path'; path: string; matches: SectionMatch[] } | { kind: 'name'; query: string; hits: NameHit[] } | { kind: 'none'; query: string; suggestions: NameHit[] };

/** Fewer sections than this is not a MAINTAINERS file (an error page, a truncated download). */
export const MIN_SECTIONS = 20;

/** One parsed MAINTAINERS file with its path matcher and title lookup. */
export class MaintainersIndex {
  readonly matcher: MaintainersMatcher;
  readonly names: SectionNames;

  constructor(readonly sections: readonly MaintainersSection[]) {
    this.matcher = new MaintainersMatcher(sections);
    this.names = new SectionNames(sections);
  }

  static fromText(text: string): MaintainersIndex {
    return new MaintainersIndex(parseMaintainers(text));
  }

  /**
   * A path ("fs/btrfs/inode.c", "drivers/gpu/drm/i915/") or a subsystem name ("btrfs", a picked
   * title). Something with a slash or a file extension is a path; anything else is a name first and
   * a top-level path second.
   */
  lookup(input: string): MaintainersLookup {
    const query = input.trim();
    const looksLikePath = query.includes('/') || /^[\w.-]+\.[a-z]{1,4}$/i.test(query);
    const path = normalisePath(query);
    if (looksLikePath && path) return { kind: 'path', path, matches: this.matcher.match(path) };
    const exact = this.names.exact(query);
    if (exact) return { kind: 'name', query, hits: [{ section: exact, score: 1000 }] };
    const hits = this.names.search(query, 5);
    if (hits.length > 0) return { kind: 'name', query, hits };
    if (path) {
      // A bare word is a directory only when a section names it (THE REST matches anything);
      // a known top-level file (Makefile) is a path either way.
      const matches = this.matcher.match(path);
      if (!path.endsWith('/') || matches.some((m) => m.specificity >= 0)) return { kind: 'path', path, matches };
    }
    return { kind: 'none', query, suggestions: [] };
  }
}
