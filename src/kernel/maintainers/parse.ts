/**
 * The kernel's MAINTAINERS file as data. Pure: no I/O, no Discord.
 *
 * Format (see the file's own preamble): a section is a title line followed by `X:\tvalue` lines;
 * blank lines separate sections; the preamble's indented lines are not sections.
 */

/** The lists a section answers with, by name: each holds the values of one line type, in file order. */
const LIST_TYPES = {
  /** M: people (and lists) who take patches. */
  maintainers: 'M',
  /** R: designated reviewers. */
  reviewers: 'R',
  /** L: mailing lists. */
  lists: 'L',
  /** T: trees ("git git://…"). */
  trees: 'T',
  /** W: web pages. */
  web: 'W',
  /** F: file patterns as written. */
  files: 'F',
  /** X: excluded patterns as written. */
  excludes: 'X',
  /** N: path regexes as written. */
  regexes: 'N',
} as const;

export type SectionListName = keyof typeof LIST_TYPES;

/**
 * One section. The bot keeps the whole file (about 3,000 sections and 25,000 lines) in memory for
 * as long as it runs, so a section stores its lines once, as their type letters and values, and the
 * per-type lists (section.values('maintainers'), section.values('files'), …) are read from them when
 * an answer needs them.
 */
export class MaintainersSection {
  constructor(
    /** Position in the file (0-based), the tie-breaker when two sections are equally specific. */
    readonly index: number,
    readonly title: string,
    /** The type letter of each line, in file order ("MMLSF…"). */
    private readonly types: string,
    /** The value of each line, in file order. */
    private readonly lineValues: readonly string[],
  ) {}

  /** Every `X:` line in file order (type letter and value). */
  get entries(): { type: string; value: string }[] {
    return this.lineValues.map((value, i) => ({ type: this.types[i]!, value }));
  }

  get status(): string | null {
    const at = this.types.indexOf('S');
    return at < 0 ? null : this.lineValues[at]!;
  }

  /** Every list by name, in LIST_TYPES order (the CLI's JSON). */
  listsByName(): Record<SectionListName, string[]> {
    return Object.fromEntries((Object.keys(LIST_TYPES) as SectionListName[]).map((list) => [list, this.values(list)])) as Record<SectionListName, string[]>;
  }

  /** The values of one list, e.g. values('reviewers'): every R: line. */
  values(list: SectionListName): string[] {
    const type = LIST_TYPES[list];
    const found: string[] = [];
    for (let i = 0; i < this.types.length; i++) if (this.types[i] === type) found.push(this.lineValues[i]!);
    return found;
  }
}

const ENTRY = /^([A-Z]):\s*(.*)$/;

/** Parses the whole file; sections without a single entry (preamble headings) are dropped. */
export function parseMaintainers(text: string): MaintainersSection[] {
  const sections: MaintainersSection[] = [];
  let title: string | null = null;
  let types: string[] = [];
  let values: string[] = [];
  const close = (): void => {
    if (title !== null && types.length > 0) sections.push(new MaintainersSection(sections.length, title, types.join(''), values));
    title = null;
    types = [];
    values = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') {
      close();
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry) {
      const value = entry[2]!.trim();
      if (title !== null && value) {
        types.push(entry[1]!);
        values.push(value);
      }
      continue;
    }
    // An indented line belongs to the preamble's prose; a flush-left line names a new section.
    close();
    if (!/^\s/.test(raw)) title = line.replace(/\s+/g, ' ').trim();
  }
  close();
  return sections;
}
