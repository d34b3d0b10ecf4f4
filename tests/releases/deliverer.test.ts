import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseFeed } from '../../src/releases/parse-feed.ts';
import { embedLength } from '../../src/discord/policy.ts';
import type { Store } from '../../src/store/store.ts';
import { FakeSender, LookBackSender, forbidden, rateLimited, serverError, unknownChannel } from './fake-sender.ts';
import { FEED_2025_12_01, FEED_TWO_MAINLINE } from './feed-states.ts';
import { createHarness } from './harness.ts';
import { feedState, floodedFeed, FLOOD_STABLE } from '../support/release-feeds.ts';

let h: Awaited<ReturnType<typeof createHarness>>;
beforeEach(async () => {
  h = await createHarness('2025-12-15T08:00:00Z');
});
afterEach(() => h.cleanup());

const channel = (n: number) => String(300000000000000000n + BigInt(n));

/** Known releases from two fixture days, subscriptions for `channels`, and events queued for each. */
async function seed(store: Store, channels: string[], eventKeys: string[], roleId?: string) {
  for (const xml of [FEED_2025_12_01(), FEED_TWO_MAINLINE()]) {
    for (const release of (await parseFeed(xml)).releases) await store.releases.upsert(release, h.clock.now());
  }
  for (const channelId of channels) {
    await store.subscriptions.upsert({ channelId, guildId: `guild-${channelId}`, types: ['mainline', 'rc', 'stable', 'longterm', 'eol'], roleId }, h.clock.now());
    for (const key of eventKeys) await store.deliveries.enqueue({ channelId, eventKey: key, version: key.split(':')[1]! }, h.clock.now());
  }
}

describe('Deliverer', () => {
  it('retries a 429 after retryAfterMs and 5xx with exponential backoff, with the same nonce', async () => {
    const p = h.boot();
    await seed(p.store, [channel(1), channel(2)], ['release:6.19-rc1']);
    h.sender.fail(channel(1), rateLimited(1234), rateLimited(50));
    h.sender.fail(channel(2), serverError, serverError);

    const report = await p.deliverer.deliverPending();
    expect(report).toMatchObject({ messagesSent: 2, eventsSent: 2, eventsFailed: 0 });
    expect(h.sleeps.slice().sort((a, b) => a - b)).toEqual([50, 1000, 1234, 2000]);
    expect(h.sender.posts).toHaveLength(2);
    const nonces = new Set(h.sender.calls.filter((c) => c.channelId === channel(1)).map((c) => c.body.nonce));
    expect(nonces.size).toBe(1);
    expect(await p.store.deliveries.get(channel(2), 'release:6.19-rc1')).toMatchObject({ status: 'sent', attempts: 3, messageId: expect.any(String) });
  });

  it.each([
    ['403 Missing Access', forbidden],
    ['404 Unknown Channel', unknownChannel],
  ])('disables a subscription on %s and carries on with the other channels', async (reason, result) => {
    const p = h.boot({ concurrency: 1 });
    const channels = [channel(1), channel(2), channel(3)];
    await seed(p.store, channels, ['release:6.17.12', 'release:6.19-rc1']);
    h.sender.fail(channel(2), result);

    const report = await p.deliverer.deliverPending();
    expect(report.disabledChannels).toEqual([channel(2)]);
    expect(h.sender.postsTo(channel(1))).toHaveLength(1);
    expect(h.sender.postsTo(channel(3))).toHaveLength(1);
    expect(h.sender.postsTo(channel(2))).toHaveLength(0);
    expect(await p.store.subscriptions.get(channel(2))).toMatchObject({ enabled: false, disabledReason: reason });
    expect(await p.store.deliveries.get(channel(2), 'release:6.19-rc1')).toMatchObject({ status: 'failed', error: reason });
    expect((await p.store.subscriptions.listEnabled()).map((s) => s.channelId)).toEqual([channel(1), channel(3)]);
    // Nothing is retried against the dead channel later.
    const calls = h.sender.calls.length;
    await p.deliverer.deliverPending();
    expect(h.sender.calls.length).toBe(calls);
  });

  it('leaves a message pending after the per-run attempts and finishes it on a later run, once', async () => {
    const p = h.boot({ maxAttemptsPerRun: 3 });
    await seed(p.store, [channel(1)], ['release:6.18']);
    h.sender.fail(channel(1), serverError, serverError, serverError, serverError);

    expect(await p.deliverer.deliverPending()).toMatchObject({ messagesSent: 0, deferredChannels: [channel(1)] });
    expect(await p.store.deliveries.get(channel(1), 'release:6.18')).toMatchObject({ status: 'pending', attempts: 3 });
    await p.deliverer.deliverPending();
    expect(h.sender.posts).toHaveLength(1);
    expect(await p.store.deliveries.get(channel(1), 'release:6.18')).toMatchObject({ status: 'sent', attempts: 5 });
  });

  it('gives up after maxAttempts in total and says why', async () => {
    const p = h.boot({ maxAttemptsPerRun: 2, maxAttempts: 4 });
    await seed(p.store, [channel(1)], ['release:6.18']);
    h.sender.fail(channel(1), ...Array(10).fill(serverError));
    await p.deliverer.deliverPending();
    await p.deliverer.deliverPending();
    expect(await p.store.deliveries.get(channel(1), 'release:6.18')).toMatchObject({ status: 'failed', attempts: 4, error: expect.stringMatching(/^500 /) });
    expect(h.sender.posts).toHaveLength(0);
  });

  it('groups several events for one channel into a digest, oldest first, within Discord limits', async () => {
    const p = h.boot();
    const keys = [...new Set([...(await parseFeed(FEED_TWO_MAINLINE())).releases, ...(await parseFeed(FEED_2025_12_01())).releases].map((r) => `release:${r.version}`))];
    await seed(p.store, [channel(1)], keys);
    await p.deliverer.deliverPending();

    const posts = h.sender.postsTo(channel(1));
    expect(posts.length).toBeGreaterThan(1);
    const embeds = posts.flatMap((post) => post.body.embeds!);
    expect(embeds).toHaveLength(keys.length);
    for (const post of posts) {
      expect(post.body.embeds!.length).toBeLessThanOrEqual(10);
      expect(post.body.embeds!.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect(post.body.nonce).toMatch(/^.{1,25}$/);
      expect(post.body.enforce_nonce).toBe(true);
    }
    const times = embeds.map((e) => Date.parse(e.timestamp!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('fails rows of a channel that was unsubscribed before delivery, sending nothing', async () => {
    const p = h.boot();
    await seed(p.store, [channel(1)], ['release:6.18']);
    await p.store.subscriptions.remove(channel(1));
    expect(await p.deliverer.deliverPending()).toMatchObject({ eventsFailed: 1 });
    expect(h.sender.calls).toHaveLength(0);
  });

  describe.each(['before-send', 'after-send', 'hang'] as const)('a process killed mid fan-out (%s)', (mode) => {
    it('posts the rest after a restart and nothing twice', async () => {
      const channels = Array.from({ length: 20 }, (_, i) => channel(i + 1));
      const first = h.boot({ concurrency: 4 });
      await seed(first.store, channels, ['release:6.17.12', 'release:6.19-rc1']);
      h.sender.dieAfter(7, mode);

      if (mode === 'hang') {
        void first.deliverer.deliverPending();
        for (let i = 0; i < 100 && h.sender.calls.length < 11; i++) await new Promise((r) => setImmediate(r));
      } else {
        await first.deliverer.deliverPending();
      }
      const postedBeforeCrash = h.sender.posts.length;
      expect(postedBeforeCrash).toBe(mode === 'after-send' ? 8 : 7);
      const interrupted = h.sender.calls[7]!;

      // The "new process": another connection to the same file, a fresh deliverer, Discord reachable again.
      h.sender.revive();
      const second = h.boot({ concurrency: 4 });
      await second.deliverer.deliverPending();

      for (const channelId of channels) {
        expect(h.sender.titles(channelId), channelId).toEqual([['Linux 6.17.12', 'Linux 6.19-rc1']]);
      }
      expect((await second.store.deliveries.all()).every((d) => d.status === 'sent')).toBe(true);
      // The interrupted message was resent with the nonce it had before the crash.
      const resent = h.sender.calls.slice(11).find((c) => c.channelId === interrupted.channelId)!;
      expect(resent.body.nonce).toBe(interrupted.body.nonce);
      // A third process finds nothing to do.
      const calls = h.sender.calls.length;
      await h.boot().deliverer.deliverPending();
      expect(h.sender.calls.length).toBe(calls);
    });
  });
});

describe('resuming long after a crash (Discord has forgotten the nonce)', () => {
  async function crashAfterSendThenResume(sender: FakeSender) {
    const channels = Array.from({ length: 5 }, (_, i) => channel(i + 1));
    const first = h.boot({ sender, concurrency: 1 });
    await seed(first.store, channels, ['release:6.17.12']);
    sender.dieAfter(2, 'after-send'); // the third message is created, but the process dies before recording it
    await first.deliverer.deliverPending();
    sender.revive().forgetNonces();
    h.clock.advance(6 * 60 * 60_000);
    await h.boot({ sender, concurrency: 1 }).deliverer.deliverPending();
    return channels.map((c) => sender.postsTo(c).length);
  }

  it('looks back at the channel and records the earlier post instead of posting twice', async () => {
    const sender = new LookBackSender();
    expect(await crashAfterSendThenResume(sender)).toEqual([1, 1, 1, 1, 1]);
    expect(sender.lookups).toContain(channel(3));
    expect((await h.boot().store.deliveries.all()).every((d) => d.status === 'sent')).toBe(true);
  });

  it('(without the look-back the nonce alone would post that one twice)', async () => {
    expect(await crashAfterSendThenResume(new FakeSender())).toEqual([1, 1, 2, 1, 1]);
  });
});

describe('the language of a post', () => {
  const GERMAN = channel(1);
  const ENGLISH = channel(2);

  it("is the subscription's; each channel gets its own, with the same nonce rules", async () => {
    const p = h.boot();
    await seed(p.store, [GERMAN, ENGLISH], ['release:6.17.12', 'release:6.19-rc1']);
    await p.store.subscriptions.upsert({ channelId: GERMAN, types: ['stable', 'rc'], lang: 'de' }, h.clock.now());
    await p.deliverer.deliverPending();
    expect(h.sender.postsTo(GERMAN).map((m) => m.body.content)).toEqual(['Neue Kernel-Versionen: **6.17.12**, **6.19-rc1**']);
    expect(h.sender.postsTo(ENGLISH).map((m) => m.body.content)).toEqual(['New kernel releases: **6.17.12**, **6.19-rc1**']);
    expect((await p.store.deliveries.all()).map((d) => [d.channelId, d.lang])).toEqual([
      [GERMAN, 'de'],
      [GERMAN, 'de'],
      [ENGLISH, 'en'],
      [ENGLISH, 'en'],
    ]);
  });

  it('is fixed with the nonce: a resend after a crash is the same post even when the subscription switched language meanwhile', async () => {
    const first = h.boot();
    await seed(first.store, [GERMAN], ['release:6.17.12']);
    await first.store.subscriptions.upsert({ channelId: GERMAN, types: ['stable'], lang: 'de' }, h.clock.now());
    h.sender.dieAfter(0, 'before-send');
    await first.deliverer.deliverPending();
    expect(h.sender.posts).toEqual([]);
    h.sender.revive();
    const second = h.boot();
    await second.store.subscriptions.upsert({ channelId: GERMAN, types: ['stable'], lang: 'en' }, h.clock.now());
    await second.deliverer.deliverPending();
    expect(h.sender.calls.map((c) => c.body.content)).toEqual(['Neue Kernel-Version: **6.17.12**', 'Neue Kernel-Version: **6.17.12**']);
    expect(new Set(h.sender.calls.map((c) => c.body.nonce)).size).toBe(1);
    expect(h.sender.postsTo(GERMAN)).toHaveLength(1);
  });

  it('a row from before languages (no language with its nonce) is resumed as the English post it was', async () => {
    const sender = new LookBackSender();
    const first = h.boot({ sender });
    await seed(first.store, [GERMAN], ['release:6.17.12']);
    sender.dieAfter(0, 'after-send');
    await first.deliverer.deliverPending();
    expect(sender.postsTo(GERMAN).map((m) => m.body.content)).toEqual(['New kernel release: **6.17.12**']);
    // As if the intent had been recorded by a build without languages: no language on the row.
    const db = (await import('better-sqlite3')).default(h.dbPath);
    db.prepare('UPDATE deliveries SET lang = NULL').run();
    db.close();
    sender.revive().forgetNonces();
    h.clock.advance(6 * 60 * 60_000);
    const second = h.boot({ sender });
    await second.store.subscriptions.upsert({ channelId: GERMAN, types: ['stable'], lang: 'de' }, h.clock.now());
    await second.deliverer.deliverPending();
    expect(sender.postsTo(GERMAN)).toHaveLength(1);
    expect(sender.lookups).toEqual([GERMAN]);
    expect(await second.store.deliveries.get(GERMAN, 'release:6.17.12')).toMatchObject({ status: 'sent', messageId: sender.postsTo(GERMAN)[0]!.messageId });
  });

  it('the look-back recognises the earlier post in either language', async () => {
    const { discordAnnouncements } = await import('../../src/discord/announcement-ports.ts');
    const sender = new LookBackSender();
    const port = discordAnnouncements(sender);
    const release = (await parseFeed(FEED_TWO_MAINLINE())).releases.find((r) => r.version === '6.17.12')!;
    const post = (lang: 'en' | 'de') => ({ items: [{ type: 'release' as const, release }], roleId: null, lang, nonce: `kb-${lang}` });
    const english = await port.send(GERMAN, post('en'));
    const german = await port.send(ENGLISH, post('de'));
    expect([english.ok, german.ok]).toEqual([true, true]);
    expect(await port.findPosted!(GERMAN, post('de'), new Date(0))).toBe(sender.postsTo(GERMAN)[0]!.messageId);
    expect(await port.findPosted!(ENGLISH, post('en'), new Date(0))).toBe(sender.postsTo(ENGLISH)[0]!.messageId);
    // Another release is not the post, in any language.
    const other = (await parseFeed(FEED_TWO_MAINLINE())).releases.find((r) => r.version === '6.19-rc1')!;
    expect(await port.findPosted!(GERMAN, { ...post('de'), items: [{ type: 'release', release: other }] }, new Date(0))).toBeNull();
  });
});

describe('the note about the versions a flooded poll left out', () => {
  const LONGTERM_ONLY = channel(1); // none of its versions is among the newest ten: the note is its only post
  const EVERYTHING = channel(2);
  const NOTE_5 = 'Also new, not announced separately (5): 6.1.163, 6.1.162, 6.1.161, 6.1.160, 6.1.159';
  const NOTE_8 = 'Also new, not announced separately (8): 6.17.15, 6.17.14, 6.17.13, 6.1.163, 6.1.162, 6.1.161, 6.1.160, 6.1.159';

  describe.each(['before-send', 'after-send', 'hang'] as const)('a process killed while sending it (%s)', (mode) => {
    it('the next process sends it once, with the same nonce, and the rest after it', async () => {
      const sender = new LookBackSender();
      const first = h.boot({ sender, concurrency: 1 });
      h.server.set(feedState(FEED_TWO_MAINLINE(), 'v1'));
      await first.watcher.pollOnce(); // the baseline
      await first.store.subscriptions.upsert({ channelId: LONGTERM_ONLY, guildId: 'g', types: ['longterm'] }, h.clock.now());
      await first.store.subscriptions.upsert({ channelId: EVERYTHING, guildId: 'g', types: ['mainline', 'rc', 'stable', 'longterm', 'eol'] }, h.clock.now());
      h.server.set(feedState(floodedFeed(FEED_TWO_MAINLINE(), new Date('2025-12-15T08:30:00Z')), 'v2'));
      h.clock.set('2025-12-15T09:00:00Z');
      sender.dieAfter(0, mode); // the first message is the note alone in LONGTERM_ONLY (channels go in id order)
      if (mode === 'hang') {
        void first.watcher.pollOnce();
        await vi.waitFor(() => expect(sender.calls.length).toBe(1));
      } else {
        await first.watcher.pollOnce();
      }
      const interrupted = sender.calls[0]!;
      expect(interrupted).toMatchObject({ channelId: LONGTERM_ONLY, body: { content: NOTE_5, embeds: [] } });
      expect(sender.postsTo(LONGTERM_ONLY)).toHaveLength(mode === 'after-send' ? 1 : 0);

      // Long after (Discord forgot the nonce): the look-back finds a note that was posted; one that was not is sent now.
      sender.revive().forgetNonces();
      h.clock.advance(6 * 60 * 60_000);
      const second = h.boot({ sender, concurrency: 1 });
      await second.deliverer.deliverPending();
      expect(sender.postsTo(LONGTERM_ONLY).map((p) => p.body.content)).toEqual([NOTE_5]);
      expect(sender.postsTo(LONGTERM_ONLY)[0]!.body.nonce).toBe(interrupted.body.nonce);
      expect(sender.lookups).toContain(LONGTERM_ONLY);
      const everything = sender.postsTo(EVERYTHING);
      expect(everything.flatMap((p) => (p.body.embeds ?? []).map((e) => e.title))).toEqual(FLOOD_STABLE.slice(3).map((v) => `Linux ${v}`));
      expect(everything.at(-1)!.body.content?.split('\n').at(-1)).toBe(NOTE_8);
      expect(everything.filter((p) => p.body.content?.includes('not announced separately'))).toHaveLength(1);
      expect((await second.store.deliveries.all()).every((d) => d.status === 'sent')).toBe(true);
      // A third process finds nothing to do.
      const calls = sender.calls.length;
      await h.boot({ sender }).deliverer.deliverPending();
      expect(sender.calls.length).toBe(calls);
    });
  });
});

describe('announceStatus', () => {
  it('explains a disabled channel and a failing feed', async () => {
    const { announceStatus } = await import('../../src/releases/status.ts');
    const p = h.boot();
    await seed(p.store, [channel(1)], ['release:6.18']);
    h.sender.fail(channel(1), forbidden);
    await p.deliverer.deliverPending();
    await p.store.feedState.recordFailure('timeout: no complete answer within 1500 ms', h.clock.now());
    const status = await announceStatus(p.store, channel(1), h.clock);
    expect(status.subscription?.enabled).toBe(false);
    expect(status.lastDelivery).toEqual({ event: { type: 'release', version: '6.18' }, status: 'failed', ageMs: 0 });
    const missingAccess = { kind: 'discord', status: 403, reason: 'Missing Access' };
    expect(status.problems).toEqual([
      { kind: 'stopped', reason: missingAccess },
      { kind: 'last-failed', event: { type: 'release', version: '6.18' }, attempts: 1, error: missingAccess },
      { kind: 'feed-failing', failures: 1, error: { reason: 'timeout', text: 'timeout: no complete answer within 1500 ms' } },
    ]);
    const { PROBLEMS } = await import('../../src/i18n/problems.ts');
    expect(status.problems.map(PROBLEMS.en.status).join('\n')).toMatch(/Posting is stopped: I have no access to the channel \(Discord: 403 Missing Access\)/);
    expect(status.problems.map(PROBLEMS.de.status).join('\n')).toMatch(/Das Posten ist gestoppt: ich habe keinen Zugriff auf den Kanal \(Discord-Fehler 403\)/);
    expect(status.problems.map(PROBLEMS.de.status).join('\n')).toMatch(/kernel\.org-Feed: 1 Abruf\(e\) in Folge fehlgeschlagen: keine Antwort in der vorgesehenen Zeit$/);
  });
});
