import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { fitEmbed, embedLength, escapeUserText, clip, mentionOnly, LIMITS } from '../src/discord/policy.ts';
import { encodeCustomId, decodeCustomId, type ComponentAction } from '../src/discord/custom-ids.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { resolveLanguage } from '../src/discord/language.ts';
import { RecentAnswers } from '../src/discord/recent-answers.ts';
import { entryReply, releaseReply } from '../src/answers/reply.ts';
import { realKnowledge } from './support/knowledge.ts';

describe('response policy', () => {
  it('trims every part of an oversized embed within Discord limits, with a pointer', () => {
    const huge: APIEmbed = {
      title: 't'.repeat(400),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(3000) },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(2000) })),
    };
    const fitted = fitEmbed(huge, '… full entry: /feature x');
    expect(fitted.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(fitted.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(fitted.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const field of fitted.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(fitted.description).toMatch(/… full entry: \/feature x$/);
  });

  it('never lets user text ping anyone but the chosen member', () => {
    expect(mentionOnly(null)).toEqual({ parse: [] });
    expect(mentionOnly('123')).toEqual({ parse: [], users: ['123'] });
    const escaped = escapeUserText('@everyone <@&1> **x**');
    expect(escaped).not.toContain('@everyone');
    expect(escaped).not.toContain('<@&');
    expect(escaped).toContain('\\*\\*x\\*\\*');
  });

  it('clips to the exact limit', () => {
    expect(clip('abcdef', 4)).toHaveLength(4);
    expect(clip('abc', 4)).toBe('abc');
  });

  it('picks the language from the option, then the server locale, then English', () => {
    expect(resolveLanguage('de', 'en-US')).toBe('de');
    expect(resolveLanguage(null, 'de')).toBe('de');
    expect(resolveLanguage(null, 'fr')).toBe('en');
    expect(resolveLanguage(undefined, null)).toBe('en');
  });

  it('remembers public answers for the repeat window only', () => {
    let now = 0;
    const recent = new RecentAnswers(60_000, () => now);
    recent.remember('c', 'kdbus', 'https://discord.com/channels/1/2/3');
    expect(recent.find('c', 'kdbus')).toBe('https://discord.com/channels/1/2/3');
    expect(recent.find('other', 'kdbus')).toBeNull();
    now = 60_001;
    expect(recent.find('c', 'kdbus')).toBeNull();
  });
});

describe('component ids', () => {
  it.each<ComponentAction>([
    { action: 'show', entryId: 'kdbus', lang: 'de' },
    { action: 'lang', entryId: 'kernel-live-patching', lang: 'en' },
    { action: 'release', version: '3.19', lang: 'en' },
    { action: 'delete', ownerId: '123456789012345678' },
    { action: 'post', entryId: 'btrfs-subvolumes-snapshots', lang: 'de', messageId: '123456789012345678' },
    { action: 'related', lang: 'de' },
  ])('round-trips %o within 100 characters', (action) => {
    const id = encodeCustomId(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(id)).toEqual(action);
  });

  // Buttons on messages posted long ago still carry these exact strings: the format must never drift.
  it.each<[string, ComponentAction]>([
    ['kb1|show|kdbus|de', { action: 'show', entryId: 'kdbus', lang: 'de' }],
    ['kb1|lang|kdbus|en', { action: 'lang', entryId: 'kdbus', lang: 'en' }],
    ['kb1|release|4.0|de', { action: 'release', version: '4.0', lang: 'de' }],
    ['kb1|delete|1400000000000000001', { action: 'delete', ownerId: '1400000000000000001' }],
    ['kb1|post|btrfs-raid56|en|123456789012345678', { action: 'post', entryId: 'btrfs-raid56', lang: 'en', messageId: '123456789012345678' }],
    ['kb1|related|de', { action: 'related', lang: 'de' }],
    ['kb1|solved|1400000000000000001', { action: 'solved', ownerId: '1400000000000000001' }],
    ['kb1|unhelpful|1400000000000000002', { action: 'unhelpful', ownerId: '1400000000000000002' }],
    ['kb1|dismiss|1400000000000000003', { action: 'dismiss', ownerId: '1400000000000000003' }],
  ])('keeps the wire format %s', (wire, action) => {
    expect(encodeCustomId(action)).toBe(wire);
    expect(decodeCustomId(wire)).toEqual(action);
  });

  it('ignores foreign or truncated ids', () => {
    expect(decodeCustomId('something-else')).toBeNull();
    expect(decodeCustomId('kb1|show')).toBeNull();
    expect(decodeCustomId('kb1|nope|x')).toBeNull();
  });
});

describe('Discord rendering of every entry', () => {
  const { search, entries } = realKnowledge();

  it('fits Discord limits for every entry in both languages, with working components', () => {
    for (const entry of entries) {
      for (const lang of ['en', 'de'] as const) {
        const rendered = renderDiscord(entryReply(entry, search, lang), { ownerId: '42' });
        const [embed] = rendered.embeds;
        expect(embed).toBeDefined();
        expect(embedLength(embed!)).toBeLessThanOrEqual(LIMITS.embedTotal);
        expect(embed!.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
        expect(rendered.components.length).toBeLessThanOrEqual(5);
        const ids = rendered.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(decodeCustomId(id)).not.toBeNull();
      }
    }
  });

  it('renders release overviews for every version within limits', () => {
    for (const version of search.versions) {
      const [embed] = renderDiscord(releaseReply(version, search, 'de')).embeds;
      expect(embed!.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
      expect(embedLength(embed!)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });

  it('gives public answers a delete button for the asker and ephemeral ones none', () => {
    const entry = search.get('kdbus')!;
    const publicIds = renderDiscord(entryReply(entry, search, 'en'), { ownerId: '42' }).components.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(publicIds).toContain(encodeCustomId({ action: 'delete', ownerId: '42' }));
    const hidden = renderDiscord(entryReply(entry, search, 'en'), { ownerId: '42', ephemeral: true });
    expect(hidden.ephemeral).toBe(true);
    expect(JSON.stringify(hidden.components)).not.toContain('kb1|delete');
  });
});
