import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandDeps, Invocation, OptionReader } from '../commands/command.ts';
import { COMMANDS, findCommand } from '../commands/registry.ts';
import type { Reply } from '../src/answers/reply.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { renderForumSuggestion, renderTextSuggestion } from '../src/discord/qa-render.ts';
import { renderText } from '../src/terminal/render-text.ts';
import { renderRefs } from '../src/kernel/refs/render.ts';
import { CATALOGUE, VALUE_LABELS } from '../src/i18n/index.ts';
import { PROBLEMS, type ChannelProblem, type DeliveryError, type StatusProblem } from '../src/i18n/problems.ts';
import { ANNOUNCE } from '../src/i18n/announce.ts';
import type { Language } from '../src/knowledge/schema.ts';
import { RELEASE_KINDS } from '../src/shared/release.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { AnnouncementService, type ChannelAccess } from '../src/releases/announcements.ts';
import { renderAnnouncement, renderCurrentReleasesEmbed } from '../src/discord/release-posts.ts';
import { parseFeed } from '../src/releases/parse-feed.ts';
import { QaService } from '../src/qa/service.ts';
import { RefsService, type CachedRef } from '../src/kernel/refs/service.ts';
import { MaintainersService, memoryMaintainersStore } from '../src/kernel/maintainers/service.ts';
import type { TextResponse } from '../src/shared/http.ts';
import type { FeedErrorReason } from '../src/shared/release.ts';
import { realKnowledge } from './support/knowledge.ts';
import { startInProcess } from './support/in-process.ts';
import { startFeedServer } from './support/feed-server.ts';
import { FakeSender, forbidden } from './releases/fake-sender.ts';
import { discordAnnouncements } from '../src/discord/announcement-ports.ts';
import { FEED_2025_12_01, FEED_TWO_MAINLINE } from './releases/feed-states.ts';
import { parseFeedFailure } from '../src/releases/feed-error.ts';
import { announcedEvent } from '../src/releases/events.ts';
import { SAMPLE_RELEASE } from '../src/releases/sample.ts';
import { knowledgeLookupFromEntries } from '../src/releases/knowledge-lookup.ts';

/**
 * German replies carry no English sentence: every command (and the Q&A, announcement, problem and
 * terminal texts) is rendered in German through the real handlers and renderers, and no English
 * catalogue text may appear in it. Shared words (Status, Version, Commits …) are found by comparing
 * with the German catalogue, so they need no list.
 */

const MARK = '\u0001';

/** Discord's answers the bot meets (status and Discord's own English message), one of each kind it words. */
const DISCORD_ERRORS: [number, string][] = [
  [403, 'Missing Access'],
  [403, 'Missing Permissions'],
  [403, 'Cannot execute action on this channel type'],
  [404, 'Unknown Channel'],
  [404, '404: Not Found'],
  [429, 'You are being rate limited.'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
  [0, 'fetch failed'],
  [400, 'Invalid Form Body'],
];

/** What the feed state stores for failed kernel.org fetches (the program's own English), read back as replies see it. */
const FEED_ERROR_TEXTS = [
  'timeout: no complete answer within 1500 ms',
  'http-status: HTTP 503 Service Unavailable',
  'invalid-xml: Unexpected close tag',
  'internal: Cannot read properties of undefined',
];
const STORED_FEED_ERRORS = FEED_ERROR_TEXTS.map(parseFeedFailure);

/** Arguments that reach every branch of the catalogue functions whose parameter is not free text. */
const CHANNEL_PROBLEMS: ChannelProblem[] = [
  { kind: 'not-visible' },
  { kind: 'not-text' },
  { kind: 'permissions-unknown' },
  { kind: 'missing-permissions', permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'] },
  { kind: 'missing-permissions', permissions: ['SendMessages'] },
  ...DISCORD_ERRORS.map(([status, reason]) => ({ kind: 'discord' as const, status, reason })),
  { kind: 'offline' },
];
const DELIVERY_ERRORS: DeliveryError[] = [
  ...DISCORD_ERRORS.map(([status, reason]) => ({ kind: 'discord' as const, status, reason })),
  { kind: 'send-threw', detail: 'socket hang up' },
  { kind: 'release-missing' },
  { kind: 'unsubscribed' },
  { kind: 'disabled' },
];
/** Every kind of ledger key /announce show names, read back as the status does. */
const ANNOUNCED_EVENTS = ['release:6.1.159', 'eol:6.1', 'skipped:25:6.1.150,6.1.149', 'weekly:6.1'].map(announcedEvent);
const STATUS_PROBLEMS: StatusProblem[] = [
  ...DELIVERY_ERRORS.map((reason) => ({ kind: 'stopped' as const, reason })),
  { kind: 'stopped', reason: null },
  ...DELIVERY_ERRORS.map((error) => ({ kind: 'last-failed' as const, event: ANNOUNCED_EVENTS[0]!, attempts: 4, error })),
  ...ANNOUNCED_EVENTS.map((event) => ({ kind: 'last-failed' as const, event, attempts: 4, error: null })),
  { kind: 'last-failed', event: ANNOUNCED_EVENTS[0]!, attempts: 0, error: null },
  ...DELIVERY_ERRORS.map((error) => ({ kind: 'stuck' as const, count: 2, error })),
  { kind: 'stuck', count: 2, error: null },
  { kind: 'feed-failing', failures: 3, error: null },
  ...STORED_FEED_ERRORS.map((error) => ({ kind: 'feed-failing' as const, failures: 3, error })),
];
const FEED_REASONS: FeedErrorReason[] = ['timeout', 'aborted', 'network', 'http-status', 'too-large', 'not-a-feed', 'invalid-xml', 'empty', 'no-valid-items'];
const SAMPLES: Record<string, unknown[][]> = {
  'problems.channel': CHANNEL_PROBLEMS.map((p) => [p]),
  'problems.warning': [[{ kind: 'role-not-mentionable', role: MARK }]],
  'problems.status': STATUS_PROBLEMS.map((p) => [p]),
  'problems.feed': STORED_FEED_ERRORS.map((f) => [f]),
  'announce.delivery': [['sent'], ['failed'], ['pending']],
  'announce.announced': ANNOUNCED_EVENTS.map((e) => [e]),
  'announce.ago': [[0], [5 * 60_000], [3 * 3_600_000], [5 * 86_400_000]],
  'announce.feedFailure': FEED_REASONS.map((r) => [r, 503]),
  'admin.channelKind': [['forum'], ['text']],
  'announce.languageName': [['en'], ['de']],
  'releasePosts.date': [[new Date('2025-12-05T12:00:00Z')]],
  'answers.releaseNotYet': [
    ['7.4', '7.4-rc7', new Date('2026-11-29T12:00:00Z'), true],
    ['7.5', '7.4-rc7', new Date('2026-11-29T12:00:00Z'), false],
  ],
  'releasePosts.kind': RELEASE_KINDS.map((k) => [k]),
};
/** A language switch is named in the language it switches to: "In English" belongs on a German reply. */
const SWITCH_LABELS = new Set(['discord.inLanguage']);

/** The fixed parts of a catalogue value: a string, or what a function writes around its arguments. */
function outputs(value: unknown, path: string): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const samples = SAMPLES[path] ?? [Array.from({ length: fn.length }, () => MARK)];
    return samples.map((args) => fn(...args)).filter((o): o is string => typeof o === 'string');
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => outputs(v, `${path}.${key}`));
  return [];
}

function fragmentsOf(lang: Language): Map<string, string> {
  const found = new Map<string, string>();
  const add = (path: string, text: string) => {
    for (const part of text.split(new RegExp(`${MARK}|\\d+`))) {
      // Pieces between arguments and numbers, trimmed of spaces and punctuation: two words or more,
      // or one of four letters or more ("for" or "IPC" alone says nothing about the language).
      const fragment = part.replace(/^(?:[\s.,:;!?()·–\-"“”„'`…+✅]|⚠️)+|[\s.,:;!?()·–\-"“”„'`…]+$/gu, '');
      if (/\p{L}+[\s-]+\p{L}+/u.test(fragment) || /\p{L}{4,}/u.test(fragment)) found.set(fragment, path);
    }
  };
  for (const [area, texts] of Object.entries(CATALOGUE)) {
    for (const [key, value] of Object.entries(texts[lang])) {
      const path = `${area}.${key}`;
      if (!SWITCH_LABELS.has(path)) for (const text of outputs(value, path)) add(path, text);
    }
  }
  for (const [table, labels] of Object.entries(VALUE_LABELS)) {
    for (const [key, byLang] of Object.entries(labels)) add(`${table}.${key}`, byLang[lang]);
  }
  return found;
}

const english = fragmentsOf('en');
const german = new Set(fragmentsOf('de').keys());
/** English catalogue texts that are not also German ("Status", "Tree", "Commits", kernel terms). */
/** The switch labels as a German reply shows them ("In English"): a word of theirs ("English") is no English sentence there. */
const switchLabels = [...SWITCH_LABELS].flatMap((path) => {
  const [area, key] = path.split('.') as [keyof typeof CATALOGUE, string];
  return outputs((CATALOGUE[area].en as Record<string, unknown>)[key], path);
});
const englishOnly = [...english].filter(([fragment]) => !german.has(fragment) && ![...german, ...switchLabels].some((g) => g.includes(fragment)));

function englishIn(text: string): string[] {
  return englishOnly.filter(([fragment]) => new RegExp(`(?<!\\p{L})${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text)).map(([fragment, path]) => `${path}: “${fragment}”`);
}

/** Every text a member sees in a Discord message: content, embed texts, button labels, menu placeholders and options. */
function visibleText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(visibleText);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (['custom_id', 'url', 'timestamp', 'value', 'color', 'style', 'type'].includes(key) && typeof v !== 'object' ? [] : visibleText(v)));
  }
  return [];
}

const { search } = realKnowledge();

/**
 * The knowledge base's own German texts, whole and sentence by sentence (suggestions show the first
 * one). They are content, checked by the knowledge tests, and may name English things ("Memory
 * Protection Extensions", an English article title); the check here is about what the bot says.
 */
const knowledgeTexts = search.entries
  .flatMap((e) => [e.title.de, e.summary.de, e.since.de, e.talk?.claim.de, e.correction?.de, ...e.links.map((l) => l.title), ...(e.release?.changes ?? []).map((c) => c.de)])
  .filter((t): t is string => Boolean(t))
  .flatMap((t) => [t, ...t.split(/(?<=[.!?])\s/)])
  .map((t) => t.replace(/\s+/g, ' '))
  .sort((a, b) => b.length - a.length);

/** Whitespace is compared collapsed: the terminal wraps lines where the text had one space. */
function withoutKnowledge(text: string): string {
  let rest = text.replace(/\s+/g, ' ');
  for (const known of knowledgeTexts) if (rest.includes(known)) rest = rest.split(known).join(' ¶ ');
  return rest;
}

/** Discord's own English messages must never reach a German reply: the catalogue words them. */
function discordWordsIn(text: string): string[] {
  return DISCORD_ERRORS.map(([, reason]) => reason).filter((reason) => text.includes(reason));
}

function expectGerman(label: string, texts: string[]): void {
  const text = texts.join('\n');
  expect(text.trim().length, `${label} rendered nothing`).toBeGreaterThan(0);
  expect(englishIn(withoutKnowledge(text)), `${label}:\n${text}`).toEqual([]);
}
const ADMIN_INVOCATION: Invocation = { lang: 'de', userId: '10', guildId: '20', channelId: '30', canManageGuild: true, guildLocale: 'de', userLocale: 'de' };
const OPEN = '111111111111111111';
const LOCKED = '222222222222222222';
const FORUM = '333333333333333333';
const NOW = new Date('2026-12-02T09:00:00Z');

let store: Store;
let deps: CommandDeps;
let sender: FakeSender;

beforeAll(async () => {
  store = await openStore({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'kernelbot-german-')), 'k.db') });
  const clock = { now: () => NOW };
  const access: ChannelAccess = {
    check: async (channelId, needs) => {
      if (channelId === LOCKED) return { ok: false, problem: { kind: 'missing-permissions', permissions: ['SendMessages', 'EmbedLinks'] } };
      return needs.roleId ? { ok: true, warning: { kind: 'role-not-mentionable', role: 'mods' } } : { ok: true };
    },
  };
  sender = new FakeSender().fail(OPEN, forbidden);
  const announcements = new AnnouncementService({ store, sender: discordAnnouncements(sender), access, clock, nextFetchAt: () => new Date(NOW.getTime() + 15 * 60_000) });
  const maintainersText = readFileSync(new URL('./fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
  const maintainers = new MaintainersService({
    store: { load: async () => ({ url: 'x', text: maintainersText, etag: null, lastModified: null, fetchedAt: NOW }), save: async () => undefined, noteCheck: async () => undefined },
  });
  await maintainers.load();
  const cache = new Map<string, CachedRef>();
  const refChannels = new Set<string>();
  const refs = new RefsService({
    gitUrl: 'http://127.0.0.1:9/linux.git',
    cache: { get: async (k) => cache.get(k) ?? null, put: async (k, v) => void cache.set(k, v) },
    channels: {
      isEnabled: async (id) => refChannels.has(id),
      enable: async ({ channelId }) => void refChannels.add(channelId),
      disable: async (id) => refChannels.delete(id),
      channelsOf: async () => [...refChannels],
    },
    access,
  });
  const qa = new QaService({ store, search, clock });
  deps = { search, commands: COMMANDS, botVersion: '9.9.9', now: () => NOW, services: { announcements, kernelReleases: announcements, maintainers, refs, qa } };
});
afterAll(() => store.close());

function options(values: Record<string, string>, subcommand: string | null = null, channelType: number | null = null): OptionReader {
  return {
    subcommand: () => subcommand,
    string: (n) => values[n] ?? null,
    boolean: () => null,
    id: (n) => values[n] ?? null,
    channelType: () => channelType,
  };
}

async function run(name: string, values: Record<string, string> = {}, subcommand: string | null = null, invocation: Partial<Invocation> = {}, commandDeps = deps): Promise<Reply> {
  return findCommand(name)!.handle(options(values, subcommand, values.channel === FORUM ? 15 : 0), { ...ADMIN_INVOCATION, ...invocation }, commandDeps);
}

/** A reply in both renderings: the Discord message and the terminal text. */
function rendered(reply: Reply): string[] {
  expect(reply.lang).toBe('de');
  const discord = renderDiscord(reply, { ownerId: '10' });
  return [...visibleText(discord.embeds), ...visibleText(discord.components), renderText(reply)];
}

describe('the English catalogue check', () => {
  it('knows the English texts and finds one in a reply', () => {
    expect(englishOnly.length).toBeGreaterThan(150);
    expect(englishIn('Auf „x“ habe ich keine verlässliche Antwort.')).toEqual([]);
    expect(englishIn('Stand: I have no confident answer to “x”.')).toEqual(['answers.notFound: “I have no confident answer to”']);
    expect(englishIn('Letzter Abruf: 17 min ago')).toEqual(['announce.ago: “min ago”']);
  });
});

describe('German replies contain no English sentence', () => {
  it("/maintainers before the file could be fetched words the failure in German, without the log's English", async () => {
    const failures: [TextResponse, RegExp][] = [
      [{ status: 'error', reason: 'network', message: 'request failed: ENOTFOUND' }, /Netzwerkfehler/],
      [{ status: 'error', reason: 'http-status', httpStatus: 503, message: 'HTTP 503 Service Unavailable' }, /HTTP 503/],
      [{ status: 'error', reason: 'timeout', message: 'no complete answer within 30000 ms' }, /keine Antwort in der vorgesehenen Zeit/],
      [{ status: 'ok', body: '<html>Moved</html>', etag: null, lastModified: null }, /keine MAINTAINERS-Datei/],
    ];
    for (const [response, german] of failures) {
      const failing = new MaintainersService({ url: 'http://127.0.0.1:9/MAINTAINERS', store: memoryMaintainersStore(), fetchText: async () => response });
      await failing.refresh();
      const english = await findCommand('maintainers')!.handle(
        options({ 'path-or-subsystem': 'fs/btrfs/' }),
        { ...ADMIN_INVOCATION, lang: 'en' },
        { ...deps, services: { ...deps.services, maintainers: failing } },
      );
      const reply = await run('maintainers', { 'path-or-subsystem': 'fs/btrfs/' }, null, {}, { ...deps, services: { ...deps.services, maintainers: failing } });
      const text = rendered(reply).join('\n');
      expectGerman('/maintainers missing', [text]);
      expect(text).toMatch(german);
      expect(text).not.toContain('127.0.0.1');
      // English keeps the log's wording, URL included (what an admin greps the logs for).
      expect(renderText(english)).toContain('http://127.0.0.1:9/MAINTAINERS');
    }
  });

  it.each([
    ['/feature kdbus', 'feature', { name: 'kdbus' }],
    ['/feature not found', 'feature', { name: 'qwertzuiop' }],
    ['/ask found', 'ask', { question: 'Was ist Live-Patching?' }],
    ['/ask a version', 'ask', { question: 'Was brachte Linux 4.0 für Dateisysteme?' }],
    ['/ask not found', 'ask', { question: 'Wie installiere ich Steam?' }],
    ['/ask who maintains', 'ask', { question: 'Wer betreut btrfs?' }],
    ['/release 4.0', 'release', { version: '4.0' }],
    ['/release 4.0.1', 'release', { version: '4.0.1' }],
    ['/release 99.1', 'release', { version: '99.1' }],
    ['/release invalid', 'release', { version: 'banana' }],
    ['/maintainers path', 'maintainers', { 'path-or-subsystem': 'fs/btrfs/inode.c' }],
    ['/maintainers name', 'maintainers', { 'path-or-subsystem': 'btrfs' }],
    ['/maintainers nothing', 'maintainers', { 'path-or-subsystem': 'zzzz/nothing' }],
    ['/syscall openat', 'syscall', { 'name-or-number': 'openat' }],
    ['/syscall not found', 'syscall', { 'name-or-number': '9999' }],
    ['/errno EBUSY', 'errno', { 'name-or-number': 'EBUSY' }],
    ['/errno EPROBE_DEFER', 'errno', { 'name-or-number': 'EPROBE_DEFER' }],
    ['/errno not found', 'errno', { 'name-or-number': 'EBANANA' }],
    ['/help', 'help', {}],
    ['/about', 'about', {}],
  ] as const)('%s', async (label, name, values) => {
    expectGerman(label, rendered(await run(name, values)));
  });

  it('/kernel before the first fetch, after it, and after a failed fetch', async () => {
    expectGerman('/kernel without data', rendered(await run('kernel')));
    const { releases } = await parseFeed(FEED_2025_12_01());
    await store.feedState.recordFetched({ url: 'x', etag: null, lastModified: null, releases, at: new Date(NOW.getTime() - 20 * 60_000) });
    const fresh = await run('kernel');
    expect(renderText(fresh)).toMatch(/abgerufen vor 20 Min\./);
    expectGerman('/kernel', rendered(fresh));
    await store.feedState.recordFailure('timeout: no complete answer within 1500 ms', NOW);
    const failed = await run('kernel');
    expect(renderText(failed)).toMatch(/Letzter Abruf fehlgeschlagen: keine Antwort in der vorgesehenen Zeit/);
    expect(renderText(failed)).not.toMatch(/no complete answer/);
    expectGerman('/kernel after a failure', rendered(failed));
  });

  it('/announce set, show, test and off, with every refusal and problem', async () => {
    const texts: string[] = [];
    const say = async (label: string, reply: Promise<Reply>) => texts.push(`[${label}]`, ...rendered(await reply));
    await say('set in English', run('announce', { channel: OPEN, language: 'en' }, 'set'));
    expect((await store.subscriptions.get(OPEN))?.lang).toBe('en');
    await say('set', run('announce', { channel: OPEN, role: '444444444444444444' }, 'set'));
    expect((await store.subscriptions.get(OPEN))?.lang).toBe('de');
    await say('set locked', run('announce', { channel: LOCKED }, 'set'));
    await say('set bad types', run('announce', { channel: OPEN, types: 'mainline,weekly' }, 'set'));
    await say('test failing', run('announce', { channel: OPEN }, 'test'));
    await say('test ok', run('announce', { channel: OPEN }, 'test'));
    await say('test locked', run('announce', { channel: LOCKED }, 'test'));
    // What the deliverer records when Discord refuses (its own English words), shown by /announce show.
    await store.releases.upsert(SAMPLE_RELEASE, NOW);
    const earlier = new Date(NOW.getTime() - 2 * 3_600_000);
    await store.deliveries.enqueue({ channelId: OPEN, eventKey: 'release:6.18', version: '6.18' }, earlier);
    await store.deliveries.enqueue({ channelId: OPEN, eventKey: 'eol:6.18', version: '6.18' }, earlier);
    const [stuck, failed] = await store.deliveries.forChannel(OPEN);
    await store.deliveries.recordAttempt([stuck!.id], '500 Internal Server Error', earlier);
    await store.deliveries.recordAttempt([failed!.id], '404 Unknown Channel', NOW);
    await store.deliveries.markFailed([failed!.id], '404 Unknown Channel', NOW);
    await store.subscriptions.disable(OPEN, '403 Missing Access', NOW);
    await store.feedState.recordFailure('http-status: HTTP 503 Service Unavailable', NOW);
    await say('show', run('announce', {}, 'show'));
    await say('off', run('announce', { channel: OPEN }, 'off'));
    await say('off again', run('announce', {}, 'off'));
    await say('show none', run('announce', {}, 'show'));
    await say('no subcommand', run('announce', {}, null));
    const joined = texts.join('\n');
    expect(joined).toMatch(/fehlende Berechtigungen: Nachrichten senden, Links einbetten/);
    expect(joined).toMatch(/Das Posten ist gestoppt: ich habe keinen Zugriff auf den Kanal \(Discord-Fehler 403\)/);
    expect(joined).toMatch(/ist nach 1 Versuch\(en\) fehlgeschlagen: den Kanal gibt es nicht mehr \(Discord-Fehler 404\)/);
    expect(joined).toMatch(/1 Ankündigung\(en\) warten seit über einer Stunde: Discord hatte einen Serverfehler \(Discord-Fehler 500\)/);
    expect(joined).toMatch(/Das Beispiel ließ sich in <#\d+> nicht posten: ich habe keinen Zugriff auf den Kanal \(Discord-Fehler 403\)/);
    expect(joined).toMatch(/Sprache: Deutsch/);
    expect(joined).toContain('Letzte Zustellung: Linux 6.18 (gerade eben fehlgeschlagen) · 1 ausstehend');
    expect(joined).toMatch(/kernel\.org-Feed: \d Abruf\(e\) in Folge fehlgeschlagen: der Server antwortete mit HTTP 503/);
    expect(joined).not.toMatch(/Service Unavailable/);
    expect(discordWordsIn(joined)).toEqual([]);
    expectGerman('/announce', texts);
  });

  it('release posts: a release, a digest, end of life and the sample', async () => {
    const { releases } = await parseFeed(FEED_TWO_MAINLINE());
    const lookup = knowledgeLookupFromEntries([...search.entries]);
    const byVersion = (v: string) => releases.find((r) => r.version === v)!;
    const eol = { ...byVersion('6.17.12'), eol: true };
    const posts = [
      renderAnnouncement({ items: [{ type: 'release', release: byVersion('6.18'), knowledge: lookup.forVersion('6.18') }], roleId: '444444444444444444', lang: 'de', nonce: 'kb1' }),
      renderAnnouncement({ items: [{ type: 'release', release: { ...byVersion('6.18'), version: '3.13' }, knowledge: lookup.forVersion('3.13') }], roleId: null, lang: 'de' }),
      renderAnnouncement({
        items: releases.map((release) => ({ type: 'release' as const, release, knowledge: lookup.forVersion(release.version) })),
        roleId: null,
        lang: 'de',
      }),
      renderAnnouncement({ items: [{ type: 'release', release: eol }], roleId: null, lang: 'de' }),
      renderAnnouncement({ items: [{ type: 'eol', series: '6.17', release: eol }], roleId: null, lang: 'de' }),
      ...sender.posts.map((p) => p.body), // the sample /announce test posted above, in the server's language
    ];
    expect(posts.at(-1)?.content).toMatch(/^🧪 Testbeitrag/);
    expectGerman('release posts', posts.map((p) => visibleText({ content: p.content, embeds: p.embeds })).flat());
  });

  it('/qa, /refs and /kb', async () => {
    const texts: string[] = [];
    const say = async (reply: Promise<Reply>) => texts.push(...rendered(await reply));
    await say(run('qa', {}, 'show'));
    await say(run('qa', { channel: FORUM }, 'add'));
    await say(run('qa', { channel: OPEN }, 'add'));
    await say(run('qa', {}, 'show'));
    await say(run('qa', { channel: OPEN }, 'remove'));
    await say(run('qa', { channel: OPEN }, 'remove'));
    await say(run('refs', { channel: LOCKED }, 'on'));
    await say(run('refs', { channel: OPEN }, 'on'));
    await say(run('qa', {}, 'show'));
    await say(run('refs', { channel: OPEN }, 'off'));
    await say(run('refs', { channel: OPEN }, 'off'));
    await say(run('kb', {}, 'gaps'));
    await say(run('kb', {}, 'hits'));
    const qa = deps.services!.qa!;
    await qa.recordOutcome('Wie installiere ich Steam?', search.search('Wie installiere ich Steam?'), 'de');
    await qa.recordHit('kdbus');
    await say(run('kb', {}, 'gaps'));
    await say(run('kb', {}, 'hits'));
    expectGerman('/qa, /refs, /kb', texts);
  });

  it('the refusals of admin commands', async () => {
    const texts: string[] = [];
    for (const name of ['announce', 'qa', 'refs', 'kb']) {
      texts.push(...rendered(await run(name, {}, 'show', { guildId: null })));
      texts.push(...rendered(await run(name, {}, 'show', { canManageGuild: false })));
      texts.push(...rendered(await run(name, {}, 'show', {}, { ...deps, services: {} })));
    }
    texts.push(...rendered(await run('kernel', {}, null, {}, { ...deps, services: {} })));
    texts.push(...rendered(await run('maintainers', { 'path-or-subsystem': 'btrfs' }, null, {}, { ...deps, services: { maintainers: new MaintainersService({ store: memoryMaintainersStore() }) } })));
    expectGerman('refusals', texts);
  });

  it('Q&A suggestions, reference replies, the /kernel embed and every problem', () => {
    const hits = search.search('Was ist kdbus?').hits.slice(0, 3);
    const texts = [
      ...visibleText(renderForumSuggestion(hits, 'de', '10')),
      ...visibleText(renderTextSuggestion(hits[0]!, 'de', '10')),
      renderRefs(
        [
          { kind: 'commit', id: 'a'.repeat(40), subject: 'btrfs: fix', author: 'Jane Dev', date: '2024-05-02', tags: ['v6.9'], url: 'https://git.kernel.org/x' },
          { kind: 'cve', id: 'CVE-2024-26581', subject: 'netfilter: fix', date: '2024-02-20', fixedIn: ['6.7.5', '6.8'], url: 'https://lore.kernel.org/x' },
        ],
        'de',
      ),
      ...visibleText(renderCurrentReleasesEmbed(null, 'de')),
      ...CHANNEL_PROBLEMS.map((p) => PROBLEMS.de.channel(p)),
      ...STATUS_PROBLEMS.map((p) => PROBLEMS.de.status(p)),
      PROBLEMS.de.warning({ kind: 'role-not-mentionable', role: 'mods' }),
      ...FEED_REASONS.map((r) => ANNOUNCE.de.feedFailure(r, 503)),
      ...[0, 5 * 60_000, 3 * 3_600_000, 5 * 86_400_000].map((ms) => ANNOUNCE.de.ago(ms)),
    ];
    expectGerman('suggestions, refs, problems', texts);
  });

  it('the terminal: banner, help, answers, /kernel from the feed and its failure', async () => {
    const feed = await startFeedServer({ kind: 'status', status: 503 });
    try {
      const input = ['/help', '/kernel', '/feature kdbus', '/release 3.19', '/nonsense', '', '/syscall', 'Wie installiere ich Steam?'].join('\n');
      const { code, stdout } = await startInProcess({ input, env: { LANG: 'de_DE.UTF-8', KERNEL_FEED_URL: feed.url } });
      expect(code).toBe(0);
      expect(stdout).toMatch(/Terminal-Modus/);
      expect(stdout).toMatch(/HTTP 503/);
      expectGerman('terminal', [stdout]);
    } finally {
      await feed.close();
    }
  });
});
