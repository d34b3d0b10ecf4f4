import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextChannel } from 'discord.js';
import { startHarness, type Harness, ALICE, BOB, MOD, GENERAL, RANDOM, APP } from '../support/bot-harness.ts';
import { startKernelOrgServer, type KernelOrgServer } from '../support/kernel-org-server.ts';
import { CGIT_BAD_OBJECT, CGIT_COMMIT_PAGE } from '../kernel/kernel-org-pages.ts';

interface Data {
  content?: string;
  flags?: number;
  embeds?: { description?: string }[];
}
const EPHEMERAL = 64;
const COMMIT = '/linux.git/commit/?id=';

let h: Harness;
let kernelOrg: KernelOrgServer;
beforeAll(async () => {
  kernelOrg = await startKernelOrgServer();
  kernelOrg.route('/MAINTAINERS', { status: 200, body: readFileSync(new URL('../fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8'), contentType: 'text/plain' });
  kernelOrg.route(`${COMMIT}0dd3ee311255`, { status: 200, body: CGIT_COMMIT_PAGE });
  kernelOrg.route(`${COMMIT}deadbeef0404`, { status: 404, body: CGIT_BAD_OBJECT });
  kernelOrg.route(`${COMMIT}deadbeef0500`, { status: 500, body: '<html>Internal Server Error</html>' });
  h = await startHarness({
    env: { MESSAGE_CONTENT_INTENT: 'true', KERNEL_GIT_URL: `${kernelOrg.url}/linux.git`, MAINTAINERS_URL: `${kernelOrg.url}/MAINTAINERS` },
    allowedPrivilegedIntents: ['MessageContent'],
  });
}, 30_000);
afterAll(async () => {
  await h?.stop();
  await kernelOrg?.close();
});

const repliesTo = (channelId: string, messageId: string) => h.fake.messages(channelId).filter((m) => m.message_reference?.message_id === messageId);

describe('/refs', () => {
  it('needs Manage Server; /refs on confirms, /qa show lists the channel', async () => {
    expect(() => h.fake.slash('refs on', { channel: GENERAL }, { user: ALICE, channelId: GENERAL })).toThrow();
    const on = await h.fake.slash('refs on', { channel: GENERAL }, { user: MOD, channelId: GENERAL }).reply();
    expect(((on.data as Data).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect((on.data as Data).embeds?.[0]?.description).toMatch(/commit id/);
    const shown = await h.fake.slash('qa show', {}, { user: MOD, channelId: GENERAL }).reply();
    expect((shown.data as Data).embeds?.[0]?.description).toMatch(new RegExp(`References explained in: <#${GENERAL}>`));
  });
});

describe('references in an opted-in channel', () => {
  it('explains a Fixes: line once, from kernel.org, with nothing that can ping', async () => {
    const message = h.fake.userMessage(GENERAL, 'This regressed, see\nFixes: 0dd3ee311255 ("Linux 6.7") @everyone', { author: ALICE });
    const reply = await h.fake.waitFor(() => repliesTo(GENERAL, message.id)[0]);
    expect(reply.content).toMatch(
      /^\*\*Linux 6\.7\*\*\ncommit 0dd3ee311255 · Linus Torvalds · 2024-01-07 · tagged v6\.7\n<http:\/\/127\.0\.0\.1:\d+\/linux\.git\/commit\/\?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a>$/,
    );
    const sent = h.fake.requestsTo('POST', `/channels/${GENERAL}/messages`).at(-1)!;
    expect((sent.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(kernelOrg.requests.find((r) => r.url.startsWith(`${COMMIT}0dd3ee311255`))?.userAgent).toMatch(/^kernelbot\//);
    await h.handled('kernel-refs', message.id);
    expect(repliesTo(GENERAL, message.id)).toHaveLength(1);
  });

  it('looks nothing up in a channel where it may no longer post, and logs the missing permission', async () => {
    h.fake.setChannelOverwrites(GENERAL, [{ id: APP, type: 'member', deny: ['SendMessages'] }]);
    try {
      await h.fake.waitFor(() => (h.bot.client.channels.cache.get(GENERAL) as TextChannel | undefined)?.permissionsFor(APP)?.has('SendMessages') === false);
      const lookups = kernelOrg.requests.length;
      const message = h.fake.userMessage(GENERAL, 'Fixes: deadbeef0404 ("gone")', { author: ALICE });
      await h.handled('kernel-refs', message.id);
      expect(repliesTo(GENERAL, message.id)).toEqual([]);
      expect(kernelOrg.requests).toHaveLength(lookups);
      expect(h.logs.filter((l) => l.channelId === GENERAL && l.event === 'kernel-refs').map((l) => [l.msg, l.missing])).toEqual([
        ['cannot explain references in this channel: missing permissions', ['SendMessages']],
      ]);
    } finally {
      h.fake.setChannelOverwrites(GENERAL, []);
    }
  });

  it('answers the second mention from the cache', async () => {
    const before = kernelOrg.hits(`${COMMIT}0dd3ee311255`);
    const message = h.fake.userMessage(GENERAL, 'is 0dd3ee311255 in 6.6?', { author: BOB });
    const reply = await h.fake.waitFor(() => repliesTo(GENERAL, message.id)[0]);
    expect(reply.content).toMatch(/Linux 6\.7/);
    expect(kernelOrg.hits(`${COMMIT}0dd3ee311255`)).toBe(before);
  });

  it('stays silent on a 404 and a 500 (a lookup past its timeout explains nothing either: tests/kernel/refs-service.test.ts)', async () => {
    const notFound = h.fake.userMessage(GENERAL, 'commit deadbeef0404', { author: ALICE });
    const broken = h.fake.userMessage(GENERAL, 'commit deadbeef0500', { author: ALICE });
    await h.fake.waitFor(() => kernelOrg.hits(`${COMMIT}deadbeef0404`) > 0 && kernelOrg.hits(`${COMMIT}deadbeef0500`) > 0);
    for (const m of [notFound, broken]) await h.handled('kernel-refs', m.id);
    for (const m of [notFound, broken]) expect(repliesTo(GENERAL, m.id)).toEqual([]);
  });

  it('one reply for several references in one message; never for bots or channels that did not opt in', async () => {
    kernelOrg.route(`${COMMIT}0dd3ee311256`, { status: 200, body: CGIT_COMMIT_PAGE.replace('Linux 6.7', 'Another subject') });
    const two = h.fake.userMessage(GENERAL, '0dd3ee311255 and 0dd3ee311256', { author: ALICE });
    const reply = await h.fake.waitFor(() => repliesTo(GENERAL, two.id)[0]);
    expect(reply.content).toMatch(/Linux 6\.7[\s\S]*Another subject/);
    const fromBot = h.fake.userMessage(GENERAL, 'Fixes: 0dd3ee311255 ("Linux 6.7")', { author: { id: '1500000000000000001', username: 'otherbot', bot: true } });
    const elsewhere = h.fake.userMessage(RANDOM, 'Fixes: 0dd3ee311255 ("Linux 6.7")', { author: ALICE });
    for (const m of [two, fromBot, elsewhere]) await h.handled('kernel-refs', m.id);
    expect(repliesTo(GENERAL, two.id)).toHaveLength(1);
    expect(repliesTo(GENERAL, fromBot.id)).toEqual([]);
    expect(repliesTo(RANDOM, elsewhere.id)).toEqual([]);
  });

  it('/refs off stops it', async () => {
    await h.fake.slash('refs off', { channel: GENERAL }, { user: MOD, channelId: GENERAL }).reply();
    const message = h.fake.userMessage(GENERAL, 'Fixes: 0dd3ee311255 ("Linux 6.7")', { author: ALICE });
    await h.handled('kernel-refs', message.id);
    expect(repliesTo(GENERAL, message.id)).toEqual([]);
  });
});

describe('/maintainers on the running bot', () => {
  it('answers from the MAINTAINERS fetched at start, without waiting for kernel.org', async () => {
    await h.fake.waitFor(() => kernelOrg.hits('/MAINTAINERS') > 0);
    // The bot logs "MAINTAINERS checked" once the fetched file is parsed and stored.
    await h.fake.waitFor(() => h.logs.some((l) => l.msg === 'MAINTAINERS checked'), 10_000);
    const reply = await h.fake.slash('maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((reply.data as Data).embeds?.[0]?.description).toMatch(/BTRFS FILE SYSTEM[\s\S]*David Sterba/);
  });
});
