import { describe, expect, it } from 'vitest';
import type { Invocation, OptionReader, CommandDeps } from '../commands/command.ts';
import { COMMANDS, findCommand } from '../commands/registry.ts';
import { realKnowledge, entryData } from './support/knowledge.ts';
import { KnowledgeSearch } from '../src/search/index.ts';
import { compareVersions } from '../src/shared/kernel-version.ts';
import { entrySchema } from '../src/knowledge/schema.ts';
import { releaseReply, type Reply } from '../src/answers/reply.ts';
import { renderText } from '../src/terminal/render-text.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { ASK_MAX_LENGTH } from '../commands/ask.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.ts';
import { AnnouncementService } from '../src/releases/announcements.ts';
import { discordAnnouncements } from '../src/discord/announcement-ports.ts';
import { FakeSender } from './releases/fake-sender.ts';
import { SAMPLE_RELEASE } from '../src/releases/sample.ts';

const { search } = realKnowledge();
/** The newest release with a release entry in the base. */
const newestCovered = () =>
  search.versions
    .filter((v) => search.releaseEntry(v) && /^\d+\.\d+$/.test(v))
    .sort(compareVersions)
    .at(-1)!;
const deps: CommandDeps = { search, commands: COMMANDS, botVersion: '9.9.9', now: () => new Date('2026-11-28T12:00:00Z') };

function run(name: string, values: Record<string, string>, lang: 'en' | 'de' = 'en'): Promise<Reply> {
  const command = findCommand(name);
  if (!command) throw new Error(`no command ${name}`);
  const options: OptionReader = { subcommand: () => null, string: (n) => values[n] ?? null, boolean: () => null, id: () => null, channelType: () => null };
  const invocation: Invocation = { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: false };
  return Promise.resolve(command.handle(options, invocation, deps));
}

describe('/feature', () => {
  it('answers an id with the full entry model', async () => {
    const reply = await run('feature', { name: 'kdbus' });
    expect(reply.type).toBe('entry');
    if (reply.type !== 'entry') return;
    expect(reply.entry.id).toBe('kdbus');
    expect(reply.entry.statusLine).toMatch(/never merged/);
    expect(reply.entry.talk?.claim).toMatch(/4\.1/);
    expect(reply.entry.since.length).toBeGreaterThan(50);
    expect(reply.entry.links.length).toBeGreaterThan(0);
    expect(reply.entry.related.length).toBeGreaterThan(0);
  });

  it('answers in German when asked', async () => {
    const reply = await run('feature', { name: 'kdbus' }, 'de');
    expect(reply.type === 'entry' && reply.entry.statusLine).toMatch(/nie aufgenommen/);
  });

  it('resolves free text and a choice display name that were not picked from the list', async () => {
    const byTitle = await run('feature', { name: search.get('kernel-live-patching')!.title.en });
    expect(byTitle.type === 'entry' && byTitle.entry.id).toBe('kernel-live-patching');
    const byAlias = await run('feature', { name: 'klp' });
    expect(byAlias.type === 'entry' && byAlias.entry.id).toBe('kernel-live-patching');
  });

  it.each([['mention and markdown syntax', '@everyone <@&123456789012345678> **bold** `code`']])('declines %s input with a not-found reply instead of failing', async (_label, name) => {
    const reply = await run('feature', { name });
    expect(reply.type).toBe('not-found');
  });

  it.each([
    ['empty', ''],
    ['punctuation only', '!?.,;:'.repeat(34).slice(0, 200)],
    ['emoji and a mention', '<@123456789012345678> 🐧🐧'],
  ])('asks for words when %s input has nothing to search for', async (_label, name) => {
    const reply = await run('feature', { name });
    expect(reply).toMatchObject({ type: 'message', ephemeral: true, text: expect.stringMatching(/^There is nothing in that to search for/) });
  });
});

describe('/ask', () => {
  it('gives the best answer plus at most two others', async () => {
    const reply = await run('ask', { question: 'Was ist Live-Patching?' }, 'de');
    expect(reply.type).toBe('entry');
    if (reply.type !== 'entry') return;
    expect(reply.entry.id).toBe('kernel-live-patching');
    expect(reply.also.length).toBeLessThanOrEqual(2);
  });

  it('says honestly when it does not know, with did-you-mean suggestions when there are some', async () => {
    const reply = await run('ask', { question: 'how do I install Steam' });
    expect(reply.type).toBe('not-found');
    // A typo either still finds overlayfs or offers it as the suggestion; nothing else passes.
    const typo = await run('ask', { question: 'ovrlayfz layers' });
    const offered = typo.type === 'entry' ? [typo.entry.id] : typo.type === 'not-found' ? typo.suggestions.map((s) => s.id) : [];
    expect(offered).toContain('overlayfs');
  });

  it('answers version questions with the version overview', async () => {
    const reply = await run('ask', { question: "what's new in 4.0?" });
    expect(reply.type).toBe('release');
    if (reply.type !== 'release') return;
    expect(reply.release.version).toBe('4.0');
    expect(reply.release.groups.flatMap((g) => g.entries.map((e) => e.id))).toContain('kernel-live-patching');
  });

  it('cuts questions to 200 characters', async () => {
    expect(ASK_MAX_LENGTH).toBe(200); // the option's max_length: Discord sends no more
    const reply = await run('ask', { question: `zzqx ${'x'.repeat(500)}` });
    expect(reply).toMatchObject({ type: 'not-found', query: `zzqx ${'x'.repeat(195)}` });
  });

  it.each(['', '?'.repeat(200), '@here <@1> ||spoiler|| # heading'])('never throws on %j', async (question) => {
    await expect(run('ask', { question })).resolves.toHaveProperty('type');
  });
});

describe('/release', () => {
  it('groups a covered version by area with its statistics', async () => {
    const reply = await run('release', { version: '3.19' });
    expect(reply.type).toBe('release');
    if (reply.type !== 'release') return;
    expect(reply.release.known).toBe(true);
    expect(reply.release.groups.length).toBeGreaterThan(1);
    expect(reply.release.facts.map((f) => f.label)).toContain('Commits');
    expect(reply.release.kernelnewbiesUrl).toBe('https://kernelnewbies.org/Linux_3.19');
  });

  it.each(['Linux 4.0', 'v4.0', 'linux-4.0', '4.0.1', '4.0-rc3'])('accepts the spelling %s', async (version) => {
    const reply = await run('release', { version });
    expect(reply.type === 'release' && reply.release.version).toBe('4.0');
  });

  it('says which release it answers for when asked about a stable update or a release candidate', async () => {
    const stable = await run('release', { version: '4.0.1' });
    expect(stable.type === 'release' && stable.release.version).toBe('4.0');
    expect(stable.type === 'release' && stable.release.note).toBe('4.0.1 is a stable update of 4.0: this is what 4.0 brought.');
    expect(renderText(stable)).toContain('4.0.1 is a stable update of 4.0');
    expect(renderDiscord(stable).embeds[0]!.description).toContain('4.0.1 is a stable update of 4.0');
    const rc = await run('release', { version: '4.0-rc3' }, 'de');
    expect(rc.type === 'release' && rc.release.note).toBe('4.0-rc3 ist ein Release Candidate von 4.0: Das hier brachte 4.0.');
    const plain = await run('release', { version: 'Linux 4.0' });
    expect(plain.type === 'release' && plain.release.note).toBeNull();
    // "4.0.0" is 4.0 itself, not a stable update; a stable branch name answers for its release.
    const zero = await run('release', { version: '4.0.0' });
    expect(zero.type === 'release' && [zero.release.version, zero.release.note]).toEqual(['4.0', null]);
    const branch = await run('release', { version: 'linux-4.0.y' });
    expect(branch.type === 'release' && branch.release.version).toBe('4.0');
    const old = await run('release', { version: '2.6.32.y' });
    expect(old.type === 'release' && old.release.version).toBe('2.6.32');
  });

  it('answers 2.6 releases by their three-part version and links the right kernelnewbies page', async () => {
    const reply = await run('release', { version: '2.6.39' });
    expect(reply.type === 'release' && reply.release.version).toBe('2.6.39');
    expect(reply.type === 'release' && reply.release.note).toBeNull();
    expect(reply.type === 'release' && reply.release.kernelnewbiesUrl).toBe('https://kernelnewbies.org/Linux_2_6_39');
    const stable = await run('release', { version: '2.6.39.4' });
    expect(stable.type === 'release' && stable.release.version).toBe('2.6.39');
    expect(stable.type === 'release' && stable.release.note).toBe('2.6.39.4 is a stable update of 2.6.39: this is what 2.6.39 brought.');
  });

  it('says when a valid version is not covered and links kernelnewbies', async () => {
    // A small base whose only entry landed in 9.8, a version without a release entry: the entry is still listed.
    const small = new KnowledgeSearch([entrySchema.parse(entryData('nine-eight-feature', { version: '9.8' }))]);
    const reply = releaseReply('9.8', small, 'en');
    expect(reply.type === 'release' && reply.release.known).toBe(false);
    expect(reply.type === 'release' && reply.release.groups.flatMap((g) => g.entries.map((e) => e.id))).toContain('nine-eight-feature');
    expect(reply.type === 'release' && reply.release.kernelnewbiesUrl).toBe('https://kernelnewbies.org/Linux_9.8');
    // The version after the newest the base covers may be out already: linked, not refused.
    const [major, minor] = newestCovered().split('.').map(Number);
    const unknown = await run('release', { version: `${major}.${minor! + 1}` });
    expect(unknown.type === 'release' && unknown.release.known).toBe(false);
    expect(unknown.type === 'release' && unknown.release.groups).toEqual([]);
  });

  it('says a version past the end of its series, or far beyond the newest, is no release, without a link', async () => {
    const newest = newestCovered();
    const ended = await run('release', { version: '5.25' });
    expect(ended).toEqual({ type: 'message', lang: 'en', title: null, text: 'There is no Linux 5.25: the 5.x series ended with 5.19.', ephemeral: true });
    expect(await run('release', { version: '4.21.3' }, 'de')).toMatchObject({ text: 'Linux 4.21 gibt es nicht: Die Reihe 4.x endete mit 4.20.' });
    expect(await run('release', { version: '99.99' })).toMatchObject({ type: 'message', text: `Linux 99.99 has not been released; the newest release I know is ${newest}.` });
    expect(renderText(await run('release', { version: '99.99' }))).not.toContain('kernelnewbies');
    const nextMajor = await run('release', { version: `${Number(newest.split('.')[0]) + 1}.0` });
    expect(nextMajor.type === 'release' && nextMajor.release.kernelnewbiesUrl).toMatch(/^https:\/\/kernelnewbies\.org\/Linux_\d+\.0$/);
  });

  it('covers 6.12 with its release entry and lists PREEMPT_RT, merged in 6.12', async () => {
    const reply = await run('release', { version: '6.12' });
    expect(reply.type === 'release' && reply.release.known).toBe(true);
    expect(reply.type === 'release' && reply.release.groups.flatMap((g) => g.entries.map((e) => e.id))).toContain('preempt-rt');
    expect(reply.type === 'release' && reply.release.changes.length).toBeGreaterThan(0);
  });

  it('rejects something that is not a version', async () => {
    const reply = await run('release', { version: 'banana' });
    expect(reply).toMatchObject({ type: 'message', ephemeral: true });
  });

  it('autocompletes known versions, newest first', () => {
    const choices = findCommand('release')!.autocomplete!('version', '3.1', { lang: 'en', userId: null, guildId: null, channelId: null, canManageGuild: false }, deps);
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['3.19', '3.18', '3.15']));
    expect(choices[0]?.value).toBe('3.19');
  });
});

describe('/help and /about', () => {
  it('lists every public command', async () => {
    const reply = await run('help', {});
    for (const command of COMMANDS.filter((c) => !c.adminOnly)) expect(reply.type === 'message' && reply.text).toContain(`/${command.definition.name}`);
  });

  it('tells sources, size and version', async () => {
    const reply = await run('about', {});
    expect(reply.type === 'message' && reply.title).toBe('kernelbot 9.9.9');
    expect(reply.type === 'message' && reply.fields?.[0]?.value).toBe(String(search.size));
  });
});

describe('admin commands', () => {
  const invoke = (name: string, invocation: Partial<Invocation>, sub = 'show') => {
    const command = findCommand(name)!;
    const options: OptionReader = { subcommand: () => sub, string: () => null, boolean: () => null, id: () => null, channelType: () => null };
    return Promise.resolve(command.handle(options, { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: false, ...invocation }, deps));
  };

  it.each(['announce', 'qa', 'kb'])('/%s refuses members without Manage Server at runtime too', async (name) => {
    expect(await invoke(name, {})).toMatchObject({ type: 'message', ephemeral: true, text: 'You need the Manage Server permission for this.' });
    expect(await invoke(name, { guildId: null, canManageGuild: true })).toMatchObject({ text: 'This only works in a server.' });
  });

  it.each(['announce', 'qa', 'kb', 'kernel'])('/%s says clearly when it runs without the database', async (name) => {
    expect(await invoke(name, { canManageGuild: true })).toMatchObject({ type: 'message', text: 'This needs the running bot with its database.' });
  });

  it('are hidden from /help for members without Manage Server', async () => {
    const reply = await run('help', {});
    expect(reply.type === 'message' && reply.text).not.toMatch(/\/announce|\/qa|\/kb/);
  });
});

describe('/announce set language', () => {
  it('defaults to the server locale, else the member locale, else English; the option wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-announce-lang-'));
    const store = await openStore({ DATABASE_PATH: join(dir, 'k.db') });
    try {
      const clock = { now: () => new Date('2026-11-28T12:00:00Z') };
      const announcements = new AnnouncementService({ store, sender: discordAnnouncements(new FakeSender()), access: { check: async () => ({ ok: true }) }, clock });
      const withService: CommandDeps = { ...deps, services: { announcements } };
      const set = async (channel: string, locales: Partial<Invocation>, language?: string) => {
        const values: Record<string, string> = { channel, ...(language ? { language } : {}) };
        const options: OptionReader = { subcommand: () => 'set', string: (n) => values[n] ?? null, boolean: () => null, id: (n) => values[n] ?? null, channelType: () => 0 };
        await findCommand('announce')!.handle(options, { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: true, ...locales }, withService);
        return (await store.subscriptions.get(channel))?.lang;
      };
      expect(await set('101', { guildLocale: 'de', userLocale: 'en-US' })).toBe('de');
      expect(await set('102', { guildLocale: 'en-US', userLocale: 'de' })).toBe('en');
      expect(await set('103', { guildLocale: null, userLocale: 'de' })).toBe('de');
      expect(await set('104', { guildLocale: null, userLocale: 'fr' })).toBe('en');
      expect(await set('105', {})).toBe('en');
      expect(await set('106', { guildLocale: 'de' }, 'en')).toBe('en');
      expect(await set('106', { guildLocale: 'en-GB' }, 'de')).toBe('de');
      // Set again without the option: the default applies again.
      expect(await set('106', { guildLocale: 'en-GB' })).toBe('en');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/announce set role', () => {
  it('refuses the @everyone role (it has the server id) and stores nothing, in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-announce-role-'));
    const store = await openStore({ DATABASE_PATH: join(dir, 'k.db') });
    try {
      const announcements = new AnnouncementService({
        store,
        sender: discordAnnouncements(new FakeSender()),
        access: { check: async () => ({ ok: true }) },
        clock: { now: () => new Date('2026-11-28T12:00:00Z') },
      });
      const withService: CommandDeps = { ...deps, services: { announcements } };
      const set = (role: string, lang: 'en' | 'de') => {
        const values: Record<string, string> = { channel: '101', role };
        const options: OptionReader = { subcommand: () => 'set', string: (n) => values[n] ?? null, boolean: () => null, id: (n) => values[n] ?? null, channelType: () => 0 };
        return findCommand('announce')!.handle(options, { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: true }, withService);
      };
      expect(renderText(await set('2', 'en'))).toBe(
        'The @everyone role cannot be the announcement role: I never ping @everyone (the post would only show “@@everyone”). Choose a role members can opt into, or leave role empty.',
      );
      expect(renderText(await set('2', 'de'))).toMatch(/^Die Rolle @everyone kann nicht die Ankündigungsrolle sein/);
      expect(await store.subscriptions.get('101')).toBeUndefined();
      await set('7', 'en');
      expect(await store.subscriptions.get('101')).toMatchObject({ roleId: '7' });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/announce show', () => {
  it('names the last delivery in words and its age, in English and German', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-announce-show-'));
    const store = await openStore({ DATABASE_PATH: join(dir, 'k.db') });
    try {
      const now = new Date('2026-11-28T12:00:00Z');
      const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
      const announcements = new AnnouncementService({ store, sender: discordAnnouncements(new FakeSender()), access: { check: async () => ({ ok: true }) }, clock: { now: () => now } });
      const withService: CommandDeps = { ...deps, services: { announcements } };
      const show = async (lang: 'en' | 'de') => {
        const options: OptionReader = { subcommand: () => 'show', string: () => null, boolean: () => null, id: () => null, channelType: () => null };
        const reply = await findCommand('announce')!.handle(options, { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: true }, withService);
        const field = reply.type === 'message' ? reply.fields?.find((f) => f.name === '#101')?.value : undefined;
        return field?.split('\n').filter((line) => /^(Last delivery|Letzte Zustellung)|^⚠️ The last|^⚠️ Die letzte/.test(line));
      };
      await store.subscriptions.upsert({ guildId: '2', channelId: '101', types: ['stable'], roleId: null, lang: 'en', createdBy: '1' }, minutesAgo(60));
      for (const version of ['6.1.150', '6.1.159']) await store.releases.upsert({ ...SAMPLE_RELEASE, version }, minutesAgo(60));
      // The note on a flooded poll's left-out versions, sent 5 minutes ago: its key is "skipped:<count>:<newest>,…".
      await store.deliveries.enqueue({ channelId: '101', eventKey: 'skipped:25:6.1.150,6.1.149', version: '6.1.150' }, minutesAgo(6));
      const [note] = await store.deliveries.forChannel('101');
      await store.deliveries.markSent([note!.id], 'm1', minutesAgo(5));
      expect(await show('en')).toEqual(['Last delivery: note on 25 further versions not announced one by one, the newest 6.1.150 (sent 5 min ago)']);
      expect(await show('de')).toEqual(['Letzte Zustellung: Hinweis auf 25 weitere, nicht einzeln angekündigte Versionen, die neueste 6.1.150 (vor 5 Min. gesendet)']);

      // A release and an end of life, the latter failed 3 hours ago.
      await store.deliveries.enqueue({ channelId: '101', eventKey: 'release:6.1.159', version: '6.1.159' }, minutesAgo(4));
      await store.deliveries.markSent([(await store.deliveries.get('101', 'release:6.1.159'))!.id], 'm2', minutesAgo(2));
      expect(await show('en')).toEqual(['Last delivery: Linux 6.1.159 (sent 2 min ago)']);
      expect(await show('de')).toEqual(['Letzte Zustellung: Linux 6.1.159 (vor 2 Min. gesendet)']);
      await store.deliveries.enqueue({ channelId: '101', eventKey: 'eol:6.1', version: '6.1.159' }, minutesAgo(1));
      const eol = (await store.deliveries.get('101', 'eol:6.1'))!.id;
      await store.deliveries.recordAttempt([eol], '404 Unknown Channel', now);
      await store.deliveries.markFailed([eol], '404 Unknown Channel', now);
      expect(await show('en')).toEqual([
        'Last delivery: end of life of Linux 6.1 (failed just now)',
        '⚠️ The last announcement (end of life of Linux 6.1) failed after 1 attempt(s): the channel no longer exists (Discord: 404 Unknown Channel)',
      ]);
      expect(await show('de')).toEqual([
        'Letzte Zustellung: Ende der Pflege von Linux 6.1 (gerade eben fehlgeschlagen)',
        '⚠️ Die letzte Ankündigung (Ende der Pflege von Linux 6.1) ist nach 1 Versuch(en) fehlgeschlagen: den Kanal gibt es nicht mehr (Discord-Fehler 404)',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
