/**
 * Reading kernel.org's pages for references: a cgit commit page (git.kernel.org), a CVE
 * announcement found through lore's Atom search, a lore message in raw form. Parsers are pure;
 * fetches go through getText (timeout, size cap, User-Agent) and never throw.
 */

export interface CommitInfo {
  id: string;
  subject: string;
  author: string;
  /** As cgit prints it: "2024-01-07 12:18:38 -0800". */
  date: string;
  /** Tags pointing at this very commit (cgit's decorations), e.g. v6.7 for a release commit. */
  tags: string[];
}

export interface CveInfo {
  id: string;
  subject: string;
  date: string | null;
  /** Versions the announcement says the fix is in ("6.7.5", "6.8"), in the order given. */
  fixedIn: string[];
  url: string;
}

export interface LoreInfo {
  subject: string;
  author: string;
  date: string | null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

const stripTags = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
/** "Name <mail@host>" → "Name" (the address stays on the page; the reply is about the change). */
const nameOnly = (author: string) => author.replace(/\s*<[^>]*>\s*$/, '').trim() || author;

/** A cgit commit page (ui-commit.c): the commit-info table and the commit-subject div. */
export function parseCgitCommit(html: string): CommitInfo | null {
  const subjectMatch = /<div class='commit-subject'>([\s\S]*?)<\/div>/.exec(html);
  const authorMatch = /<th>author<\/th><td[^>]*>([\s\S]*?)<\/td>(?:<td class='right'>([\s\S]*?)<\/td>)?/.exec(html);
  const idMatch = /<th>commit<\/th>[\s\S]*?([0-9a-f]{40})/.exec(html);
  if (!subjectMatch || !authorMatch || !idMatch) return null;
  const [subjectHtml = '', ...decorations] = subjectMatch[1]!.split(/<span class='decoration'>/);
  const tags = decorations.flatMap((d) => [...d.matchAll(/class='tag-(?:annotated-)?deco'[^>]*>([^<]+)</g)].map((m) => decodeEntities(m[1]!)));
  let date = authorMatch[2] ? stripTags(authorMatch[2]) : '';
  if (!date) date = stripTags(/<th>committer<\/th><td[^>]*>[\s\S]*?<\/td><td class='right'>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '');
  return { id: idMatch[1]!, subject: stripTags(subjectHtml), author: nameOnly(stripTags(authorMatch[1]!)), date, tags };
}

/** public-inbox Atom search results (lore.kernel.org/linux-cve-announce/?q=CVE-…&x=A): the first entry. */
export function parseCveAtom(xml: string, cve: string): CveInfo | null {
  for (const entry of xml.split(/<entry>/).slice(1)) {
    const title = decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/.exec(entry)?.[1] ?? '').trim();
    if (!title.toUpperCase().includes(cve.toUpperCase())) continue;
    const link = /<link[^>]*href="([^"]+)"/.exec(entry)?.[1] ?? '';
    const updated = /<updated>([^<]+)<\/updated>/.exec(entry)?.[1] ?? null;
    const content = decodeEntities(/<content[^>]*>([\s\S]*?)<\/content>/.exec(entry)?.[1] ?? '').replace(/<[^>]*>/g, ' ');
    const fixedIn = [...new Set([...content.matchAll(/fixed in (\d+\.\d+(?:\.\d+)?) with commit/gi)].map((m) => m[1]!))];
    const subject = title.replace(new RegExp(`^\\s*${cve}\\s*:\\s*`, 'i'), '');
    return { id: cve.toUpperCase(), subject, date: updated ? updated.slice(0, 10) : null, fixedIn, url: decodeEntities(link) };
  }
  return null;
}

/** A raw message (lore's /raw): Subject, From and Date headers, folded lines joined. */
export function parseRawMessage(raw: string): LoreInfo | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line);
    if (m && !headers.has(m[1]!.toLowerCase())) headers.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const subject = headers.get('subject');
  const from = headers.get('from');
  if (!subject || !from) return null;
  const author = from.replace(/^"?([^"<]+?)"?\s*<[^>]+>$/, '$1').trim();
  const date = headers.get('date');
  const parsed = date ? new Date(date) : null;
  return { subject: decodeMimeWords(subject), author: decodeMimeWords(author), date: parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString().slice(0, 10) : null };
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), enough for names and subjects. */
function decodeMimeWords(text: string): string {
  return text.replace(/=\?([\w-]+)\?([QB])\?([^?]*)\?=/gi, (all, _charset: string, encoding: string, data: string) => {
    try {
      if (encoding.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    } catch {
      return all;
    }
  });
}
