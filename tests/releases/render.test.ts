import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/releases/parse-feed.ts';
import { eolEmbed, planMessages, releaseEmbed, renderAnnouncement } from '../../src/discord/release-posts.ts';
import { SAMPLE_RELEASE } from '../../src/releases/sample.ts';
import { sortEvents } from '../../src/releases/events.ts';
import { messageNonce } from '../../src/releases/nonce.ts';
import type { Release } from '../../src/shared/release.ts';
import { FEED_2020_05_08, FEED_TWO_MAINLINE } from './feed-states.ts';
import { knowledgeLookupFromEntries } from '../../src/releases/knowledge-lookup.ts';
import { realKnowledge } from '../support/knowledge.ts';

const releases = new Map<string, Release>();
for (const xml of [FEED_TWO_MAINLINE(), FEED_2020_05_08()]) for (const r of (await parseFeed(xml)).releases) releases.set(r.version, r);
const get = (v: string) => releases.get(v)!;
const fieldsOf = (embed: ReturnType<typeof releaseEmbed>) => Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));

describe('release embeds', () => {
  it('shows a final mainline release with every link, kernelnewbies and knowledge-base entries', () => {
    const knowledge = { entriesForVersion: (v: string) => (v === '6.18' ? [{ id: 'x', title: 'Some feature' }] : []), releaseEntry: () => null };
    const embed = releaseEmbed(get('6.18'), knowledge);
    const fields = fieldsOf(embed);
    expect(embed.title).toBe('Linux 6.18');
    expect(fields.Released).toBe(`<t:${Date.parse('2025-11-30T22:00:00Z') / 1000}:D>`);
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
    const fields = fieldsOf(releaseEmbed(get('6.18'), lookup));
    const lines = fields['In the knowledge base']!.split('\n');
    expect(lines[0]).toBe('**Linux 6.18 (November 2025)**: `/release 6.18`');
    expect(lines.slice(1)).toEqual(
      lookup
        .entriesForVersion('6.18')
        .slice(0, 8)
        .map((e) => `• ${e.title}`),
    );
    // Stable updates and release candidates get no knowledge field, even when the series has an entry.
    expect(fieldsOf(releaseEmbed(get('6.17.12'), lookup))['In the knowledge base']).toBeUndefined();
    expect(fieldsOf(releaseEmbed(get('6.19-rc1'), lookup))['In the knowledge base']).toBeUndefined();
  });

  it('says which rc of which version a release candidate is', () => {
    const embed = releaseEmbed(get('6.19-rc1'));
    expect(embed.description).toMatch(/Release candidate 1 of Linux 6\.19/);
    expect(fieldsOf(embed)["What's new"]).toBeUndefined();
    expect(fieldsOf(embed).ChangeLog).toBeUndefined();
  });

  it('shows stable patches, ChangeLog and diff', () => {
    const fields = fieldsOf(releaseEmbed(get('6.17.12')));
    expect(fields.Patches).toContain('[incremental](https://cdn.kernel.org/pub/linux/kernel/v6.x/incr/patch-6.17.11-12.xz)');
    expect(fields.ChangeLog).toContain('ChangeLog-6.17.12');
    expect(fields.Git).toContain('https://git.kernel.org/stable/ds/v6.17.12/v6.17.11');
  });

  it('marks EOL clearly', () => {
    const embed = releaseEmbed(get('5.5.19'));
    expect(embed.description).toMatch(/END OF LIFE/);
    expect(fieldsOf(embed).Kind).toBe('stable, **EOL**');
    expect(eolEmbed('5.5', get('5.5.19')).title).toBe('Linux 5.5 has reached end of life');
  });
});

describe('messages', () => {
  it('pings nobody without a role, and only the role with one', () => {
    const plain = renderAnnouncement({ items: [{ type: 'release', release: get('6.18') }], roleId: null });
    expect(plain.allowed_mentions).toEqual({ parse: [] });
    expect(plain.content).not.toMatch(/<@/);
    const pinged = renderAnnouncement({ items: [{ type: 'release', release: get('6.18') }], roleId: '123456789012345678' });
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
    });
    expect(body.embeds).toHaveLength(1);
    expect(body.content).toMatch(/End of life: \*\*5\.5\*\*/);
  });

  it('splits a digest of many releases into several messages, oldest first', () => {
    const items = [...releases.values()].map((release) => ({ type: 'release' as const, release }));
    // The deliverer's path: the core orders the items, the Discord adapter plans and renders the messages.
    const bodies = planMessages(sortEvents(items)).map((batch) => renderAnnouncement({ items: batch, roleId: null }));
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.flatMap((b) => b.embeds!)).toHaveLength(items.length);
    expect(bodies.every((b) => b.embeds!.length <= 10)).toBe(true);
    const first = bodies[0]!.embeds![0]!;
    expect(first.title).toBe('Linux 5.5.19'); // 2020-04-21, the oldest of the lot
  });

  it('derives a stable nonce of at most 25 characters from channel and events', () => {
    const nonce = messageNonce('123', ['release:6.18', 'eol:6.17']);
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(messageNonce('123', ['eol:6.17', 'release:6.18'])).toBe(nonce);
    expect(messageNonce('124', ['release:6.18', 'eol:6.17'])).not.toBe(nonce);
  });

  it('renders a sample post that is marked as a test and pings nobody', () => {
    const body = renderAnnouncement({ items: [{ type: 'release', release: SAMPLE_RELEASE }], roleId: '123456789012345678', sample: true });
    expect(body.content).toMatch(/Test post/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds![0]!.title).toBe('Linux 6.18');
  });
});
