/**
 * Self-test of the fake Discord: a bare discord.js Client runs against it over loopback.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  ModalBuilder,
  Routes,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Message,
  type ThreadChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeDiscord } from './support/fake-discord/index.ts';

const TOKEN = 'MTEw.fake.token';
const APP = '1100000000000000001';
const GUILD = '1300000000000000001';
const TEXT = '1300000000000000010';
const LOCKED = '1300000000000000011';
const HIDDEN = '1300000000000000012';
const FORUM = '1300000000000000013';
const CATEGORY = '1300000000000000014';
const MOD_ROLE = '1300000000000000020';
const ALICE = { id: '1400000000000000001', username: 'alice' };
const MOD = { id: '1400000000000000002', username: 'mod' };

let fake: FakeDiscord;
let client: Client;
const seen = { messages: [] as Message[], threads: [] as Array<{ thread: ThreadChannel; newly: boolean }> };

async function apiError(p: Promise<unknown>): Promise<DiscordAPIError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DiscordAPIError);
  return err as DiscordAPIError;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APP,
    botUserId: APP,
    heartbeatIntervalMs: 1000,
    allowedPrivilegedIntents: ['MessageContent'],
    rateLimits: { perRoute: { limit: 1000, windowMs: 1000 } },
    guilds: [
      {
        id: GUILD,
        name: 'Kernel Hackers',
        preferred_locale: 'de',
        roles: [{ id: MOD_ROLE, name: 'mods', permissions: ['ManageGuild'] }],
        members: [{ user: MOD, roles: [MOD_ROLE] }],
        bot: { permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory', 'SendMessagesInThreads'] },
        channels: [
          { id: CATEGORY, name: 'General', type: 'category' },
          { id: TEXT, name: 'general', type: 'text', parent_id: CATEGORY },
          { id: LOCKED, name: 'announcements', type: 'text', permission_overwrites: [{ id: APP, type: 'member', deny: ['SendMessages'] }] },
          { id: HIDDEN, name: 'staff', type: 'text', permission_overwrites: [{ id: GUILD, type: 'role', deny: ['ViewChannel'] }] },
          { id: FORUM, name: 'help', type: 'forum', available_tags: [{ id: '1300000000000000030', name: 'solved' }, { name: 'question' }] },
        ],
      },
    ],
  });

  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: fake.apiBase } });
  client.on('messageCreate', (m) => void seen.messages.push(m));
  client.on('threadCreate', (thread, newly) => void seen.threads.push({ thread, newly }));
  // discord.js ignores the handler's promise; every reply inside is awaited in order.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  client.on('interactionCreate', async (interaction) => {
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused();
      const topics = ['kdbus', 'kexec', 'kprobes', 'io_uring'];
      await interaction.respond(topics.filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })));
      return;
    }
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === 'ping') {
        await interaction.reply({ content: `pong ${interaction.options.getString('word') ?? ''}`.trim(), flags: MessageFlags.Ephemeral });
        // discord.js itself refuses a second reply, so acknowledge again through raw REST: Discord answers 40060.
        await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'again' } }, auth: false }).catch(() => undefined);
      } else if (interaction.commandName === 'counter') {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('count:0').setLabel('+1').setStyle(ButtonStyle.Primary));
        await interaction.reply({ content: 'count 0', components: [row] });
      } else if (interaction.commandName === 'slow') {
        await interaction.deferReply();
        await interaction.editReply('done');
        await interaction.followUp({ content: 'secret', flags: MessageFlags.Ephemeral });
      } else if (interaction.commandName === 'pick') {
        const menu = new StringSelectMenuBuilder().setCustomId('pick').addOptions({ label: 'Deutsch', value: 'de' }, { label: 'English', value: 'en' });
        await interaction.reply({ content: 'choose', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)], withResponse: true });
      } else if (interaction.commandName === 'feedback') {
        // The classic modal layout (an action row per input), which the fake Discord implements.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        const input = new TextInputBuilder().setCustomId('text').setLabel('Text').setStyle(TextInputStyle.Short);
        await interaction.showModal(
          // eslint-disable-next-line @typescript-eslint/no-deprecated
          new ModalBuilder().setCustomId('fb').setTitle('Feedback').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (interaction.commandName === 'admin') {
        await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
      }
      return;
    }
    if (interaction.isMessageContextMenuCommand()) {
      await interaction.reply({ content: `> ${interaction.targetMessage.content}`, flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.isStringSelectMenu()) {
      await interaction.update({ content: `chose ${interaction.values.join(',')}`, components: [] });
      return;
    }
    if (interaction.isModalSubmit()) {
      await interaction.reply({ content: `thanks: ${interaction.fields.getTextInputValue('text')}`, flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.isButton() && interaction.customId.startsWith('count:')) {
      const n = Number(interaction.customId.split(':')[1]) + 1;
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(`count:${n}`).setLabel('+1').setStyle(ButtonStyle.Primary));
      await interaction.update({ content: `count ${n}`, components: [row] });
    }
  });
  const ready = once(client, 'clientReady');
  await client.login(TOKEN);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

describe('fake Discord with a real discord.js client', () => {
  it('logs in over the gateway and caches guild, channels and the bot member', () => {
    expect(client.user?.id).toBe(APP);
    expect(client.application?.id).toBe(APP);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.name).toBe('Kernel Hackers');
    expect(guild?.preferredLocale).toBe('de');
    expect(guild?.channels.cache.get(FORUM)?.type).toBe(ChannelType.GuildForum);
    const forum = guild?.channels.cache.get(FORUM);
    expect(forum && 'availableTags' in forum ? forum.availableTags.map((t) => t.name) : []).toEqual(['solved', 'question']);
    // Permissions are computable from roles + overwrites.
    const me = guild!.members.me!;
    expect(me.permissionsIn(TEXT).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(me.permissionsIn(LOCKED).has(PermissionFlagsBits.SendMessages)).toBe(false);
    const gw = fake.requestsTo('GET', '/gateway/bot')[0];
    expect(gw?.authorizedAsBot).toBe(true);
    expect(gw?.apiVersion).toBe(10);
  });

  it('refuses a bad token and disallowed privileged intents at IDENTIFY', async () => {
    const bad = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
    await expect(bad.login('wrong')).rejects.toThrow();
    await bad.destroy();
    const greedy = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api: fake.apiBase } });
    const refused = fake.waitForEvent<{ code: number }>('gatewayRefused', (e) => e.code === 4014);
    await greedy.login(TOKEN).catch(() => undefined);
    expect((await refused).code).toBe(4014);
    await greedy.destroy();
  });

  it('closes raw gateway connections with Discord close codes', async () => {
    const closeCode = (...payloads: unknown[]) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${fake.wsUrl()}?v=10&encoding=json`);
        ws.once('message', () => payloads.forEach((p) => ws.send(JSON.stringify(p))));
        ws.once('close', (code) => resolve(code));
      });
    const identify = (d: Record<string, unknown>) => ({ op: 2, d: { token: TOKEN, properties: {}, ...d } });
    expect(await closeCode({ op: 3, d: {} })).toBe(4003);
    expect(await closeCode(identify({ intents: undefined }))).toBe(4013);
    expect(await closeCode(identify({ intents: 1, token: 'nope' }))).toBe(4004);
    expect(await closeCode(identify({ intents: 1, shard: [1, 1] }))).toBe(4010);
    expect(await closeCode(identify({ intents: 1 }), identify({ intents: 1 }))).toBe(4005);
  });

  it('registers valid guild commands and rejects invalid ones with 50035', async () => {
    await client.application!.commands.set(
      [
        { name: 'ping', description: 'Ping', options: [{ type: ApplicationCommandOptionType.String, name: 'word', description: 'Word' }], descriptionLocalizations: { de: 'Pingen' } },
        { name: 'counter', description: 'Counter' },
        { name: 'slow', description: 'Deferred' },
        { name: 'admin', description: 'Mods only', defaultMemberPermissions: PermissionFlagsBits.ManageGuild },
        { name: 'search', description: 'Search', options: [{ type: ApplicationCommandOptionType.String, name: 'topic', description: 'Topic', required: true, autocomplete: true }] },
        { type: ApplicationCommandType.Message, name: 'Quote message' },
        { name: 'pick', description: 'Pick a language' },
        { name: 'feedback', description: 'Send feedback' },
      ],
      GUILD,
    );
    const names = fake.registeredCommands(GUILD).map((c) => c.name);
    expect(names).toEqual(['ping', 'counter', 'slow', 'admin', 'search', 'Quote message', 'pick', 'feedback']);
    const ids = fake.registeredCommands(GUILD).map((c) => c.id);

    const err = await apiError(
      client.application!.commands.set(
        [
          { name: 'Bad Name', description: 'x' },
          { name: 'ok', description: 'y'.repeat(101), nameLocalizations: { 'xx-YY': 'ok' } as never },
          {
            name: 'opts',
            description: 'z',
            options: [
              { type: ApplicationCommandOptionType.String, name: 'a', description: 'a' },
              { type: ApplicationCommandOptionType.String, name: 'b', description: 'b', required: true },
              { type: ApplicationCommandOptionType.Boolean, name: 'c', description: 'c', autocomplete: true } as never,
              { type: ApplicationCommandOptionType.String, name: 'd', description: 'd', autocomplete: true, choices: [{ name: 'x', value: 'x' }] } as never,
            ],
          },
        ],
        GUILD,
      ),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe(50035);
    const raw = JSON.stringify(err.rawError);
    for (const code of [
      'APPLICATION_COMMAND_INVALID_NAME',
      'BASE_TYPE_BAD_LENGTH',
      'LOCALE_INVALID',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
      'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
      'AUTOCOMPLETE_CHOICES_INVALID',
    ]) {
      expect(raw).toContain(code);
    }
    // The failed overwrite changed nothing; re-registering keeps ids.
    expect(fake.registeredCommands(GUILD).map((c) => c.id)).toEqual(ids);
  });

  it('refuses impossible interactions in the test', () => {
    expect(() => fake.slash('nope')).toThrow(/not registered/);
    expect(() => fake.slash('search', {})).toThrow(/requires option "topic"/);
    expect(() => fake.slash('ping', { bogus: 'x' })).toThrow(/no option "bogus"/);
    expect(() => fake.slash('admin', {}, { user: ALICE })).toThrow(/default_member_permissions/);
  });

  it('answers a slash command ephemerally and refuses a second acknowledgement (40060)', async () => {
    const h = fake.slash('ping', { word: 'hi' }, { user: ALICE, channelId: TEXT, locale: 'fr' });
    expect(h.payload.locale).toBe('fr');
    expect(h.payload.guild_locale).toBe('de');
    const reply = await h.reply();
    expect(reply.type).toBe(4);
    expect(reply.data?.content).toBe('pong hi');
    expect(Number(reply.data?.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const rejected = await h.rejection();
    expect(rejected).toMatchObject({ kind: 'rejected', code: 40060 });
    const record = fake.interactionResponses(h.id)!;
    expect(record.ephemeral).toBe(true);
    expect(record.original?.content).toBe('pong hi');
    expect(fake.messages(TEXT).some((m) => m.content === 'pong hi')).toBe(false);
    // Interaction callbacks carry no Authorization header.
    const cb = fake.requestsTo('POST', `/interactions/${h.id}/${h.token}/callback`)[0];
    expect(cb?.authorization).toBeNull();
    expect(cb?.query.with_response).toBe('false');
  });

  it('lets a moderator use a command with default_member_permissions', async () => {
    const reply = await fake.slash('admin', {}, { user: MOD }).reply();
    expect(reply.data?.content).toBe('ok');
  });

  it('defers, edits @original and sends a follow-up', async () => {
    const h = fake.slash('slow', {}, { user: ALICE });
    expect((await h.reply()).type).toBe(5);
    expect((await h.edit(0)).content).toBe('done');
    const follow = await h.followUp(0);
    expect(follow.content).toBe('secret');
    expect(follow.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const original = await h.original();
    expect(original.content).toBe('done');
    expect(original.flags & MessageFlags.Loading).toBe(0);
    expect(fake.messages(TEXT).find((m) => m.id === original.id)?.content).toBe('done');
  });

  it('serves autocomplete with the focused option', async () => {
    const choices = await fake.autocomplete('search', { topic: { value: 'k', focused: true } }, { user: ALICE }).choices();
    expect(choices.map((c) => c.name)).toEqual(['kdbus', 'kexec', 'kprobes']);
    expect(() => fake.autocomplete('ping', { word: { value: 'x', focused: true } })).toThrow(/no autocomplete/);
  });

  it('updates the message when a button is clicked', async () => {
    const h = fake.slash('counter', {}, { user: ALICE });
    const msg = await h.original();
    expect(msg.content).toBe('count 0');
    const click = fake.clickButton(msg, 'count:0', ALICE);
    const update = await click.reply();
    expect(update.type).toBe(7);
    const stored = fake.messages(TEXT).find((m) => m.id === msg.id);
    expect(stored?.content).toBe('count 1');
    expect(JSON.stringify(stored?.components)).toContain('count:1');
    expect(() => fake.clickButton(msg, 'count:0', ALICE)).toThrow(/no component/);
  });

  it('retries after a 429 with Retry-After, as discord.js does', async () => {
    const channel = client.channels.cache.get(TEXT);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    fake.failNext({ method: 'POST', path: `/channels/${TEXT}/messages`, status: 429, retryAfter: 0.2 });
    const t0 = Date.now();
    const sent = await channel.send('after the rate limit');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    const attempts = fake.requestsTo('POST', `/channels/${TEXT}/messages`).filter((r) => (r.body as { content?: string }).content === 'after the rate limit');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages(TEXT).filter((m) => m.id === sent.id)).toHaveLength(1);
  });

  it('answers per-route and global limits with Discord headers', async () => {
    const limited = await FakeDiscord.start({ token: TOKEN, rateLimits: { perRoute: { limit: 2, windowMs: 500 }, globalPerSecond: 3 } });
    try {
      const get = () => fetch(`${limited.apiBase}/v10/users/@me`, { headers: { Authorization: `Bot ${TOKEN}` } });
      const ok = await get();
      expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(ok.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]+$/);
      await get();
      const route429 = await get();
      expect(route429.status).toBe(429);
      expect(Number(route429.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(route429.headers.get('x-ratelimit-global')).toBeNull();
      const global429 = await fetch(`${limited.apiBase}/v10/gateway/bot`, { headers: { Authorization: `Bot ${TOKEN}` } });
      expect(global429.status).toBe(429);
      expect(global429.headers.get('x-ratelimit-global')).toBe('true');
      expect(((await global429.json()) as { global: boolean }).global).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('deduplicates an enforced nonce', async () => {
    const body = { content: 'exactly once', nonce: 'release-6.9', enforce_nonce: true };
    const a = (await client.rest.post(Routes.channelMessages(TEXT), { body })) as { id: string };
    const b = (await client.rest.post(Routes.channelMessages(TEXT), { body })) as { id: string };
    expect(b.id).toBe(a.id);
    expect(fake.messages(TEXT).filter((m) => m.content === 'exactly once')).toHaveLength(1);
  });

  it('enforces permissions, channel types and message limits', async () => {
    const locked = await apiError(client.rest.post(Routes.channelMessages(LOCKED), { body: { content: 'x' } }));
    expect([locked.status, locked.code]).toEqual([403, 50013]);
    const hidden = await apiError(client.rest.post(Routes.channelMessages(HIDDEN), { body: { content: 'x' } }));
    expect(hidden.code).toBe(50001);
    const forum = await apiError(client.rest.post(Routes.channelMessages(FORUM), { body: { content: 'x' } }));
    expect(forum.code).toBe(50008);
    const category = await apiError(client.rest.post(Routes.channelMessages(CATEGORY), { body: { content: 'x' } }));
    expect(category.code).toBe(50008);
    const unknown = await apiError(client.rest.post(Routes.channelMessages('1399999999999999999'), { body: { content: 'x' } }));
    expect([unknown.status, unknown.code]).toEqual([404, 10003]);
    const long = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { content: 'a'.repeat(2001) } }));
    expect(long.code).toBe(50035);
    expect(JSON.stringify(long.rawError)).toContain('BASE_TYPE_MAX_LENGTH');
    const empty = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { content: '' } }));
    expect(empty.code).toBe(50006);
    const embeds = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { embeds: [{ title: 't'.repeat(257) }] } }));
    expect(JSON.stringify(embeds.rawError)).toContain('title');
  });

  it('hides message content without the MessageContent intent unless the bot is mentioned', async () => {
    fake.userMessage(TEXT, 'secret words', { author: ALICE });
    fake.userMessage(TEXT, 'hello bot', { author: ALICE, mentionsBot: true });
    await fake.waitFor(() => seen.messages.filter((m) => m.author.id === ALICE.id).length >= 2);
    const mine = seen.messages.filter((m) => m.author.id === ALICE.id);
    expect(mine[0]?.content).toBe('');
    expect(mine[1]?.content).toBe(`<@${APP}> hello bot`);
    expect(mine[1]?.mentions.users.has(APP)).toBe(true);
  });

  it('dispatches forum posts (twice on request) and applies tags via PATCH', async () => {
    const post = fake.createForumPost(FORUM, { title: 'kdbus?', content: 'Is kdbus merged?', tags: ['question'], author: ALICE });
    await fake.waitFor(() => seen.threads.some((t) => t.thread.id === post.thread.id));
    post.redispatch();
    const sent = () => fake.gateway.frames.filter((f) => f.direction === 'out' && f.t === 'THREAD_CREATE' && (f.d as { id: string }).id === post.thread.id);
    await fake.waitFor(() => sent().length === 2);
    expect(sent().every((f) => (f.d as { newly_created?: boolean }).newly_created === true)).toBe(true);
    // discord.js emits threadCreate only for a thread it had not cached yet.
    expect(seen.threads.filter((t) => t.thread.id === post.thread.id)).toHaveLength(1);
    const first = seen.threads.find((t) => t.thread.id === post.thread.id)!;
    expect(first.newly).toBe(true);
    expect(first.thread.parentId).toBe(FORUM);
    await fake.waitFor(() => seen.messages.find((m) => m.id === post.message.id));
    const solved = '1300000000000000030';
    // Tagging a post the bot does not own needs MANAGE_THREADS: refused.
    const refused = await apiError(client.rest.patch(Routes.channel(post.thread.id), { body: { applied_tags: [solved] } }));
    expect(refused.code).toBe(50013);
    expect(fake.channelState(post.thread.id)?.applied_tags).toEqual(post.thread.applied_tags);
  });

  it("rejects bodies that Discord's OpenAPI description rejects, beyond the hand-written rules", async () => {
    const before = fake.invalidRequests.length;
    const badMentions = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { content: 'x', allowed_mentions: { parse: ['everyone', 'nobody'] } } }));
    expect([badMentions.status, badMentions.code]).toEqual([400, 50035]);
    expect(JSON.stringify(badMentions.rawError)).toContain('OPENAPI_SCHEMA');
    const badColour = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { embeds: [{ title: 'x', color: 'red' }] } }));
    expect([badColour.code, JSON.stringify(badColour.rawError)]).toEqual([50035, expect.stringContaining('/embeds/0/color must be integer')]);
    expect(fake.invalidRequests.slice(before).map((r) => `${r.method} ${r.route}`)).toEqual(['POST /channels/:channel/messages', 'POST /channels/:channel/messages']);
    // The hand-written rules and the description both object: one 50035 carries both.
    const both = await apiError(client.rest.post(Routes.channelMessages(TEXT), { body: { content: 'a'.repeat(2001), tts: 'yes' } }));
    expect(JSON.stringify(both.rawError)).toContain('BASE_TYPE_MAX_LENGTH');
    expect(JSON.stringify(both.rawError)).toContain('OPENAPI_SCHEMA');
  });

  it('handles select menus, message context menus and modals', async () => {
    const pick = fake.slash('pick', {}, { user: ALICE });
    const menu = await pick.original();
    // The state changes before the HTTP answer is written: wait for the recorded response.
    const withResponse = await fake.waitFor(() => fake.requestsTo('POST', `/interactions/${pick.id}/${pick.token}/callback`).find((r) => r.response));
    expect(withResponse?.query.with_response).toBe('true');
    expect(withResponse?.response).toMatchObject({ interaction: { id: pick.id, response_message_id: menu.id }, resource: { type: 4 } });
    expect(() => fake.selectMenu(menu, 'pick', ['fr'], ALICE)).toThrow(/does not offer/);
    const chosen = await fake.selectMenu(menu, 'pick', ['de'], ALICE).reply();
    expect(chosen).toMatchObject({ type: 7, data: { content: 'chose de' } });
    expect(fake.message(menu.id)?.components).toEqual([]);

    const target = fake.userMessage(TEXT, 'quote me', { author: ALICE });
    const quoted = await fake.messageContextMenu('Quote message', target, ALICE).reply();
    // The target is resolved with its content (interactions always carry it).
    expect(quoted.data?.content).toBe('> quote me');

    const fb = fake.slash('feedback', {}, { user: ALICE });
    expect((await fb.reply()).type).toBe(9);
    const thanks = await fb.submitModal({ text: 'great' }).reply();
    expect(thanks.data?.content).toBe('thanks: great');
  });

  it('enforces the 3 s deadline (10062) and refuses follow-ups before an ack (10015)', async () => {
    // The bot does not answer /search itself; the test acts as a late bot through discord.js REST.
    const h = fake.slash('search', { topic: 'kdbus' }, { user: ALICE });
    const early = await apiError(client.rest.post(Routes.webhook(APP, h.token), { body: { content: 'too early' }, auth: false }));
    expect([early.status, early.code]).toEqual([404, 10015]);
    fake.state.interactions.get(h.id)!.createdAt -= 3_500;
    const late = await apiError(client.rest.post(Routes.interactionCallback(h.id, h.token), { body: { type: 4, data: { content: 'late' } }, auth: false }));
    expect([late.status, late.code]).toEqual([404, 10062]);
    expect(fake.interactionResponses(h.id)?.callback).toBeUndefined();
  });

  it('resumes after op 7 and keeps delivering interactions', async () => {
    const resumed = fake.waitForEvent('resume');
    fake.reconnectGateway();
    await resumed;
    const reply = await fake.slash('ping', {}, { user: ALICE }).reply();
    expect(reply.data?.content).toBe('pong');
  });

  it('saw no unknown routes and authenticated every bot request', () => {
    expect(fake.unknownRequests).toEqual([]);
    // Only the deliberately invalid requests of the tests above, each answered 400.
    for (const r of fake.invalidRequests) expect(r.status).toBe(400);
    for (const r of fake.requests) {
      if (r.route?.startsWith('/interactions') || r.route?.startsWith('/webhooks')) expect(r.authorization).toBeNull();
      else if (r.authorization && r.authorization !== 'Bot wrong') expect(r.authorizedAsBot).toBe(true);
    }
  });
});
