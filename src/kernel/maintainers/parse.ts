/**
 * The kernel's MAINTAINERS file as data. Pure: no I/O, no Discord.
 *
 * Format (see the file's own preamble): a section is a title line followed by `X:\tvalue` lines;
 * blank lines separate sections; the preamble's indented lines are not sections.
 */

export interface MaintainersSection {
  /** Position in the file (0-based), the tie-breaker when two sections are equally specific. */
  index: number;
  title: string;
  /** Every `X:` line in file order (type letter and value), for matching and display. */
  entries: { type: string; value: string }[];
  status: string | null;
  /** M: people (and lists) who take patches. */
  maintainers: string[];
  /** R: designated reviewers. */
  reviewers: string[];
  /** L: mailing lists. */
  lists: string[];
  /** T: trees ("git git://…"). */
  trees: string[];
  /** W: web pages. */
  web: string[];
  /** F: file patterns as written. */
  files: string[];
  /** X: excluded patterns as written. */
  excludes: string[];
  /** N: path regexes as written. */
  regexes: string[];
}

const ENTRY = /^([A-Z]):\s*(.*)$/;

/** Parses the whole file; sections without a single entry (preamble headings) are dropped. */
export function parseMaintainers(text: string): MaintainersSection[] {
  const sections: MaintainersSection[] = [];
  let current: MaintainersSection | null = null;
  let title: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') {
      current = null;
      title = null;
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry) {
      if (!current) {
        if (title === null) continue;
        current = emptySection(sections.length, title);
        sections.push(current);
      }
      addEntry(current, entry[1]!, entry[2]!.trim());
      continue;
    }
    // An indented line belongs to the preamble's prose; a flush-left line names a new section.
    if (/^\s/.test(raw)) {
      current = null;
      title = null;
    } else {
      current = null;
      title = line.replace(/\s+/g, ' ').trim();
    }
  }
  return sections;
}

function emptySection(index: number, title: string): MaintainersSection {
  return { index, title, entries: [], status: null, maintainers: [], reviewers: [], lists: [], trees: [], web: [], files: [], excludes: [], regexes: [] };
}

function addEntry(section: MaintainersSection, type: string, value: string): void {
  if (!value) return;
  section.entries.push({ type, value });
  switch (type) {
    case 'S':
      section.status ??= value;
      break;
    case 'M':
      section.maintainers.push(value);
      break;
    case 'R':
      section.reviewers.push(value);
      break;
    case 'L':
      section.lists.push(value);
      break;
    case 'T':
      section.trees.push(value);
      break;
    case 'W':
      section.web.push(value);
      break;
    case 'F':
      section.files.push(value);
      break;
    case 'X':
      section.excludes.push(value);
      break;
    case 'N':
      section.regexes.push(value);
      break;
  }
}
