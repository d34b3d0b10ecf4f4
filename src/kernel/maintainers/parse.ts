/**
 * The kernel's MAINTAINERS file as data. Pure: no I/O, no Discord.
 *
 * Format (see the file's own preamble): a section is a title line followed by `X:\tvalue` lines;
 * blank lines separate sections; the preamble's indented lines are not sections.
 */

/**
 * One section. The bot keeps the whole file (about 3,000 sections and 25,000 lines) in memory for
 * as long as it runs, so a section stores its lines once, as their type letters and values, and the
 * per-type lists are read from them when an answer needs them.
 */
export class MaintainersSection {
  constructor(
    /** Position in the file (0-based), the tie-breaker when two sections are equally specific. */
    readonly index: number,
    readonly title: string,
    /** The type letter of each line, in file order ("MMLSF…"). */
    private readonly types: string,
    /** The value of each line, in file order. */
    private readonly values: readonly string[],
  ) {}

  /** Every `X:` line in file order (type letter and value). */
  get entries(): { type: string; value: string }[] {
    return this.values.map((value, i) => ({ type: this.types[i]!, value }));
  }

  get status(): string | null {
    const at = this.types.indexOf('S');
    return at < 0 ? null : this.values[at]!;
  }

  /** M: people (and lists) who take patches. */
  get maintainers(): string[] {
    return this.valuesOf('M');
  }

  /** R: designated reviewers. */
  get reviewers(): string[] {
    return this.valuesOf('R');
  }

  /** L: mailing lists. */
  get lists(): string[] {
    return this.valuesOf('L');
  }

  /** T: trees ("git git://…"). */
  get trees(): string[] {
    return this.valuesOf('T');
  }

  /** W: web pages. */
  get web(): string[] {
    return this.valuesOf('W');
  }

  /** F: file patterns as written. */
  get files(): string[] {
    return this.valuesOf('F');
  }

  /** X: excluded patterns as written. */
  get excludes(): string[] {
    return this.valuesOf('X');
  }

  /** N: path regexes as written. */
  get regexes(): string[] {
    return this.valuesOf('N');
  }

  private valuesOf(type: string): string[] {
    const found: string[] = [];
    for (let i = 0; i < this.types.length; i++) if (this.types[i] === type) found.push(this.values[i]!);
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
