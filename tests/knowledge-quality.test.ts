import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realKnowledge } from './support/knowledge.ts';
import type { KnowledgeEntry } from '../src/knowledge/schema.ts';

/**
 * Quality checks on the text and links of the real knowledge base that the schema cannot express:
 * no words split by line folding, no links to mirrors, scrapers or dead hosts.
 */

/** Every user-visible text of an entry, labelled with where it sits. */
function texts(entry: KnowledgeEntry): [string, string][] {
  const out: [string, string][] = [];
  const both = (field: string, value?: { en: string; de: string }): void => {
    if (value) out.push([`${field}.en`, value.en], [`${field}.de`, value.de]);
  };
  both('title', entry.title);
  both('summary', entry.summary);
  both('since', entry.since);
  both('correction', entry.correction);
  both('talk.claim', entry.talk?.claim);
  entry.aliases.en.forEach((a, i) => out.push([`aliases.en.${i}`, a]));
  entry.aliases.de.forEach((a, i) => out.push([`aliases.de.${i}`, a]));
  entry.release?.changes.forEach((c, i) => out.push([`release.changes.${i}.en`, c.en], [`release.changes.${i}.de`, c.de]));
  entry.links.forEach((l, i) => out.push([`links.${i}.title`, l.title]));
  return out;
}

/**
 * A hyphen glued to a word and followed by a space is a word that line folding split ("Block- Layout"),
 * unless the next word joins two compounds: "Ein- und Ausgabe", "32- bis 64-Bit", "read- and write-heavy".
 */
const SUSPENDED_HYPHEN_JOINERS = new Set(['und', 'oder', 'bzw.', 'sowie', 'bis', 'noch', 'als', 'and', 'or', 'nor', 'to']);

function splitWords(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/([\p{L}\d]+)- (\S+)/gu)) {
    const next = match[2]!.replace(/^\(/u, '').replace(/[,;:)]+$/u, '');
    if (!SUSPENDED_HYPHEN_JOINERS.has(next.toLowerCase())) found.push(`${match[1]}- ${match[2]}`);
  }
  return found;
}

/** Mirrors and scrapers of primary sources: link the original (git.kernel.org, lore, the project's site) instead. */
const MIRROR_HOSTS = [
  'newbetuts.com',
  'git.amat.us',
  'git.rlab.io',
  'gerrit-public.fairphone.software',
  'review.shift-gmbh.com',
  'ftechworks.mydns.jp',
  'kernel.googlesource.com',
  'tangled.org',
  'lore-kernel.gnuweeb.org',
  'pipedot.org',
  'noise.getoto.net',
];

/** Hosts that no longer exist: only an archive copy whose title says it is one. */
const DEAD_HOSTS = ['h-online.com', 'www.h-online.com', '01.org', 'oss.sgi.com'];

const onHost = (host: string, list: string[]): boolean => list.some((h) => host === h || host.endsWith(`.${h}`));

/** The host a link really points to: for an archive.org copy, the archived page's host. */
function archivedHost(url: URL): string | null {
  if (url.hostname !== 'web.archive.org') return null;
  const inner = /^\/web\/[^/]+\/(https?:\/\/.+)$/u.exec(url.pathname + url.search);
  return inner ? new URL(inner[1]!).hostname : null;
}

function linkProblems(link: { title: string; url: string }): string[] {
  const url = new URL(link.url);
  const problems: string[] = [];
  if (onHost(url.hostname, MIRROR_HOSTS)) problems.push(`mirror or scraper ${url.hostname}`);
  if (onHost(url.hostname, DEAD_HOSTS)) problems.push(`dead host ${url.hostname} (use a live equivalent or an archive copy)`);
  const inner = archivedHost(url);
  if (url.hostname === 'web.archive.org' && !/archiv/iu.test(link.title)) problems.push('archive copy whose title does not say so');
  if (inner && onHost(inner, MIRROR_HOSTS)) problems.push(`archived mirror ${inner}`);
  if (url.hostname === 'git.kernel.org' && url.pathname.includes('/commit/') && !/\/commit\/$/u.test(url.pathname)) {
    problems.push('per-file commit path (link the commit by id: …/commit/?id=<sha>)');
  }
  return problems;
}

describe('knowledge text quality', () => {
  const { entries } = realKnowledge();

  it('has no words split by line folding ("Block- Layout")', () => {
    const splits = entries.flatMap((e) => texts(e).flatMap(([field, text]) => splitWords(text).map((s) => `${e.id} ${field}: "${s}"`)));
    expect(splits).toEqual([]);
  });

  it('wraps folded YAML lines only at spaces, never right after a hyphen', () => {
    const dir = new URL('../knowledge/', import.meta.url);
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) =>
        readFileSync(new URL(f, dir), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => /^\s{2,}[^#\s-].*[\p{L}\d]-$/u.test(line))
          .map(({ at, line }) => `${at}: …${line.slice(-30)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('links no mirrors, scrapers, dead hosts or per-file commit paths', () => {
    const bad = entries.flatMap((e) => e.links.flatMap((l) => linkProblems(l).map((p) => `${e.id}: ${l.url} – ${p}`)));
    expect(bad).toEqual([]);
  });
});

describe('the quality rules themselves', () => {
  it('flag folding splits and allow suspended hyphens before a joining word', () => {
    expect(splitWords('pNFS-Block- Layout im NFS-Server')).toEqual(['Block- Layout']);
    expect(splitWords('Docker und Embedded- Geräte.')).toEqual(['Embedded- Geräte.']);
    expect(splitWords('Ein- und Ausgabe, 32- bis 64-Bit, Lese- oder Schreibzugriffe, weder Lese- noch Schreibrechte')).toEqual([]);
    expect(splitWords('read- and write-heavy loads, a list - with a dash, die OpenGL- (und später Vulkan-)Treiber')).toEqual([]);
  });

  it('flag mirror, dead and unlabelled archive links and accept primary or labelled archive links', () => {
    expect(linkProblems({ title: 'x', url: 'https://newbetuts.com/1091635-foo' })).toHaveLength(1);
    expect(linkProblems({ title: 'x', url: 'https://gerrit-public.fairphone.software/plugins/gitiles/kernel/msm-4.9/+/abc' })).toHaveLength(1);
    expect(linkProblems({ title: 'x', url: 'http://www.h-online.com/open/features/x.html' })).toHaveLength(1);
    expect(linkProblems({ title: 'x', url: 'https://01.org/igvt-g' })).toHaveLength(1);
    expect(linkProblems({ title: 'The H (no label)', url: 'https://web.archive.org/web/2013/http://www.h-online.com/x.html' })).toHaveLength(1);
    expect(linkProblems({ title: 'The H (archived; offline)', url: 'https://web.archive.org/web/2013/http://www.h-online.com/x.html' })).toEqual([]);
    expect(linkProblems({ title: 'x', url: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/fs/btrfs/Kconfig?id=abc' })).toHaveLength(1);
    expect(linkProblems({ title: 'x', url: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=f2c61db29f27' })).toEqual([]);
    expect(linkProblems({ title: 'x', url: 'https://docs.kernel.org/filesystems/fsverity.html' })).toEqual([]);
  });
});
