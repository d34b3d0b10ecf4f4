import type { TextChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, defaultGuilds, type Harness, ALICE, MOD, MOD_ROLE, GUILD, GENERAL, RANDOM, LOCKED, APP, TOKEN } from '../support/bot-harness.ts';
import { startFeedServer, type FeedResponse, type FeedServer } from '../support/feed-server.ts';
import { feedState, nextRelease } from '../support/release-feeds.ts';
import { FEED_2025_12_01, FEED_TWO_MAINLINE, HTML_ERROR_PAGE, markEol, setMoniker, truncated } from '../releases/feed-states.ts';
import type { FakeMessage } from '../support/fake-discord/types.ts';
import type { PollReport } from '../../src/releases/watcher.ts';
import type { Clock } from '../../src/shared/clock.ts';

/**
 * Release announcements end to end: the real bot (discord.js, SQLite file, node-cron schedule that
 * never fires) against the loopback fake Discord and a loopback kernel.org. Polls are driven with
 * pollNow(); time is an injected clock, so maximum item age needs no sleeping.
 * The steps build on each other (one database), so they run in order.
 */

const NEWS = '1300000000000000014'; // subscribed from ANNOUNCE_CHANNEL_ID
const GONE_403 = '1300000000000000015';
const GONE_404 = '1300000000000000016';
const SPARE = '1300000000000000017';
const PING_ROLE = '1300000000000000031';
const DEFAULT_TYPES = 'mainline, rc, stable, longterm, eol';

class TestClock implements Clock {
  private ms: number;
  constructor(start: string) {
    this.ms = new Date(start).getTime();
  }
  now = () => new Date(this.ms);
  set(at: string) {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

interface Embed {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface ReplyData {
  content?: string;
  flags?: number;
  embeds?: Embed[];
  allowed_mentions?: { parse?: string[]; roles?: string[] };
}
interface PostBody extends ReplyData {
  nonce?: string;
  enforce_nonce?: boolean;
}

const EPHEMERAL = 64;
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const ANNOUNCED = [GENERAL, RANDOM, NEWS, GONE_403, GONE_404, SPARE, LOCKED];

let h: Harness;
let feed: FeedServer;
const clock = new TestClock('2025-12-01T13:00:00Z');

function guilds() {
  const all = defaultGuilds();
  const main = all.find((g) => g.id === GUILD)!;
  main.roles!.push({ id: PING_ROLE, name: 'kernel-news', permissions: [], mentionable: true });
  main.channels!.push(
    { id: NEWS, name: 'kernel-news', type: 'text' },
    { id: GONE_403, name: 'soon-forbidden', type: 'text' },
    { id: GONE_404, name: 'soon-deleted', type: 'text' },
    { id: SPARE, name: 'spare', type: 'text' },
  );
  return all;
}

beforeAll(async () => {
  feed = await startFeedServer(feedState(FEED_2025_12_01(), 'v1'));
  h = await startHarness({
    guilds: guilds(),
    clock,
    env: { KERNEL_FEED_URL: feed.url, FEED_SCHEDULE: '0 0 1 1 *', ANNOUNCE_CHANNEL_ID: NEWS },
  });
}, 30_000);

afterAll(async () => {
  await h?.stop();
  await feed?.close();
});

// --- helpers -------------------------------------------------------------------------------

async function announce(sub: string, options: Record<string, string> = {}, ctx: Record<string, unknown> = {}): Promise<{ data: ReplyData; text: string }> {
  const reply = await h.fake.slash(`announce ${sub}`, options, { user: MOD, channelId: GENERAL, ...ctx }).reply();
  const data = reply.data as ReplyData;
  const embed = data.embeds?.[0];
  const text = [data.content, embed?.description, ...(embed?.fields ?? []).map((f) => `${f.name}\n${f.value}`)].filter(Boolean).join('\n');
  return { data, text };
}

/** Every bot message per announced channel, to compare before and after a step. */
function counts(): Record<string, number> {
  return Object.fromEntries(ANNOUNCED.map((c) => [c, h.fake.messages(c).filter((m) => m.author.id === APP).length]));
}

function newPosts(before: Record<string, number>): Record<string, FakeMessage[]> {
  return Object.fromEntries(
    ANNOUNCED.map(
      (c) =>
        [
          c,
          h.fake
            .messages(c)
            .filter((m) => m.author.id === APP)
            .slice(before[c]),
        ] as const,
    ).filter(([, posts]) => posts.length > 0),
  );
}

const titles = (m: FakeMessage) => (m.embeds as Embed[]).map((e) => e.title);
const postBody = (m: FakeMessage) => h.fake.requestsTo('POST', `/channels/${m.channel_id}/messages`).find((r) => (r.response as { id?: string } | undefined)?.id === m.id)?.body as PostBody;

/**
 * One step of kernel.org's life: serve `response`, poll, then restart the bot on the same database
 * (it polls on start) and poll again. Returns the first poll's report and what it posted; the
 * restarted bot must post nothing.
 */
async function step(response: FeedResponse | null, advanceMs = 15 * 60_000): Promise<{ report: PollReport; posts: Record<string, FakeMessage[]> }> {
  if (response) feed.set(response);
  clock.advance(advanceMs);
  const before = counts();
  const report = await h.bot.releases.pollNow();
  const after = counts();
  await h.restart();
  await h.bot.releases.pollNow();
  expect(counts(), 'a restarted bot posted again').toEqual(after);
  return { report, posts: newPosts(before) };
}

// --- tests ---------------------------------------------------------------------------------

describe('first start', () => {
  it('records the current feed as the baseline and posts nothing; ANNOUNCE_CHANNEL_ID subscribes a channel', async () => {
    const report = await h.bot.releases.pollNow(); // shares (or follows) the poll made on start
    expect(['baseline', 'not-modified']).toContain(report.feed.status);
    expect(feed.requests[0]).toMatchObject({ status: 200 });
    expect(feed.requests[0]!.headers['user-agent']).toMatch(/^kernelbot\//);
    expect(h.logs.some((l) => /first run: current feed recorded as baseline/.test(String(l.msg)))).toBe(true);
    expect(newPosts(Object.fromEntries(ANNOUNCED.map((c) => [c, 0])))).toEqual({});
    expect(await h.bot.store.subscriptions.get(NEWS)).toMatchObject({ guildId: GUILD, enabled: true, createdBy: 'env', types: ['mainline', 'rc', 'stable', 'longterm', 'eol'] });
  });
});

describe('/announce (Manage Server)', () => {
  it('set subscribes a channel with the default types, or chosen types and a role', async () => {
    const plain = await announce('set', { channel: GENERAL });
    expect((plain.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(plain.text).toBe(`New kernel releases (${DEFAULT_TYPES}) will be announced in <#${GENERAL}>, in English. Each release is posted once. Try /announce test.`);
    expect(plain.data.allowed_mentions).toEqual({ parse: [] });

    const withRole = await announce('set', { channel: RANDOM, types: 'mainline,rc,eol', role: PING_ROLE });
    expect(withRole.text).toMatch(new RegExp(`^New kernel releases \\(mainline, rc, eol\\) will be announced in <#${RANDOM}>, pinging <@&${PING_ROLE}>, in English\\.`));
    expect(await h.bot.store.subscriptions.get(RANDOM)).toMatchObject({ guildId: GUILD, types: ['mainline', 'rc', 'eol'], roleId: PING_ROLE, lang: 'en', enabled: true, createdBy: MOD.id });

    const bad = await announce('set', { channel: SPARE, types: 'mainline,lts' });
    expect(bad.text).toMatch(/unknown type\(s\) lts/i);
    expect(await h.bot.store.subscriptions.get(SPARE)).toBeUndefined();
  });

  it('refuses a channel where the bot cannot post, naming the missing permission', async () => {
    const { text } = await announce('set', { channel: LOCKED });
    expect(text).toBe(`I cannot post in <#${LOCKED}>: missing permission: Send Messages.`);
    expect(await h.bot.store.subscriptions.get(LOCKED)).toBeUndefined();
  });

  it('show lists each subscription, the last fetch and no problems', async () => {
    const { data, text } = await announce('show');
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const nextFetch = Math.floor(new Date(new Date().getFullYear() + 1, 0, 1).getTime() / 1000); // FEED_SCHEDULE: each 1 January
    expect(data.embeds?.[0]?.description).toBe(`Last kernel.org fetch: just now\nNext kernel.org fetch: <t:${nextFetch}:R>`);
    expect(data.embeds?.[0]?.fields?.map((f) => f.name).sort()).toEqual([`#${GENERAL}`, `#${NEWS}`, `#${RANDOM}`].sort());
    expect(text).toContain(`Types: mainline, rc, eol · role <@&${PING_ROLE}>`);
    expect(text).toContain('State: active');
    expect(text).toContain('Language: English');
    expect(text).not.toContain('⚠️');
  });

  it('warns when the role cannot be pinged (not mentionable, no Mention Everyone), and still subscribes', async () => {
    const set = await announce('set', { channel: SPARE, role: MOD_ROLE });
    expect(set.text).toMatch(/⚠️ the role mods is not mentionable and I lack Mention Everyone/);
    expect(await h.bot.store.subscriptions.get(SPARE)).toMatchObject({ roleId: MOD_ROLE });
    const off = await announce('off', { channel: SPARE });
    expect(off.text).toMatch(/Announcements stopped in/);
  });

  it('refuses a channel where it cannot read the message history (the look-back before a resend needs it)', async () => {
    h.fake.setChannelOverwrites(SPARE, [{ id: APP, type: 'member', deny: ['ReadMessageHistory'] }]);
    try {
      await h.fake.waitFor(
        () => h.bot.client.channels.cache.get(SPARE)?.isTextBased() === true && !(h.bot.client.channels.cache.get(SPARE) as TextChannel).permissionsFor(APP)!.has('ReadMessageHistory'),
      );
      const set = await announce('set', { channel: SPARE });
      expect(set.text).toMatch(/I cannot post in <#\d+>: missing permission: Read Message History/);
      expect(await h.bot.store.subscriptions.get(SPARE)).toBeUndefined();
    } finally {
      h.fake.setChannelOverwrites(SPARE, []);
    }
  });

  it('test posts a sample that pings nobody, not even the configured role', async () => {
    const before = counts();
    const { text } = await announce('test', { channel: RANDOM });
    expect(text).toBe(`Sample posted in <#${RANDOM}>.`);
    const sample = newPosts(before)[RANDOM]!;
    expect(sample).toHaveLength(1);
    expect(sample[0]!.content).toBe(`🧪 Test post: this is how kernel release announcements will look here. Real posts will mention <@&${PING_ROLE}>.`);
    expect(titles(sample[0]!)).toEqual(['Linux 6.18']);
    expect(postBody(sample[0]!).allowed_mentions).toEqual({ parse: [] });
    expect(sample[0]!.mention_roles).toEqual([]);
    // Not a delivery: it never blocks a real announcement.
    expect(await h.bot.store.deliveries.all()).toEqual([]);
  });

  it('off stops one channel', async () => {
    expect((await announce('set', { channel: SPARE })).text).toMatch(/will be announced in/);
    const { text } = await announce('off', { channel: SPARE });
    expect(text).toBe(`Announcements stopped in <#${SPARE}>.`);
    expect(await h.bot.store.subscriptions.get(SPARE)).toBeUndefined();
    expect((await announce('off', { channel: SPARE })).text).toBe('There was nothing to stop.');
  });

  it('is hidden from members without Manage Server, and refused at runtime if shown to them anyway', async () => {
    expect(() => h.fake.slash('announce show', {}, { user: ALICE, channelId: GENERAL })).toThrow(/lacks default_member_permissions 32/);
    // A server admin can open a command to everyone (Server Settings → Integrations); the bot still checks.
    const registered = h.fake.state.globalCommands.find((c) => c.name === 'announce')!;
    const saved = registered.default_member_permissions;
    registered.default_member_permissions = null;
    try {
      const reply = await h.fake
        .slash('announce set', { channel: GENERAL, types: 'linux-next' }, { user: ALICE, channelId: GENERAL, memberPermissions: ['ViewChannel', 'SendMessages', 'UseApplicationCommands'] })
        .reply();
      const data = reply.data as ReplyData;
      expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.embeds?.[0]?.description).toBe('You need the Manage Server permission for this.');
    } finally {
      registered.default_member_permissions = saved;
    }
    expect((await h.bot.store.subscriptions.get(GENERAL))?.types).not.toContain('linux-next');
  });
});

describe('kernel.org feed states, each followed by a restart on the same database', () => {
  it('an unchanged feed is a 304 and posts nothing', async () => {
    const { report, posts } = await step(null);
    expect(report.feed).toEqual({ status: 'not-modified' });
    expect(feed.requests.at(-1)).toMatchObject({ status: 304, headers: { 'if-none-match': '"v1"' } });
    expect(posts).toEqual({});
  });

  it('a new stable release is posted once in every channel subscribed to stable, with its links', async () => {
    clock.set('2025-12-05T13:00:00Z');
    const xml = nextRelease(FEED_2025_12_01(), '6.17.10', '6.17.11', new Date('2025-12-05T12:00:00Z'));
    const { report, posts } = await step(feedState(xml, 'v2'), 0);
    expect(report.feed).toMatchObject({ status: 'updated', queued: 2 });
    expect(Object.keys(posts).sort()).toEqual([GENERAL, NEWS].sort()); // RANDOM wants mainline, rc and eol only
    for (const channel of [GENERAL, NEWS]) {
      expect(posts[channel]).toHaveLength(1);
      const post = posts[channel]![0]!;
      expect(post.content).toBe('New kernel release: **6.17.11**');
      const embed = (post.embeds as Embed[])[0]!;
      expect(embed.title).toBe('Linux 6.17.11');
      const links = JSON.stringify(embed.fields);
      for (const url of [
        'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.17.11.tar.xz',
        'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.17.11.tar.sign',
        'https://cdn.kernel.org/pub/linux/kernel/v6.x/patch-6.17.11.xz',
        'https://cdn.kernel.org/pub/linux/kernel/v6.x/ChangeLog-6.17.11',
        'https://git.kernel.org/stable/h/v6.17.11',
      ]) {
        expect(links).toContain(url);
      }
      expect(embed.fields?.find((f) => f.name === 'Released')?.value).toBe('5 December 2025');
      const body = postBody(post);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.enforce_nonce).toBe(true);
      expect(body.nonce).toMatch(/^kb[0-9a-f]{23}$/);
    }
  });

  it('two new releases in one poll go out as one digest, oldest first; the role is the only ping', async () => {
    clock.set('2025-12-15T08:00:00Z');
    const { posts } = await step(feedState(FEED_TWO_MAINLINE(), 'v3'), 0);
    for (const channel of [GENERAL, NEWS]) {
      expect(posts[channel]).toHaveLength(1);
      expect(titles(posts[channel]![0]!)).toEqual(['Linux 6.17.12', 'Linux 6.19-rc1']);
    }
    expect(posts[RANDOM]).toHaveLength(1);
    const pinged = posts[RANDOM]![0]!;
    expect(titles(pinged)).toEqual(['Linux 6.19-rc1']);
    expect((pinged.embeds as Embed[])[0]!.description).toBe('Release candidate 1 of Linux 6.19 (mainline, for testing).');
    expect(pinged.content).toBe(`<@&${PING_ROLE}> New kernel release: **6.19-rc1**`);
    expect(postBody(pinged).allowed_mentions).toEqual({ parse: [], roles: [PING_ROLE] });
    expect(pinged.mention_roles).toEqual([PING_ROLE]);
    expect(posts[GENERAL]![0]!.mention_roles).toEqual([]);
  });

  it('a version gaining (EOL) is one end-of-life post per channel that wants EOL notices', async () => {
    const { posts } = await step(feedState(markEol(FEED_TWO_MAINLINE(), '6.17.12'), 'v4'), HOUR);
    expect(Object.keys(posts).sort()).toEqual([GENERAL, NEWS, RANDOM].sort());
    for (const channel of [GENERAL, NEWS, RANDOM]) {
      expect(posts[channel]).toHaveLength(1);
      expect(titles(posts[channel]![0]!)).toEqual(['Linux 6.17 has reached end of life']);
    }
    expect(posts[RANDOM]![0]!.content).toBe(`<@&${PING_ROLE}> End of life: **6.17**`);
  });

  it('a series moving from stable to longterm is not a release', async () => {
    const moved = setMoniker(markEol(FEED_TWO_MAINLINE(), '6.17.12'), '6.17.12', 'stable', 'longterm');
    const { report, posts } = await step(feedState(moved, 'v5'));
    expect(report.feed).toMatchObject({ status: 'updated', events: [] });
    expect(posts).toEqual({});
  });

  it('feed failures post nothing and show up in /announce show; the next good poll posts what was missed', async () => {
    const base = setMoniker(markEol(FEED_TWO_MAINLINE(), '6.17.12'), '6.17.12', 'stable', 'longterm');
    const failures: [FeedResponse, string][] = [
      [{ kind: 'status', status: 500, body: 'Internal Server Error' }, 'http-status'],
      [{ kind: 'status', status: 200, body: HTML_ERROR_PAGE, contentType: 'text/html' }, 'not-a-feed'],
      [{ kind: 'status', status: 200, body: truncated(base) }, 'invalid-xml'],
    ];
    for (const [response, reason] of failures) {
      const { report, posts } = await step(response, DAY);
      expect(report.feed).toMatchObject({ status: 'error', reason });
      expect(posts).toEqual({});
    }
    const { text } = await announce('show');
    expect(text).toMatch(/⚠️ kernel\.org feed: the last 6 fetch\(es\) failed: invalid-xml: /); // each step polls twice
    // FEED_SCHEDULE fires each 1 January; after 6 failures in a row the back-off leaves out 7 ticks.
    const nextFetch = Math.floor(new Date(new Date().getFullYear() + 8, 0, 1).getTime() / 1000);
    expect(text).toContain(`Next kernel.org fetch: <t:${nextFetch}:R>`);

    // Meanwhile kernel.org released 6.12.61 (longterm).
    clock.advance(DAY);
    const released = new Date(clock.now().getTime() - 2 * HOUR);
    const { report, posts } = await step(feedState(nextRelease(base, '6.12.60', '6.12.61', released), 'v6'), 0);
    expect(report.feed).toMatchObject({ status: 'updated' });
    expect(Object.keys(posts).sort()).toEqual([GENERAL, NEWS].sort());
    for (const channel of [GENERAL, NEWS]) expect(posts[channel]!.map(titles)).toEqual([['Linux 6.12.61']]);
    const after = (await announce('show')).text;
    expect(after).not.toContain('⚠️');
    expect(after).toContain(`Next kernel.org fetch: <t:${Math.floor(new Date(new Date().getFullYear() + 1, 0, 1).getTime() / 1000)}:R>`);
  });
});

describe('Discord failures during delivery', () => {
  const base = () => setMoniker(markEol(FEED_TWO_MAINLINE(), '6.17.12'), '6.17.12', 'stable', 'longterm');

  it('429 with retry-after and a 500 on one channel still end with exactly one message there', async () => {
    const path = `/channels/${GENERAL}/messages`;
    h.fake.failNext({ method: 'POST', path, status: 429, retryAfter: 0.3 });
    h.fake.failNext({ method: 'POST', path, status: 500 });
    const attemptsBefore = h.fake.requestsTo('POST', path).length;
    clock.advance(HOUR);
    const xml = nextRelease(base(), '6.6.118', '6.6.119', new Date(clock.now().getTime() - HOUR));
    const { posts } = await step(feedState(xml, 'v7'), 0);
    expect(posts[GENERAL]!.map(titles)).toEqual([['Linux 6.6.119']]);
    expect(posts[NEWS]!.map(titles)).toEqual([['Linux 6.6.119']]);
    const attempts = h.fake.requestsTo('POST', path).slice(attemptsBefore);
    expect(attempts.map((r) => r.status)).toEqual([429, 500, 200]);
    // Every attempt was the same message with the same nonce.
    expect(new Set(attempts.map((r) => (r.body as PostBody).nonce)).size).toBe(1);
    expect((await announce('show')).text).not.toContain('⚠️');
  });

  it('403 and a channel deleted between polls disable that subscription with the reason in /announce show; other channels get their post', async () => {
    for (const channel of [GONE_403, GONE_404]) expect((await announce('set', { channel })).text).toMatch(/will be announced in/);
    h.fake.failNext({ method: 'POST', path: `/channels/${GONE_403}/messages`, status: 403, code: 50001, message: 'Missing Access' });
    h.fake.deleteChannel(GONE_404);
    await h.fake.waitFor(() => !h.bot.client.channels.cache.has(GONE_404));
    clock.advance(HOUR);
    const xml = nextRelease(nextRelease(base(), '6.6.118', '6.6.119', new Date(clock.now().getTime() - 2 * HOUR)), '6.1.158', '6.1.159', new Date(clock.now().getTime() - HOUR));
    const { report, posts } = await step(feedState(xml, 'v8'), 0);
    expect(report.delivery?.disabledChannels.sort()).toEqual([GONE_403, GONE_404].sort());
    expect(Object.keys(posts).sort()).toEqual([GENERAL, NEWS].sort());
    for (const channel of [GENERAL, NEWS]) expect(posts[channel]!.map(titles)).toEqual([['Linux 6.1.159']]);
    expect(await h.bot.store.subscriptions.get(GONE_403)).toMatchObject({ enabled: false, disabledReason: '403 Missing Access' });

    const { text } = await announce('show');
    const field = (channel: string) => text.split(`#${channel}\n`)[1]!.split(/\n#\d/)[0]!;
    expect(field(GONE_403)).toContain('State: stopped');
    expect(field(GONE_403)).toContain('⚠️ Posting is stopped: I have no access to the channel (Discord: 403 Missing Access). Fix the channel permissions and run /announce set again.');
    expect(field(GONE_404)).toContain('⚠️ Posting is stopped: the channel no longer exists (Discord: 404 Unknown Channel)');
    expect(field(GENERAL)).not.toContain('⚠️');
    expect(field(GENERAL)).toContain('Last delivery: Linux 6.1.159 (sent just now)');
  });
});

describe('/kernel', () => {
  it('shows the current releases from the last fetch without a network call', async () => {
    const requests = feed.requests.length;
    clock.advance(20 * 60_000);
    const reply = await h.fake.slash('kernel', {}, { user: ALICE, channelId: GENERAL }).reply();
    const embed = (reply.data as ReplyData).embeds![0]!;
    expect(embed.title).toBe('Current kernel releases');
    expect(embed.description).toContain('[6.19-rc1](https://git.kernel.org/torvalds/h/v6.19-rc1)');
    expect(embed.description).toContain('**longterm** [6.17.12 (EOL)]');
    expect(embed.description).toContain('[6.1.159]');
    expect(embed.footer?.text).toBe('kernel.org feed checked 20 min ago');
    expect(feed.requests.length).toBe(requests);
  });
});

describe('after everything', () => {
  it('each (channel, release) went out exactly once; /announce off stops the rest', async () => {
    const seen = new Map<string, number>();
    for (const channel of ANNOUNCED) {
      const announcements = h.fake.messages(channel).filter((m) => (m.embeds as Embed[])[0]?.footer?.text === 'kernel.org' && !m.content.startsWith('🧪'));
      for (const m of announcements) {
        for (const title of titles(m)) seen.set(`${channel} ${title}`, (seen.get(`${channel} ${title}`) ?? 0) + 1);
      }
    }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    expect(seen.size).toBe(16); // 7 events in GENERAL and NEWS each, 2 in RANDOM

    const { text } = await announce('off');
    expect(text).toMatch(/^Announcements stopped in /);
    expect((await announce('show')).text).toMatch(/^No announcements in this server/);
    const { posts } = await step(feedState(nextRelease(FEED_TWO_MAINLINE(), '5.4.301', '5.4.302', new Date(clock.now().getTime())), 'v9'));
    // The restart re-subscribes ANNOUNCE_CHANNEL_ID (the environment is the source of truth), but only after this poll.
    expect(posts).toEqual({});
  });

  it('sent only requests the fake Discord knows and never logged the token', () => {
    expect(h.fake.unknownRequests).toEqual([]);
    expect(h.fake.invalidRequests).toEqual([]);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
