import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, ALICE, BOB, MOD, GENERAL, RANDOM, LOCKED, GUILD_DE, GENERAL_DE, APP, TOKEN } from '../support/bot-harness.ts';
import { register, defineCommand, describe as describeOption } from '../../commands/command.ts';
import { encodeCustomId } from '../../src/discord/custom-ids.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

interface CallbackData {
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[];
  components?: { components: { custom_id?: string; type: number; label?: string; options?: { value: string }[] }[] }[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  choices?: { name: string; value: string }[];
}

const EPHEMERAL = 64;
const customIds = (data: CallbackData | undefined) => (data?.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? ''));

/** A promise the test resolves: slow commands wait on it instead of a timer, so no test depends on how fast a handler is. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
let slowGate = gate();

// Commands only the tests register: one that fails, two that are slow until their gate opens.
const broken = register(
  defineCommand({
    definition: { name: 'broken', ...describeOption('Always fails', 'Schlägt immer fehl') },
    usage: { en: '/broken', de: '/broken' },
    handle() {
      throw new Error('handler exploded');
    },
  }),
);
const slow = register(
  defineCommand({
    definition: { name: 'slow', ...describeOption('Takes its time', 'Lässt sich Zeit') },
    usage: { en: '/slow', de: '/slow' },
    async handle(_o, { lang }) {
      await slowGate.opened;
      return { type: 'message', lang, title: null, text: 'done slowly' };
    },
  }),
);

const slowAdmin = register(
  defineCommand({
    definition: { name: 'slowadmin', ...describeOption('A slow admin command', 'Ein langsamer Admin-Befehl'), default_member_permissions: '32' },
    usage: { en: '/slowadmin', de: '/slowadmin' },
    adminOnly: true,
    async handle(_o, { lang }) {
      await slowGate.opened;
      return { type: 'message', lang, title: null, text: 'private result', ephemeral: true };
    },
  }),
);

/** Autocomplete that reports how much of the typed value reached it. */
const measure = register(
  defineCommand({
    definition: {
      name: 'measure',
      ...describeOption('Reports the typed length', 'Meldet die getippte Länge'),
      options: [{ type: 3, name: 'text', ...describeOption('Any text', 'Beliebiger Text'), autocomplete: true, max_length: 100 }],
    },
    usage: { en: '/measure', de: '/measure' },
    handle(_o, { lang }) {
      return { type: 'message', lang, title: null, text: 'measured' };
    },
    autocomplete(_option, typed) {
      return [{ name: `${typed.length} characters`, value: 'x' }];
    },
  }),
);

let h: Harness;
/** kernel.org's MAINTAINERS, failing: the bot's fetch at start does not succeed. */
let maintainersServer: FeedServer;
beforeAll(async () => {
  maintainersServer = await startFeedServer({ kind: 'status', status: 503 });
  h = await startHarness({ extraCommands: [broken, slow, slowAdmin, measure], deferAfterMs: 1000, env: { MAINTAINERS_URL: maintainersServer.url } });
}, 30_000);
afterAll(async () => {
  await h?.stop();
  await maintainersServer?.close();
});

describe('registration', () => {
  it('registers every command and the context menu to the development guild on start', () => {
    const names = h.fake.registeredCommands().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['feature', 'ask', 'release', 'help', 'about', 'Find kernel answer']));
    const feature = h.fake.registeredCommands().find((c) => c.name === 'feature') as { description_localizations: Record<string, string> };
    expect(Object.keys(feature.description_localizations).sort()).toEqual(['de', 'en-GB', 'en-US']);
  });

  it('skips the sync after a restart when the definitions did not change', async () => {
    const before = h.fake.requestsTo('PUT', /\/commands$/).length;
    expect(before).toBe(1);
    await h.restart();
    expect(h.fake.requestsTo('PUT', /\/commands$/).length).toBe(before);
    expect(h.logs.some((l) => l.msg === 'commands unchanged, sync skipped')).toBe(true);
  });
});

describe('/feature', () => {
  it('answers publicly with a rich embed, components and no pings', async () => {
    const reply = await h.fake.slash('feature', { name: 'kdbus' }, { user: ALICE, channelId: GENERAL }).reply();
    const data = reply.data as CallbackData;
    expect(reply.type).toBe(4);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = data.embeds?.[0];
    expect(embed?.title).toBe('kdbus (D-Bus transport in the kernel)');
    expect(embed?.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Status', 'What happened since', 'Sources']));
    expect(customIds(data)).toEqual(expect.arrayContaining([encodeCustomId({ action: 'delete', ownerId: ALICE.id }), encodeCustomId({ action: 'lang', entryId: 'kdbus', lang: 'de' })]));
  });

  it('does not repeat the same answer in the same channel within a minute, but points to it', async () => {
    const again = await h.fake.slash('feature', { name: 'kdbus' }, { user: BOB, channelId: GENERAL }).reply();
    const data = again.data as CallbackData;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toMatch(/I answered this here a moment ago: https:\/\/discord\.com\/channels\//);
    const elsewhere = await h.fake.slash('feature', { name: 'kdbus' }, { user: BOB, channelId: RANDOM }).reply();
    expect(((elsewhere.data as CallbackData).flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it('hide makes the answer ephemeral; mention pings only that member', async () => {
    const hidden = await h.fake.slash('feature', { name: 'f2fs', hide: true }, { user: ALICE, channelId: GENERAL }).reply();
    expect(((hidden.data as CallbackData).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(customIds(hidden.data as CallbackData).some((id) => id.startsWith('kb1|delete'))).toBe(false);
    const aimed = await h.fake.slash('feature', { name: 'btrfs', mention: BOB.id }, { user: ALICE, channelId: GENERAL }).reply();
    const data = aimed.data as CallbackData;
    expect(data.content).toBe(`<@${BOB.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [BOB.id] });
  });

  it('answers in the lang option, else in the server locale', async () => {
    const german = await h.fake.slash('feature', { name: 'overlayfs', lang: 'de' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((german.data as CallbackData).embeds?.[0]?.fields?.map((f) => f.name)).toContain('Was seitdem geschah');
    const server = await h.fake.slash('feature', { name: 'lazytime' }, { user: ALICE, guildId: GUILD_DE, channelId: GENERAL_DE }).reply();
    expect((server.data as CallbackData).embeds?.[0]?.fields?.map((f) => f.name)).toContain('Was seitdem geschah');
  });

  it('resolves free text that was not picked from the suggestions', async () => {
    const reply = await h.fake.slash('feature', { name: 'Live-Patching' }, { user: ALICE, channelId: RANDOM }).reply();
    expect((reply.data as CallbackData).embeds?.[0]?.footer?.text).toBe('kernelbot · /feature kernel-live-patching');
  });

  it('autocompletes with at most 25 choices of at most 100 characters, best first', async () => {
    const typed = await h.fake.autocomplete('feature', { name: { value: 'kdbu', focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
    expect(typed.type).toBe(8);
    expect((typed.data as CallbackData).choices?.[0]).toEqual({ name: 'kdbus (D-Bus transport in the kernel)', value: 'kdbus' });
    const empty = await h.fake.autocomplete('feature', { name: { value: '', focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
    const choices = (empty.data as CallbackData).choices ?? [];
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    const german = await h.fake.autocomplete('feature', { name: { value: 'Echtz', focused: true } }, { user: ALICE, guildId: GUILD_DE, channelId: GENERAL_DE }).reply();
    expect((german.data as CallbackData).choices?.[0]?.value).toBe('preempt-rt');
  });

  it("clips the typed value to the option's length before any autocomplete sees it", async () => {
    const huge = await h.fake.autocomplete('measure', { text: { value: 'k'.repeat(100_000), focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
    expect((huge.data as CallbackData).choices).toEqual([{ name: '100 characters', value: 'x' }]);
    const feature = await h.fake.autocomplete('feature', { name: { value: `kdbu${'s'.repeat(100_000)}`, focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
    expect(feature.type).toBe(8);
  });
});

describe('components', () => {
  it('re-renders an answer in the other language, ephemerally', async () => {
    const answer = await h.fake.slash('feature', { name: 'kgraft' }, { user: ALICE, channelId: GENERAL }).original();
    const toggled = await h.fake.clickButton(answer, encodeCustomId({ action: 'lang', entryId: 'kgraft', lang: 'de' }), BOB).reply();
    const data = toggled.data as CallbackData;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds?.[0]?.fields?.map((f) => f.name)).toContain('Was seitdem geschah');
  });

  it('shows a related entry from the select menu', async () => {
    const answer = await h.fake.slash('feature', { name: 'kpatch' }, { user: ALICE, channelId: GENERAL }).original();
    const menu = (answer.components as unknown as CallbackData['components'])?.flatMap((r) => r.components).find((c) => c.type === 3);
    expect(menu?.options?.length).toBeGreaterThan(0);
    const picked = menu!.options![0]!.value;
    const shown = await h.fake.selectMenu(answer, menu!.custom_id!, [picked], BOB).reply();
    expect(((shown.data as CallbackData).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect((shown.data as CallbackData).embeds?.[0]?.footer?.text).toBe(`kernelbot · /feature ${picked}`);
  });

  it('lets only the asker delete a public answer', async () => {
    const answer = await h.fake.slash('feature', { name: 'dctcp' }, { user: ALICE, channelId: GENERAL }).original();
    const deleteId = encodeCustomId({ action: 'delete', ownerId: ALICE.id });
    const refused = await h.fake.clickButton(answer, deleteId, BOB).reply();
    expect((refused.data as CallbackData).content).toMatch(/Only the person who asked/);
    expect(h.fake.message(answer.id)).toBeDefined();
    await h.fake.clickButton(answer, deleteId, ALICE).reply();
    await h.fake.waitFor(() => h.fake.message(answer.id) === undefined);
  });

  it('answers a component for an entry removed since (after a restart) with a clear message', async () => {
    const answer = await h.fake.slash('feature', { name: 'ebpf' }, { user: ALICE, channelId: GENERAL }).original();
    const menu = (answer.components as unknown as CallbackData['components'])?.flatMap((r) => r.components).find((c) => c.type === 3);
    const related = menu!.options![0]!.value;
    await h.restart({ without: [related] });
    const reply = await h.fake.selectMenu(answer, menu!.custom_id!, [related], BOB).reply();
    expect((reply.data as CallbackData).embeds?.[0]?.description).toMatch(/no longer exists/);
    await h.restart();
  });
});

describe('/ask, /release, /help, /about', () => {
  it('gives the best answer and up to two others', async () => {
    const reply = await h.fake.slash('ask', { question: 'Was ist Live-Patching?' }, { user: ALICE, channelId: GENERAL }).reply();
    const embed = (reply.data as CallbackData).embeds?.[0];
    expect(embed?.footer?.text).toBe('kernelbot · /feature kernel-live-patching');
  });

  it('says "not in my knowledge" honestly, with did-you-mean buttons that work', async () => {
    const reply = await h.fake.slash('ask', { question: 'how do I install Steam' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((reply.data as CallbackData).embeds?.[0]?.title).toBe('Not in my knowledge base');
    const typo = await h.fake.slash('ask', { question: 'wayland nvidia problems', hide: true }, { user: ALICE, channelId: GENERAL }).original();
    const ids = (typo.components as unknown as CallbackData['components'])?.flatMap((r) => r.components.map((c) => c.custom_id ?? '')) ?? [];
    expect(ids.length).toBeGreaterThan(0);
  });

  it('understands questions written as sentences and declines what it cannot answer (issue examples)', async () => {
    const asked = [
      ['Was ist kdbus eigentlich und wofür braucht man das?', /^kdbus/],
      ["Hi all, I'm running Fedora and wondering whether kdbus ever made it into the mainline kernel. I read about it years ago. Thanks!", /^kdbus/],
      ["kernel 6.8 won't boot after update, black screen with nvidia", /^Not in my knowledge base$/],
    ] as const;
    for (const [question, title] of asked) {
      const reply = await h.fake.slash('ask', { question, hide: true }, { user: BOB, channelId: GENERAL }).reply();
      expect((reply.data as CallbackData).embeds?.[0]?.title).toMatch(title);
    }
  });

  it('escapes mention and markdown syntax echoed from the question', async () => {
    const reply = await h.fake.slash('ask', { question: '@everyone <@&1300000000000000030> **zzqx**' }, { user: ALICE, channelId: GENERAL }).reply();
    const data = reply.data as CallbackData;
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds?.[0]?.description).not.toContain('@everyone');
  });

  it('shows what a version brought, and points uncovered versions to kernelnewbies', async () => {
    const covered = await h.fake.slash('release', { version: '3.19' }, { user: ALICE, channelId: GENERAL }).reply();
    const embed = (covered.data as CallbackData).embeds?.[0];
    expect(embed?.title).toBe('What Linux 3.19 brought');
    expect(embed?.fields?.some((f) => f.name === 'Commits')).toBe(true);
    // 6.1 is covered since the release entries of issue 11: its headline changes arrive as embed fields.
    const newer = await h.fake.slash('release', { version: '6.1' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((newer.data as CallbackData).embeds?.[0]?.fields?.map((f) => f.name)).toContain('Memory');
    const uncovered = await h.fake.slash('release', { version: '8.0' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((uncovered.data as CallbackData).embeds?.[0]?.description).toMatch(/not covered[\s\S]*kernelnewbies\.org\/Linux_8\.0/);
    const choices = await h.fake.autocomplete('release', { version: { value: '3.1', focused: true } }, { user: ALICE, channelId: GENERAL }).reply();
    expect((choices.data as CallbackData).choices?.map((c) => c.value)).toContain('3.19');
  });

  it('answers /help and /about ephemerally or publicly as designed', async () => {
    const help = await h.fake.slash('help', {}, { user: ALICE, channelId: GENERAL }).reply();
    expect(((help.data as CallbackData).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const about = await h.fake.slash('about', {}, { user: ALICE, channelId: GENERAL }).reply();
    expect((about.data as CallbackData).embeds?.[0]?.title).toBe('kernelbot test');
  });
});

describe('/maintainers while kernel.org fails', () => {
  it('says privately, in both languages, that the file could not be fetched and when the bot tries again', async () => {
    await h.fake.waitFor(() => h.logs.some((l) => l.msg === 'MAINTAINERS refresh failed; answers use the last good copy'), 10_000);
    const requests = maintainersServer.requests.length;
    const en = (await h.fake.slash('maintainers', { 'path-or-subsystem': 'btrfs' }, { user: ALICE, channelId: GENERAL }).reply()).data as CallbackData;
    expect((en.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const enText = JSON.stringify(en);
    expect(enText).toContain('The bot could not fetch the MAINTAINERS file from kernel.org yet; it tries again after 5 minutes, then at growing intervals (at least every 4 hours).');
    expect(enText).toContain(`Last attempt: HTTP 503 Service Unavailable (${maintainersServer.url})`);
    const de = JSON.stringify((await h.fake.slash('maintainers', { 'path-or-subsystem': 'btrfs', lang: 'de' }, { user: ALICE, channelId: GENERAL }).reply()).data);
    expect(de).toContain('Der Bot konnte die MAINTAINERS-Datei noch nicht von kernel.org laden; er versucht es nach 5 Minuten erneut, danach in wachsenden Abständen (mindestens alle 4 Stunden).');
    expect(de).toContain('Letzter Versuch: der Server antwortete mit HTTP 503');
    expect(`${enText}${de}`).not.toMatch(/next \/maintainers|nächste \/maintainers/);
    // Unlike the terminal, a lookup never waits for kernel.org.
    expect(maintainersServer.requests.length).toBe(requests);
  });
});

describe('failures and slow work', () => {
  it('turns a handler error into an ephemeral message and a log line with the command', async () => {
    const reply = await h.fake.slash('broken', {}, { user: ALICE, channelId: GENERAL }).reply();
    expect(((reply.data as CallbackData).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect((reply.data as CallbackData).content).toMatch(/Something went wrong/);
    expect(h.logs.some((l) => l.msg === 'interaction failed' && l.command === '/broken')).toBe(true);
  });

  it('defers a slow admin command privately, since its private answer cannot change a public deferral', async () => {
    slowGate = gate();
    const handle = h.fake.slash('slowadmin', {}, { user: MOD, channelId: GENERAL });
    const deferred = await handle.reply();
    expect(deferred.type).toBe(5);
    expect(((deferred.data as CallbackData | undefined)?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    slowGate.open();
    const edit = (await handle.edit(0)) as { embeds?: { description?: string }[] };
    expect(edit.embeds?.[0]?.description).toBe('private result');
  });

  it('does not let a failed answer block the same answer for the next minute', async () => {
    h.fake.failNext({ method: 'POST', path: /\/interactions\/\d+\/[^/]+\/callback/, status: 400, code: 50035, message: 'Invalid Form Body' });
    const failedHandle = h.fake.slash('feature', { name: 'y2038' }, { user: ALICE, channelId: GENERAL });
    const failed = await failedHandle.reply();
    expect((failed.data as CallbackData).content).toMatch(/Something went wrong/);
    // The failure is logged with the request URL, but never with the interaction token in it.
    const logged = h.logs.filter((l) => l.msg === 'interaction failed').map((l) => JSON.stringify(l));
    expect(logged.some((l) => l.includes(`/interactions/${failedHandle.id}/[redacted]/callback`))).toBe(true);
    expect(JSON.stringify(h.logs)).not.toContain(failedHandle.token);
    const retry = await h.fake.slash('feature', { name: 'y2038' }, { user: ALICE, channelId: GENERAL }).reply();
    expect((retry.data as CallbackData).embeds?.[0]?.footer?.text).toBe('kernelbot · /feature y2038');
  });

  it('defers slow work in time and edits the answer in', async () => {
    slowGate = gate();
    const handle = h.fake.slash('slow', {}, { user: ALICE, channelId: GENERAL });
    expect((await handle.reply()).type).toBe(5);
    slowGate.open();
    const edit = (await handle.edit(0)) as { embeds?: { description?: string }[] };
    expect(edit.embeds?.[0]?.description).toBe('done slowly');
  });
});

describe('mentions and the context menu', () => {
  it('answers "@kernelbot what is kdbus?" as a reply', async () => {
    const question = h.fake.userMessage(RANDOM, `<@${APP}> what is f2fs?`, { author: ALICE, mentionsBot: true });
    const answer = await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === question.id));
    expect((answer.embeds[0] as { title?: string }).title).toMatch(/F2FS/);
  });

  it('answers a mention that asks for an exact lookup from the table, as /ask does', async () => {
    const question = h.fake.userMessage(RANDOM, `<@${APP}> what does EPROBE_DEFER mean?`, { author: ALICE, mentionsBot: true });
    const answer = await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === question.id));
    expect((answer.embeds[0] as { title?: string }).title).toBe('EPROBE_DEFER (517)');
  });

  it('answers a mention with only emoji with a prompt, not "no confident answer to 🐧"', async () => {
    const question = h.fake.userMessage(RANDOM, `<@${APP}> 🐧❓`, { author: ALICE, mentionsBot: true });
    const answer = await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === question.id));
    expect((answer.embeds[0] as { description?: string }).description).toBe('Ask me something, e.g. "@kernelbot what is kdbus?", or use /help.');
  });

  it('keeps no message in the client cache: every message of every channel would be kept otherwise', async () => {
    const question = h.fake.userMessage(RANDOM, `<@${APP}> what is kdbus?`, { author: ALICE, mentionsBot: true });
    const chatter = h.fake.userMessage(RANDOM, 'unrelated chatter', { author: BOB });
    for (const m of [question, chatter]) await h.handled('mention', m.id);
    await h.fake.waitFor(() => h.fake.messages(RANDOM).find((m) => m.message_reference?.message_id === question.id));
    const channel = h.bot.client.channels.cache.get(RANDOM);
    expect(channel?.isTextBased() && channel.messages.cache.size).toBe(0);
  });

  it('does not try to answer a mention where it may not post, and logs which permission is missing', async () => {
    const before = h.fake.messages(LOCKED).length;
    const question = h.fake.userMessage(LOCKED, `<@${APP}> what is kdbus?`, { author: ALICE, mentionsBot: true });
    await h.handled('mention', question.id);
    expect(h.fake.messages(LOCKED)).toHaveLength(before + 1);
    expect(h.logs.filter((l) => l.channelId === LOCKED && l.event === 'mention').map((l) => [l.msg, l.missing])).toEqual([
      ['cannot answer a mention in this channel: missing permissions', ['SendMessages']],
    ]);
  });

  it('ignores other bots and messages without a mention', async () => {
    const before = h.fake.messages(RANDOM).length;
    const fromBot = h.fake.userMessage(RANDOM, `<@${APP}> what is kdbus?`, { author: { id: '1500000000000000001', username: 'otherbot', bot: true }, mentionsBot: true });
    const plain = h.fake.userMessage(RANDOM, 'what is kdbus?', { author: ALICE });
    for (const m of [fromBot, plain]) await h.handled('mention', m.id);
    expect(h.fake.messages(RANDOM).length).toBe(before + 2);
  });

  it('suggests answers for a message and posts the chosen one as a reply to it', async () => {
    const target = h.fake.userMessage(GENERAL, 'Does anyone know whether btrfs RAID 5 is still experimental?', { author: BOB });
    const menu = await h.fake.messageContextMenu('Find kernel answer', target, ALICE).reply();
    const data = menu.data as CallbackData;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const post = customIds(data).find((id) => id.startsWith('kb1|post|btrfs-raid56'));
    expect(post).toBeDefined();
    const ephemeralMessage = await h.fake.messageContextMenu('Find kernel answer', target, ALICE).original();
    await h.fake.clickButton(ephemeralMessage, post!, ALICE).reply();
    const posted = await h.fake.waitFor(() => h.fake.messages(GENERAL).find((m) => m.message_reference?.message_id === target.id));
    expect((posted.embeds[0] as { footer?: { text: string } }).footer?.text).toBe('kernelbot · /feature btrfs-raid56');
  });

  it('checks its permissions before posting a chosen answer, and says which one is missing', async () => {
    const target = h.fake.userMessage(LOCKED, 'Does anyone know whether btrfs RAID 5 is still experimental?', { author: BOB });
    const menu = await h.fake.messageContextMenu('Find kernel answer', target, ALICE).reply();
    const post = customIds(menu.data as CallbackData).find((id) => id.startsWith('kb1|post|btrfs-raid56'));
    expect(post).toBeDefined();
    const ephemeralMessage = await h.fake.messageContextMenu('Find kernel answer', target, ALICE).original();
    const failuresBefore = h.logs.filter((l) => l.msg === 'interaction failed').length;
    const click = await h.fake.clickButton(ephemeralMessage, post!, ALICE).reply();
    const data = click.data as CallbackData;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toBe('I cannot post that answer in this channel (missing permission: Send Messages). Ask a moderator, or use /ask here.');
    expect(h.fake.messages(LOCKED).filter((m) => m.message_reference?.message_id === target.id)).toEqual([]);
    expect(h.logs.filter((l) => l.msg === 'interaction failed')).toHaveLength(failuresBefore);
  });

  it('looks up the embed of a message without text, and says so when a message has nothing to look up', async () => {
    const preview = h.fake.userMessage(GENERAL, '', { author: BOB, embeds: [{ type: 'rich', title: 'Btrfs RAID 5 and RAID 6: still experimental?', description: 'A status report.' }] });
    const menu = await h.fake.messageContextMenu('Find kernel answer', preview, ALICE).reply();
    expect(customIds(menu.data as CallbackData).some((id) => id.startsWith('kb1|post|btrfs-raid56'))).toBe(true);

    const picture = h.fake.userMessage(GENERAL, '', {
      author: BOB,
      attachments: [{ id: '1600000000000000001', filename: 'screenshot.png', size: 1024, url: 'https://cdn.example/screenshot.png', proxy_url: 'https://cdn.example/screenshot.png' }],
    });
    const empty = await h.fake.messageContextMenu('Find kernel answer', picture, ALICE).reply();
    const data = empty.data as CallbackData;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const noWords = 'That message has no words I can look up (only attachments, stickers, emoji, links or an empty embed). Try /ask with your question.';
    expect(data.embeds?.[0]?.description).toBe(noWords);
    expect(customIds(data)).toEqual([]);

    // Only emoji and a link: nothing to search for either, and nothing counted as a knowledge gap.
    const gapsBefore = await h.bot.store.qa.gaps(100);
    const emoji = h.fake.userMessage(GENERAL, '🐧🔥 https://lwn.net/Articles/580194/', { author: BOB });
    const none = (await h.fake.messageContextMenu('Find kernel answer', emoji, ALICE).reply()).data as CallbackData;
    expect(none.embeds?.[0]?.description).toBe(noWords);
    expect(await h.bot.store.qa.gaps(100)).toEqual(gapsBefore);
  });
});

describe('hygiene', () => {
  it('sent only requests the fake Discord knows, always authorized, and never logged the token', () => {
    expect(h.fake.unknownRequests).toEqual([]);
    expect(h.fake.invalidRequests).toEqual([]);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });
});
