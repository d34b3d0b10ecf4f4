import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/releases/parse-feed.ts';
import { eolEmbed, planMessages, releaseEmbed, renderAnnouncement } from '../../src/discord/release-posts.ts';
import { SAMPLE_RELEASE } from '../../src/releases/sample.ts';
import { MAX_SKIPPED_LISTED, skippedVersions, sortEvents } from '../../src/releases/events.ts';
import { messageNonce } from '../../src/releases/nonce.ts';
import type { Release } from '../../src/shared/release.ts';
import { FEED_2020_05_08, FEED_TWO_MAINLINE } from './feed-states.ts';
import { knowledgeLookupFromEntries } from '../../src/releases/knowledge-lookup.ts';
import { realKnowledge } from '../support/knowledge.ts';
import { embedLength } from '../../src/discord/policy.ts';

const releases = new Map<string, Release>();
for (const xml of [FEED_TWO_MAINLINE(), FEED_2020_05_08()]) for (const r of (await parseFeed(xml)).releases) releases.set(r.version, r);
const get = (v: string) => releases.get(v)!;
const fieldsOf = (embed: ReturnType<typeof releaseEmbed>) => Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));

describe('release embeds', () => {
  it('shows a final mainline release with every link, kernelnewbies and knowledge-base entries', () => {
    const knowledge = { releaseEntry: null, entries: [{ id: 'x', title: { en: 'Some feature', de: 'Ein Feature' } }] };
    const embed = releaseEmbed(get('6.18'), 'en', knowledge);
    const fields = fieldsOf(embed);
    expect(embed.title).toBe('Linux 6.18');
    expect(fields.Released).toBe('30 November 2025');
    expect(fields.Kind).toBe('mainline');
    expect(fields.Download).toContain('(https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.18.tar.xz)');
    expect(fields.Download).toContain('linux-6.18.tar.sign');
    expect(fields.Patches).toContain('patch-6.18.xz');
    expect(fields.Git).toBe('[tree](https://git.kernel.org/torvalds/h/v6.18) · [diff](https://git.kernel.org/torvalds/ds/v6.18/v6.17)');
    expect(fields["What's new"]).toContain('https://kernelnewbies.org/Linux_6.18');
    expect(fields['In the knowledge base']).toBe('• Some feature');
  });

  it('links the release entry of a final mainline release from the real knowledge base, before its feature entries', () => {
    const lookup = knowledgeLookupFromEntries(realKnowledge().entries);
    const fields = fieldsOf(releaseEmbed(get('6.18'), 'en', lookup.forVersion('6.18')));
    const lines = fields['In the knowledge base']!.split('\n');
    expect(lines[0]).toBe('**Linux 6.18 (November 2025)**: `/release 6.18`');
    expect(lines.slice(1)).toEqual(
      lookup
        .forVersion('6.18')
        .entries.slice(0, 8)
        .map((e) => `• ${e.title.en}`),
    );
    // Stable updates and release candidates get no knowledge field, even when the series has an entry.
    expect(fieldsOf(releaseEmbed(get('6.17.12'), 'en', lookup.forVersion('6.17')))['In the knowledge base']).toBeUndefined();
    expect(fieldsOf(releaseEmbed(get('6.19-rc1'), 'en', lookup.forVersion('6.19')))['In the knowledge base']).toBeUndefined();
  });

  it('says which rc of which version a release candidate is', () => {
    const embed = releaseEmbed(get('6.19-rc1'), 'en');
    expect(embed.description).toMatch(/Release candidate 1 of Linux 6\.19/);
    expect(fieldsOf(embed)["What's new"]).toBeUndefined();
    expect(fieldsOf(embed).ChangeLog).toBeUndefined();
  });

  it('shows stable patches, ChangeLog and diff', () => {
    const fields = fieldsOf(releaseEmbed(get('6.17.12'), 'en'));
    expect(fields.Patches).toContain('[incremental](https://cdn.kernel.org/pub/linux/kernel/v6.x/incr/patch-6.17.11-12.xz)');
    expect(fields.ChangeLog).toContain('ChangeLog-6.17.12');
    expect(fields.Git).toContain('https://git.kernel.org/stable/ds/v6.17.12/v6.17.11');
  });

  it('marks EOL clearly', () => {
    const embed = releaseEmbed(get('5.5.19'), 'en');
    expect(embed.description).toMatch(/END OF LIFE/);
    expect(fieldsOf(embed).Kind).toBe('stable, **EOL**');
    expect(eolEmbed('5.5', get('5.5.19'), 'en').title).toBe('Linux 5.5 has reached end of life');
  });
});

describe('messages', () => {
  it('pings nobody without a role, and only the role with one', () => {
    const plain = renderAnnouncement({ items: [{ type: 'release', release: get('6.18') }], roleId: null, lang: 'en' });
    expect(plain.allowed_mentions).toEqual({ parse: [] });
    expect(plain.content).not.toMatch(/<@/);
    const pinged = renderAnnouncement({ items: [{ type: 'release', release: get('6.18') }], roleId: '123456789012345678', lang: 'en' });
    expect(pinged.content).toMatch(/^<@&123456789012345678> /);
    expect(pinged.allowed_mentions).toEqual({ parse: [], roles: ['123456789012345678'] });
  });

  it('draws one embed when a release and its own EOL notice go out together', () => {
    const release = get('5.5.19');
    const body = renderAnnouncement({
      items: [
        { type: 'eol', series: '5.5', release },
        { type: 'release', release },
      ],
      roleId: null,
      lang: 'en',
    });
    expect(body.embeds).toHaveLength(1);
    expect(body.content).toMatch(/End of life: \*\*5\.5\*\*/);
  });

  it('splits a digest of many releases into several messages, oldest first', () => {
    const items = [...releases.values()].map((release) => ({ type: 'release' as const, release }));
    // The deliverer's path: the core orders the items, the Discord adapter plans and renders the messages.
    const bodies = planMessages(sortEvents(items), 'en').map((batch) => renderAnnouncement({ items: batch, roleId: null, lang: 'en' }));
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.flatMap((b) => b.embeds!)).toHaveLength(items.length);
    expect(bodies.every((b) => b.embeds!.length <= 10)).toBe(true);
    const first = bodies[0]!.embeds![0]!;
    expect(first.title).toBe('Linux 5.5.19'); // 2020-04-21, the oldest of the lot
  });

  it('adds the note about left-out versions to the last message as one bounded line of text, in either language', () => {
    // The worst case: the most versions named, each as long as kernel.org's longest, and a role to ping.
    const many = Array.from({ length: 400 }, (_, i) => `2.6.32.${1000 - i}`);
    const items = sortEvents([{ type: 'skipped' as const, skipped: skippedVersions(many) }, ...[...releases.values()].map((release) => ({ type: 'release' as const, release }))]);
    expect(items.at(-1)!.type).toBe('skipped');
    for (const lang of ['en', 'de'] as const) {
      const bodies = planMessages(items, lang).map((batch) => renderAnnouncement({ items: batch, roleId: '1300000000000000031', lang }));
      const [last, ...others] = bodies.reverse();
      const note = last!.content!.split('\n').at(-1)!;
      const named = many.slice(0, MAX_SKIPPED_LISTED).join(', ');
      expect(note).toBe(lang === 'en' ? `Also new, not announced separately (400): ${named}, …` : `Ebenfalls neu, nicht einzeln angekündigt (400): ${named}, …`);
      expect(others.every((b) => !b.content!.includes(note))).toBe(true);
      expect(last!.content!.length).toBeLessThanOrEqual(2000); // Discord's limit for message text
    }
    // All of them named when they fit: no ellipsis.
    const few = renderAnnouncement({ items: [{ type: 'skipped', skipped: skippedVersions(['6.1.159', '6.1.160']) }], roleId: null, lang: 'de' });
    expect(few).toMatchObject({ content: 'Ebenfalls neu, nicht einzeln angekündigt (2): 6.1.160, 6.1.159', embeds: [] });
  });

  it('derives a stable nonce of at most 25 characters from channel and events', () => {
    const nonce = messageNonce('123', ['release:6.18', 'eol:6.17']);
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(messageNonce('123', ['eol:6.17', 'release:6.18'])).toBe(nonce);
    expect(messageNonce('124', ['release:6.18', 'eol:6.17'])).not.toBe(nonce);
  });

  it('renders a sample post that is marked as a test and pings nobody', () => {
    const body = renderAnnouncement({ items: [{ type: 'release', release: SAMPLE_RELEASE }], roleId: '123456789012345678', lang: 'en', sample: true });
    expect(body.content).toMatch(/Test post/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds![0]!.title).toBe('Linux 6.18');
  });
});

describe('German posts', () => {
  const lookup = knowledgeLookupFromEntries(realKnowledge().entries);

  it('word every field, the summary and the date in German and name knowledge entries by their German titles', () => {
    const embed = releaseEmbed(get('6.18'), 'de', lookup.forVersion('6.18'));
    const fields = fieldsOf(embed);
    expect(embed.title).toBe('Linux 6.18');
    expect(embed.description).toBe('Linux 6.18 ist erschienen (finale Mainline-Version).');
    expect(fields.Erschienen).toBe('30. November 2025');
    expect(fields.Art).toBe('mainline');
    expect(fields.Download).toBe('[Tarball](https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.18.tar.xz) · [PGP-Signatur](https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.18.tar.sign)');
    expect(fields['Was ist neu']).toContain('https://kernelnewbies.org/Linux_6.18');
    // 3.13 (January 2014): a release entry and feature entries whose German titles differ from the English ones.
    const release313 = { ...get('6.18'), version: '3.13' };
    const lines = fieldsOf(releaseEmbed(release313, 'de', lookup.forVersion('3.13')))['In der Wissensdatenbank']!.split('\n');
    expect(lookup.forVersion('3.13').releaseEntry!.title.en).toBe('Linux 3.13 (January 2014)');
    expect(lines[0]).toBe('**Linux 3.13 (Januar 2014)**: `/release 3.13`');
    const entries = lookup.forVersion('3.13').entries;
    expect(entries.slice(0, 8).some((e) => e.title.de !== e.title.en)).toBe(true);
    expect(lines.slice(1, 9)).toEqual(entries.slice(0, 8).map((e) => `• ${e.title.de}`));
    if (entries.length > 8) expect(lines[9]).toBe(`… und ${entries.length - 8} weitere`);
    expect(embed.footer).toEqual({ text: 'kernel.org' });
  });

  it('word release candidates, stable updates, EOL and the digest headline in German', () => {
    expect(releaseEmbed(get('6.19-rc1'), 'de').description).toBe('Release-Kandidat 1 von Linux 6.19 (mainline, zum Testen).');
    expect(fieldsOf(releaseEmbed(get('6.17.12'), 'de')).Patches).toContain('[inkrementell](');
    const eol = releaseEmbed(get('5.5.19'), 'de');
    expect(eol.description).toMatch(/ENDE DER PFLEGE\*\*: 5\.5\.19 ist die letzte Version der Serie 5\.5/);
    expect(fieldsOf(eol).Art).toBe('stable, **EOL**');
    const notice = eolEmbed('5.5', get('5.5.19'), 'de');
    expect(notice.title).toBe('Linux 5.5 wird nicht mehr gepflegt (EOL)');
    expect(notice.description).toMatch(/Letzte Version: \*\*5\.5\.19\*\* vom 21\. April 2020\.$/);
    const digest = renderAnnouncement({
      items: [
        { type: 'release', release: get('6.17.12') },
        { type: 'release', release: get('6.19-rc1') },
        { type: 'eol', series: '5.5', release: get('5.5.19') },
      ],
      roleId: null,
      lang: 'de',
    });
    expect(digest.content).toBe('Neue Kernel-Versionen: **6.17.12**, **6.19-rc1** · Ende der Pflege: **5.5**');
    expect(renderAnnouncement({ items: [{ type: 'release', release: SAMPLE_RELEASE }], roleId: '123456789012345678', lang: 'de', sample: true }).content).toBe(
      '🧪 Testbeitrag: So sehen Ankündigungen neuer Kernel-Versionen hier aus. Echte Beiträge erwähnen <@&123456789012345678>.',
    );
  });

  it('are planned by their German length, within the limits', () => {
    const items = sortEvents([...releases.values()].map((release) => ({ type: 'release' as const, release, knowledge: lookup.forVersion(release.version) })));
    const bodies = planMessages(items, 'de').map((batch) => renderAnnouncement({ items: batch, roleId: null, lang: 'de' }));
    expect(bodies.flatMap((b) => b.embeds!)).toHaveLength(items.length);
    for (const body of bodies) expect(body.embeds!.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(5_500);
  });
});
