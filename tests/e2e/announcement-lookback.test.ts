import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST, Routes, SnowflakeUtil } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { APP, TOKEN } from '../support/bot-harness.ts';
import { createRestPoster } from '../../src/discord/announcement-ports.ts';

/**
 * The look-back before resending an interrupted announcement, through discord.js's REST client against
 * the fake Discord: in a busy channel the post can be far more than one page (50–100 messages) back.
 */
const GUILD = '1320000000000000001';
const BUSY = '1320000000000000010';
const ALICE = { id: '1420000000000000001', username: 'alice' };

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APP,
    botUserId: APP,
    guilds: [{ id: GUILD, name: 'Busy', bot: { permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'] }, channels: [{ id: BUSY, name: 'busy', type: 'text' }] }],
  });
  rest = new REST({ api: fake.apiBase }).setToken(TOKEN);
});
afterAll(async () => {
  await fake?.stop();
});

const announcement = (version: string) => ({ content: '', embeds: [{ title: `Linux ${version}` }], allowed_mentions: { parse: [] } });

describe('findPosted (the look-back before a resend)', () => {
  it('pages back until messages are older than the recorded intent, finding a post 120 messages deep', async () => {
    for (let i = 0; i < 150; i++) fake.userMessage(BUSY, `older chatter ${i}`, { author: ALICE });
    const lastOld = fake.messages(BUSY).at(-1)!;
    // The intent is recorded strictly after the older chatter (snowflakes have millisecond resolution).
    await fake.waitFor(() => Date.now() > SnowflakeUtil.timestampFrom(lastOld.id) + 1);
    const intentAt = new Date();
    const posted = (await rest.post(Routes.channelMessages(BUSY), { body: announcement('6.17.11') })) as APIMessage;
    for (let i = 0; i < 120; i++) fake.userMessage(BUSY, `busy chatter ${i}`, { author: ALICE });

    const sender = createRestPoster(rest, () => APP);
    const lookups = () => fake.requestsTo('GET', `/channels/${BUSY}/messages`).length;
    expect(await sender.findPosted!(BUSY, [announcement('6.17.11')], intentAt)).toBe(posted.id);

    // Never posted: it stops at the first page that reaches back before the intent (2 pages), not at the channel's start.
    const before = lookups();
    expect(await sender.findPosted!(BUSY, [announcement('6.17.12')], intentAt)).toBeNull();
    expect(lookups() - before).toBe(2);
  });

  it('finds a post of text alone (the note about left-out versions in a channel none of whose kept releases it follows)', async () => {
    const intentAt = new Date(Date.now() - 1000);
    const note = { content: 'Also new, not announced separately (2): 6.1.160, 6.1.159', allowed_mentions: { parse: [] } };
    // A member quoting the note is not the post; the bot's own message is.
    fake.userMessage(BUSY, note.content, { author: ALICE });
    const posted = (await rest.post(Routes.channelMessages(BUSY), { body: note })) as APIMessage;
    for (let i = 0; i < 5; i++) fake.userMessage(BUSY, `after the note ${i}`, { author: ALICE });
    const sender = createRestPoster(rest, () => APP);
    expect(await sender.findPosted!(BUSY, [note], intentAt)).toBe(posted.id);
    expect(await sender.findPosted!(BUSY, [{ ...note, content: 'Also new, not announced separately (1): 6.1.161' }], intentAt)).toBeNull();
  });
});
