import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, defaultGuilds, type Harness, MOD, GUILD, GUILD_DE, GENERAL, GENERAL_DE, APP } from '../support/bot-harness.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { feedState, nextRelease } from '../support/release-feeds.ts';
import { FEED_2025_12_01 } from '../releases/feed-states.ts';
import type { FakeMessage } from '../support/fake-discord/types.ts';
import type { Clock } from '../../src/shared/clock.ts';

/**
 * The language of release posts end to end: the real bot (discord.js, SQLite file) against the
 * loopback fake Discord, with a German server (preferred locale `de`) and an English one in the
 * same run. Steps build on each other (one database), so they run in order.
 */

const DE_MODS = '1300000000000000032';
/** A channel of the English server subscribed from the environment with ANNOUNCE_LANGUAGE=de (and the @everyone role as ANNOUNCE_ROLE_ID). */
const ENV_NEWS = '1300000000000000018';
const HOUR = 60 * 60_000;

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

class TestClock implements Clock {
  private ms = Date.parse('2025-12-01T13:00:00Z');
  now = () => new Date(this.ms);
  set(at: string) {
    this.ms = Date.parse(at);
  }
}

let h: Harness;
let feed: FeedServer;
const clock = new TestClock();
let xml = FEED_2025_12_01();
let etag = 0;

beforeAll(async () => {
  const guilds = defaultGuilds();
  const german = guilds.find((g) => g.id === GUILD_DE)!;
  german.roles = [{ id: DE_MODS, name: 'Moderation', permissions: ['ManageGuild'] }];
  german.members = [{ user: MOD, roles: [DE_MODS] }];
  guilds.find((g) => g.id === GUILD)!.channels!.push({ id: ENV_NEWS, name: 'kernel-news', type: 'text' });
  feed = await startFeedServer(feedState(xml, `v${etag}`));
  h = await startHarness({ guilds, clock, env: { KERNEL_FEED_URL: feed.url, FEED_SCHEDULE: '0 0 1 1 *', ANNOUNCE_CHANNEL_ID: ENV_NEWS, ANNOUNCE_LANGUAGE: 'de', ANNOUNCE_ROLE_ID: GUILD } });
  await h.bot.releases.pollNow(); // the first run records the baseline
}, 30_000);

afterAll(async () => {
  await h?.stop();
  await feed?.close();
});

async function announce(sub: string, channelId: string, options: Record<string, string> = {}): Promise<string> {
  const reply = await h.fake.slash(`announce ${sub}`, options, { user: MOD, channelId }).reply();
  const embed = (reply.data as { embeds?: Embed[] }).embeds?.[0];
  return [embed?.description, ...(embed?.fields ?? []).map((f) => `${f.name}\n${f.value}`)].filter(Boolean).join('\n');
}

const botPosts = (channelId: string) => h.fake.messages(channelId).filter((m) => m.author.id === APP);

/** kernel.org publishes the next stable update of the series `from` belongs to; the bot polls once. */
async function release(from: string, to: string, at: string): Promise<Record<string, FakeMessage[]>> {
  const channels = [GENERAL, GENERAL_DE, ENV_NEWS];
  const before = Object.fromEntries(channels.map((c) => [c, botPosts(c).length]));
  clock.set(at);
  xml = nextRelease(xml, from, to, new Date(Date.parse(at) - HOUR));
  feed.set(feedState(xml, `v${++etag}`));
  await h.bot.releases.pollNow();
  return Object.fromEntries(channels.map((c) => [c, botPosts(c).slice(before[c])]));
}

const embedsOf = (m: FakeMessage) => m.embeds as Embed[];
const field = (m: FakeMessage, name: string) => embedsOf(m)[0]!.fields?.find((f) => f.name === name)?.value;

describe('release posts in the language of the channel', () => {
  it("without the option, a subscription takes the server's preferred locale", async () => {
    expect(await announce('set', GENERAL_DE, { channel: GENERAL_DE })).toBe(
      `Neue Kernel-Versionen (mainline, rc, stable, longterm, eol) werden in <#${GENERAL_DE}> angekündigt, auf Deutsch. Jede Version kommt genau einmal. Probier /announce test.`,
    );
    expect(await announce('set', GENERAL, { channel: GENERAL })).toMatch(/will be announced in <#\d+>, in English\./);
    expect(await h.bot.store.subscriptions.get(GENERAL_DE)).toMatchObject({ guildId: GUILD_DE, lang: 'de' });
    expect(await h.bot.store.subscriptions.get(GENERAL)).toMatchObject({ lang: 'en' });
    expect(await announce('show', GENERAL_DE)).toContain('Sprache: Deutsch');
  });

  it('a German server gets a German post and an English one an English post of the same release', async () => {
    const posts = await release('6.17.10', '6.17.11', '2025-12-05T13:00:00Z');
    expect(posts[GENERAL_DE]).toHaveLength(1);
    const german = posts[GENERAL_DE]![0]!;
    expect(german.content).toBe('Neue Kernel-Version: **6.17.11**');
    expect(embedsOf(german)[0]).toMatchObject({ title: 'Linux 6.17.11', description: 'Stable-Update der Serie 6.17.', footer: { text: 'kernel.org' } });
    expect(field(german, 'Erschienen')).toBe('5. Dezember 2025');
    expect(field(german, 'Download')).toMatch(/^\[Tarball\]\(https:\/\/cdn\.kernel\.org\/.*\) · \[PGP-Signatur\]\(/);
    expect(field(german, 'Patches')).toContain('[vollständig](');

    expect(posts[GENERAL]).toHaveLength(1);
    const english = posts[GENERAL]![0]!;
    expect(english.content).toBe('New kernel release: **6.17.11**');
    expect(field(english, 'Released')).toBe('5 December 2025');
    expect((await h.bot.store.deliveries.get(GENERAL_DE, 'release:6.17.11'))?.lang).toBe('de');
    // ANNOUNCE_LANGUAGE=de: German in a channel of the English server. ANNOUNCE_ROLE_ID is that server's
    // own id (its @everyone role): no "<@&…>" in front, the role was dropped at login.
    expect(posts[ENV_NEWS]!.map((m) => m.content)).toEqual(['Neue Kernel-Version: **6.17.11**']);
    expect(await h.bot.store.subscriptions.get(ENV_NEWS)).toMatchObject({ guildId: GUILD, roleId: null });
  });

  it('/announce test posts the sample in the language of the channel', async () => {
    expect(await announce('test', GENERAL_DE, { channel: GENERAL_DE })).toBe(`Beispiel in <#${GENERAL_DE}> gepostet.`);
    expect(botPosts(GENERAL_DE).at(-1)!.content).toBe('🧪 Testbeitrag: So sehen Ankündigungen neuer Kernel-Versionen hier aus.');
  });

  it('/announce set language: switches a channel; the next post follows', async () => {
    expect(await announce('set', GENERAL_DE, { channel: GENERAL_DE, language: 'en' })).toMatch(/angekündigt, auf Englisch\./);
    expect(await announce('set', GENERAL, { channel: GENERAL, language: 'de' })).toMatch(/will be announced in <#\d+>, in German\./);
    expect(await announce('show', GENERAL_DE)).toContain('Sprache: Englisch');
    const posts = await release('6.17.11', '6.17.12', '2025-12-10T13:00:00Z');
    expect(posts[GENERAL_DE]!.map((m) => m.content)).toEqual(['New kernel release: **6.17.12**']);
    expect(posts[GENERAL]!.map((m) => m.content)).toEqual(['Neue Kernel-Version: **6.17.12**']);
    expect(field(posts[GENERAL]![0]!, 'Erschienen')).toBe('10. Dezember 2025');
  });

  it("Discord's refusal is told in German in a German server, without Discord's English words", async () => {
    await announce('set', GENERAL_DE, { channel: GENERAL_DE });
    h.fake.failNext({ method: 'POST', path: `/channels/${GENERAL_DE}/messages`, status: 403, code: 50001, message: 'Missing Access' });
    const posts = await release('6.12.60', '6.12.61', '2025-12-12T13:00:00Z');
    expect(posts[GENERAL_DE]).toEqual([]);
    expect(posts[GENERAL]).toHaveLength(1);
    const shown = await announce('show', GENERAL_DE);
    expect(shown).toContain('Zustand: gestoppt');
    expect(shown).toContain('⚠️ Das Posten ist gestoppt: ich habe keinen Zugriff auf den Kanal (Discord-Fehler 403).');
    expect(shown).toContain('Letzte Zustellung: Linux 6.12.61 (gerade eben fehlgeschlagen)');
    expect(shown).toContain('⚠️ Die letzte Ankündigung (Linux 6.12.61) ist nach 1 Versuch(en) fehlgeschlagen: ich habe keinen Zugriff auf den Kanal (Discord-Fehler 403)');
    expect(shown).not.toMatch(/Missing Access/);
  });

  it('sent only requests the fake Discord knows, with bodies its API description accepts', () => {
    expect(h.fake.unknownRequests).toEqual([]);
    expect(h.fake.invalidRequests).toEqual([]);
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
