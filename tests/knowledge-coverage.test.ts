import { describe, expect, it } from 'vitest';
import { realKnowledge } from './support/knowledge.ts';
import type { KnowledgeEntry } from '../src/knowledge/schema.ts';

/**
 * Release coverage: a release entry for every mainline version from 3.0 to the newest one covered, with
 * consistent dates and cycle lengths, 4–8 headline changes, and a primary source for its numbers.
 */

/** Mainline versions by the numbering rules: 3.0–3.19, 4.0–4.20, 5.0–5.19, then x.0–x.19 per major. */
export function mainlineVersions(upTo: string): string[] {
  const [lastMajor, lastMinor] = upTo.split('.').map(Number) as [number, number];
  const lastMinorOf: Record<number, number> = { 3: 19, 4: 20, 5: 19 };
  const versions: string[] = [];
  for (let major = 3; major <= lastMajor; major++) {
    const end = major === lastMajor ? lastMinor : (lastMinorOf[major] ?? 19);
    for (let minor = 0; minor <= end; minor++) versions.push(`${major}.${minor}`);
  }
  return versions;
}

const byVersion = (a: string, b: string) => {
  const [a1, a2] = a.split('.').map(Number) as [number, number];
  const [b1, b2] = b.split('.').map(Number) as [number, number];
  return a1 - b1 || a2 - b2;
};

/** Hosts whose pages give release dates, cycle lengths and commit counts first-hand. */
const PRIMARY_RELEASE_SOURCES = ['kernelnewbies.org', 'lwn.net', 'heise.de', 'kernel.org'];
const isPrimary = (url: string) => {
  const host = new URL(url).hostname;
  return PRIMARY_RELEASE_SOURCES.some((p) => host === p || host.endsWith(`.${p}`));
};

const DAY_MS = 86_400_000;
/** "63 days", "63 Tage", "(70 days)": the cycle length a text states. */
const DAYS_IN_TEXT = /(\d+)[\s\u00a0](?:days|Tage)\b/g;

describe('release coverage', () => {
  const { entries, search } = realKnowledge();
  const releases = new Map(entries.filter((e) => e.kind === 'release' && e.version).map((e) => [e.version!, e]));
  const covered = [...releases.keys()].filter((v) => byVersion(v, '3.0') >= 0).sort(byVersion);
  const newest = covered.at(-1)!;

  it('generates the mainline version list by the numbering rules', () => {
    const list = mainlineVersions('7.1');
    expect(list.slice(0, 2)).toEqual(['3.0', '3.1']);
    expect(list).toContain('4.20');
    expect(list).not.toContain('3.20');
    expect(list).not.toContain('5.20');
    expect(list.slice(-3)).toEqual(['6.19', '7.0', '7.1']);
    expect(list).toHaveLength(20 + 21 + 20 + 20 + 2);
  });

  it(`has a dated release entry for every mainline version from 3.0 to the newest covered (${newest})`, () => {
    const missing = mainlineVersions(newest).filter((v) => !releases.get(v)?.release?.date);
    expect(missing, 'versions without a dated release entry').toEqual([]);
    for (const version of mainlineVersions(newest)) expect(search.releaseEntry(version)?.id).toBe(`linux-${version.replace('.', '-')}`);
  });

  it('has release dates that grow with the version and cycle lengths that match the previous release date', () => {
    const problems: string[] = [];
    const versions = mainlineVersions(newest);
    for (const [i, version] of versions.entries()) {
      const entry = releases.get(version);
      const previous = i > 0 ? releases.get(versions[i - 1]!) : undefined;
      if (!entry?.release || !previous?.release) continue;
      const days = (Date.parse(entry.release.date) - Date.parse(previous.release.date)) / DAY_MS;
      if (days <= 0) problems.push(`${version}: released ${entry.release.date}, not after ${previous.version} (${previous.release.date})`);
      const stated = entry.release.development_days;
      if (stated !== undefined && stated !== days) problems.push(`${version}: development_days ${stated}, but ${days} days after ${previous.version}`);
    }
    expect(problems).toEqual([]);
  });

  it('states in summary and since the same cycle length as the release block', () => {
    const problems: string[] = [];
    for (const entry of releases.values()) {
      const days = entry.release?.development_days;
      if (days === undefined) continue;
      for (const lang of ['en', 'de'] as const) {
        for (const match of entry.summary[lang].matchAll(DAYS_IN_TEXT)) {
          if (Number(match[1]) !== days) problems.push(`${entry.id} summary.${lang}: "${match[0]}" but development_days ${days}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists 4–8 headline changes for every release entry, each pointing only at entries that exist', () => {
    const ids = new Set(entries.map((e) => e.id));
    const problems: string[] = [];
    for (const entry of releases.values()) {
      const changes = entry.release?.changes ?? [];
      if (changes.length < 4 || changes.length > 8) problems.push(`${entry.id}: ${changes.length} changes`);
      for (const change of changes) if (change.entry && !ids.has(change.entry)) problems.push(`${entry.id}: change points at unknown entry "${change.entry}"`);
    }
    expect(problems).toEqual([]);
  });

  it('backs the numbers of every release entry with a link to kernelnewbies, LWN, heise or kernel.org', () => {
    const hasNumbers = (e: KnowledgeEntry) => /\d/.test(`${e.summary.en} ${e.summary.de} ${e.since.en} ${e.since.de}`) || e.release?.commits !== undefined || e.release?.development_days !== undefined;
    const unsourced = [...releases.values()].filter((e) => hasNumbers(e) && !e.links.some((l) => isPrimary(l.url))).map((e) => e.id);
    expect(unsourced).toEqual([]);
  });
});
