import type { ForumChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, ALICE, BOB, MOD, GENERAL, RANDOM, FORUM, APP } from '../support/bot-harness.ts';
import { encodeCustomId } from '../../src/discord/custom-ids.ts';
import { cliInProcess } from '../support/in-process.ts';

interface Data {
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string }[];
  components?: { components: { custom_id?: string }[] }[];
}
const EPHEMERAL = 64;
const SOLVED_TAG = '1300000000000000040';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MESSAGE_CONTENT_INTENT: 'true' }, allowedPrivilegedIntents: ['MessageContent'] });
  const forum = await h.fake.slash('qa add', { channel: FORUM }, { user: MOD, channelId: GENERAL }).reply();
  expect((forum.data as Data).embeds?.[0]?.description).toMatch(/Watching the forum/);
  const text = await h.fake.slash('qa add', { channel: RANDOM }, { user: MOD, channelId: GENERAL }).reply();
  expect((text.data as Data).embeds?.[0]?.description).toMatch(/Watching <#/);
}, 30_000);
afterAll(async () => {
  await h?.stop();
});

/** The bot's permissions in the forum as its discord.js cache sees them. */
const botInForum = () => (h.bot.client.channels.cache.get(FORUM) as ForumChannel | undefined)?.permissionsFor(APP);

async function suggestionIn(threadId: string) {
  return h.fake.waitFor(() => h.fake.messages(threadId).find((m) => (m.author as { id: string }).id !== ALICE.id && m.embeds.length > 0));
}

describe('watched help forum', () => {
  it('is managed with /qa by members with Manage Server only', async () => {
    expect(() => h.fake.slash('qa show', {}, { user: ALICE, channelId: GENERAL })).toThrow();
    const shown = await h.fake.slash('qa show', {}, { user: MOD, channelId: GENERAL }).reply();
    expect((shown.data as Data).embeds?.[0]?.description).toMatch(/\(forum\)[\s\S]*\(text\)/);
  });

  it('suggests entries on a matching new post; only its author can mark it solved, which applies the solved tag', async () => {
    const post = h.fake.createForumPost(FORUM, { title: 'Is btrfs RAID 5 still experimental?', content: 'Thinking about RAID 5 on my NAS.', author: ALICE });
    const suggestion = await suggestionIn(post.thread.id);
    expect(suggestion.embeds[0]).toMatchObject({ title: 'This might help' });
    expect((suggestion.embeds[0] as { description: string }).description).toMatch(/RAID 5/);
    const solvedId = encodeCustomId({ action: 'solved', ownerId: ALICE.id });
    const refused = await h.fake.clickButton(suggestion, solvedId, BOB).reply();
    expect(((refused.data as Data).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const show = (suggestion.components as unknown as Data['components'])![0]!.components[0]!.custom_id!;
    const shown = await h.fake.clickButton(suggestion, show, BOB).reply();
    expect(((shown.data as Data).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    await h.fake.clickButton(suggestion, solvedId, ALICE).reply();
    await h.fake.waitFor(() => (h.fake.channelState(post.thread.id) as { applied_tags?: string[] } | undefined)?.applied_tags?.includes(SOLVED_TAG));
    expect(h.fake.message(suggestion.id)?.content).toMatch(/Marked as solved/);
  });

  it('without Manage Threads, "Solved it" still marks the post solved and says why no tag was set, without trying', async () => {
    h.fake.setChannelOverwrites(FORUM, [{ id: APP, type: 'member', deny: ['ManageThreads'] }]);
    try {
      await h.fake.waitFor(() => botInForum()?.has('ManageThreads') === false);
      const post = h.fake.createForumPost(FORUM, { title: 'Is btrfs RAID 5 still experimental?', content: '', author: ALICE });
      const suggestion = await suggestionIn(post.thread.id);
      await h.fake.clickButton(suggestion, encodeCustomId({ action: 'solved', ownerId: ALICE.id }), ALICE).reply();
      await h.fake.waitFor(() => /Marked as solved/.test(h.fake.message(suggestion.id)?.content ?? ''));
      expect(h.fake.message(suggestion.id)?.content).toMatch(/could not apply the "solved" tag: I need the Manage Threads permission/);
      expect(h.fake.requestsTo('PATCH', `/channels/${post.thread.id}`)).toEqual([]);
    } finally {
      h.fake.setChannelOverwrites(FORUM, []);
    }
  });

  it('turns a 403 from setting the tag into a clear message', async () => {
    await h.fake.waitFor(() => botInForum()?.has('ManageThreads') === true);
    const post = h.fake.createForumPost(FORUM, { title: 'Is btrfs RAID 5 still experimental?', content: '', author: ALICE });
    const suggestion = await suggestionIn(post.thread.id);
    h.fake.failNext({ method: 'PATCH', path: `/channels/${post.thread.id}`, status: 403, code: 50013, message: 'Missing Permissions' });
    await h.fake.clickButton(suggestion, encodeCustomId({ action: 'solved', ownerId: ALICE.id }), ALICE).reply();
    await h.fake.waitFor(() => /Marked as solved/.test(h.fake.message(suggestion.id)?.content ?? ''));
    expect(h.fake.message(suggestion.id)?.content).toMatch(/could not apply the "solved" tag: I need the Manage Threads permission/);
  });

  it('answers a post only once: repeated events and a restart in between', async () => {
    const post = h.fake.createForumPost(FORUM, { title: 'What happened to kdbus?', content: '', author: ALICE });
    await suggestionIn(post.thread.id);
    // discord.js drops a THREAD_CREATE for a thread it has cached; forgetting the thread hands the
    // repeat to the bot, as a client without that cache (a new session) would.
    const repeat = () => {
      h.bot.client.channels.cache.delete(post.thread.id);
      post.redispatch();
    };
    repeat();
    await h.handled('forum-post', post.thread.id, 2);
    await h.restart();
    repeat();
    await h.handled('forum-post', post.thread.id, 3);
    expect(h.fake.messages(post.thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(1);
  });

  it('reads title and first message together and answers in the language of the post', async () => {
    const post = h.fake.createForumPost(FORUM, {
      title: 'Frage zu meinem NAS',
      content: 'Hallo zusammen, ich habe gehört dass Btrfs RAID5 kaputt sein soll. Stimmt das noch oder kann man das inzwischen nutzen?',
      author: ALICE,
    });
    const suggestion = await suggestionIn(post.thread.id);
    expect(suggestion.embeds[0]).toMatchObject({ title: 'Vielleicht hilft dir das' });
    expect((suggestion.embeds[0] as { description: string }).description).toMatch(/RAID 5/);
  });

  it('checks that it may post in the forum before it claims a post, and logs what is missing', async () => {
    h.fake.setChannelOverwrites(FORUM, [{ id: APP, type: 'member', deny: ['SendMessagesInThreads'] }]);
    try {
      await h.fake.waitFor(() => botInForum()?.has('SendMessagesInThreads') === false);
      const post = h.fake.createForumPost(FORUM, { title: 'What happened to kdbus?', content: '', author: ALICE });
      await h.handled('forum-post', post.thread.id);
      expect(h.fake.messages(post.thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(0);
      expect(await h.bot.store.qa.post(post.thread.id)).toBeUndefined();
      expect(h.logs.filter((l) => l.threadId === post.thread.id).map((l) => [l.msg, l.missing])).toEqual([['cannot answer in this forum: missing permissions', ['SendMessagesInThreads']]]);
    } finally {
      h.fake.setChannelOverwrites(FORUM, []);
    }
  });

  it('stays silent on a kernel question the knowledge base cannot answer', async () => {
    const post = h.fake.createForumPost(FORUM, { title: "kernel 6.8 won't boot", content: "kernel 6.8 won't boot after update, black screen with nvidia", author: BOB });
    await h.handled('forum-post', post.thread.id);
    expect(h.fake.messages(post.thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(0);
  });

  it('stays silent on an off-topic post and on posts by bots', async () => {
    const offTopic = h.fake.createForumPost(FORUM, { title: 'Best pizza in Berlin', content: 'Any tips?', author: ALICE });
    const byBot = h.fake.createForumPost(FORUM, { title: 'What happened to kdbus?', content: 'x', author: { id: '1500000000000000001', username: 'otherbot', bot: true } });
    await h.handled('forum-post', offTopic.thread.id);
    await h.handled('forum-post', byBot.thread.id);
    expect(h.fake.messages(offTopic.thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(0);
    expect(h.fake.messages(byBot.thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(0);
  });

  it('removes a suggestion its author finds not helpful and counts it as a gap', async () => {
    const post = h.fake.createForumPost(FORUM, { title: 'overlayfs with docker is slow', content: '', author: BOB });
    const suggestion = await suggestionIn(post.thread.id);
    await h.fake.clickButton(suggestion, encodeCustomId({ action: 'unhelpful', ownerId: BOB.id }), BOB).reply();
    await h.fake.waitFor(() => h.fake.message(suggestion.id) === undefined);
    const gaps = await h.bot.store.qa.gaps(50);
    expect(gaps.find((g) => g.question === 'overlayfs with docker is slow')).toMatchObject({ unhelpful: 1 });
  });
});

describe('watched text channel', () => {
  it('suggests once per entry within the cool-down, never for bots, and lets the asker dismiss it', async () => {
    const question = h.fake.userMessage(RANDOM, 'Was ist eigentlich kdbus?', { author: ALICE });
    const reply = await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === question.id));
    expect((reply.embeds[0] as { description: string }).description).toMatch(/kdbus/);
    const again = h.fake.userMessage(RANDOM, 'what is kdbus?', { author: BOB });
    const fromBot = h.fake.userMessage(RANDOM, 'what is F2FS?', { author: { id: '1500000000000000001', username: 'otherbot', bot: true } });
    const statement = h.fake.userMessage(RANDOM, 'f2fs is nice', { author: BOB });
    for (const m of [again, fromBot, statement]) await h.handled('text-question', m.id);
    for (const m of [again, fromBot, statement]) expect(h.fake.messages(RANDOM).some((r) => r.message_reference?.message_id === m.id)).toBe(false);
    await h.fake.clickButton(reply, encodeCustomId({ action: 'dismiss', ownerId: ALICE.id }), ALICE).reply();
    await h.fake.waitFor(() => h.fake.message(reply.id) === undefined);
  });
});

describe('watched text channel without permission to post', () => {
  it('takes no cool-down for a question it cannot answer there, and answers once it may post again', async () => {
    h.fake.setChannelOverwrites(RANDOM, [{ id: APP, type: 'member', deny: ['EmbedLinks'] }]);
    const botInRandom = () => (h.bot.client.channels.cache.get(RANDOM) as ForumChannel | undefined)?.permissionsFor(APP);
    try {
      await h.fake.waitFor(() => botInRandom()?.has('EmbedLinks') === false);
      const question = h.fake.userMessage(RANDOM, 'What is F2FS?', { author: ALICE });
      await h.handled('text-question', question.id);
      expect(h.fake.messages(RANDOM).some((m) => m.message_reference?.message_id === question.id)).toBe(false);
      expect(h.logs.filter((l) => l.channelId === RANDOM && l.event === 'text-question').map((l) => [l.msg, l.missing])).toEqual([
        ['cannot answer in this channel: missing permissions', ['EmbedLinks']],
      ]);
    } finally {
      h.fake.setChannelOverwrites(RANDOM, []);
    }
    await h.fake.waitFor(() => botInRandom()?.has('EmbedLinks') === true);
    const again = h.fake.userMessage(RANDOM, 'What is F2FS?', { author: BOB });
    const reply = await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === again.id));
    expect((reply.embeds[0] as { description: string }).description).toMatch(/F2FS/);
  });
});

describe('knowledge gaps', () => {
  it('lists the most asked unanswered questions in /kb gaps and the CLI, without user ids', async () => {
    for (const user of [ALICE, BOB, MOD]) await h.fake.slash('ask', { question: 'How do I install Steam on Linux?', hide: true }, { user, channelId: GENERAL }).reply();
    const gaps = await h.fake.slash('kb gaps', {}, { user: MOD, channelId: GENERAL }).reply();
    const text = (gaps.data as Data).embeds?.[0]?.description ?? '';
    expect(text).toMatch(/3× “how do i install steam on linux”/);
    expect(text).toMatch(/best pizza in berlin/);
    expect(text).toMatch(/overlayfs with docker is slow.*1× not helpful/);
    const hits = await h.fake.slash('kb hits', {}, { user: MOD, channelId: GENERAL }).reply();
    expect((hits.data as Data).embeds?.[0]?.description).toMatch(/kdbus/);
    const cli = await cliInProcess(['gaps', '--json', '--db', h.databasePath]);
    const parsed = JSON.parse(cli.stdout) as { gaps: { question: string; asked: number }[] };
    expect(parsed.gaps[0]).toMatchObject({ question: 'how do i install steam on linux', asked: 3 });
    expect(cli.stdout).not.toContain(ALICE.id);
  });
});

describe('without the message-content intent', () => {
  it('does not read questions in text channels (mentions still work)', async () => {
    const plain = await startHarness();
    try {
      await plain.fake.slash('qa add', { channel: RANDOM }, { user: MOD, channelId: GENERAL }).reply();
      const question = plain.fake.userMessage(RANDOM, 'Was ist kdbus?', { author: ALICE });
      await plain.handled('text-question', question.id);
      await plain.handled('mention', question.id);
      expect(plain.fake.messages(RANDOM).some((m) => m.message_reference?.message_id === question.id)).toBe(false);
      const mention = plain.fake.userMessage(RANDOM, '<@1100000000000000001> Was ist kdbus?', { author: ALICE, mentionsBot: true });
      await plain.fake.waitFor(() => plain.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === mention.id));
    } finally {
      await plain.stop();
    }
  });
});
