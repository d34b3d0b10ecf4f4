import { describe, expect, it } from 'vitest';
import type { CommandDeps, OptionReader } from '../../commands/command.ts';
import { COMMANDS, findCommand } from '../../commands/registry.ts';
import { realKnowledge } from '../support/knowledge.ts';
import { questionIntent } from '../../src/answers/question-intent.ts';
import { renderText } from '../../src/terminal/render-text.ts';

const { search } = realKnowledge();

/** Questions in words that an exact table answers: errno codes, system calls, the current releases. */
describe('questions for the kernel lookups', () => {
  it.each([
    ['what does EPROBE_DEFER mean?', { kind: 'errno', query: 'EPROBE_DEFER' }],
    ['was bedeutet -EBUSY?', { kind: 'errno', query: 'EBUSY' }],
    ['EAGAIN?', { kind: 'errno', query: 'EAGAIN' }],
    ['what is E2BIG', { kind: 'errno', query: 'E2BIG' }],
    ['what does error -110 mean', { kind: 'errno', query: '-110' }],
    ['what syscall number is openat on arm64', { kind: 'syscall', name: 'openat', arch: 'arm64' }],
    ['Welche Nummer hat der Systemaufruf getrandom auf aarch64?', { kind: 'syscall', name: 'getrandom', arch: 'arm64' }],
    ['system call number of pidfd_open', { kind: 'syscall', name: 'pidfd_open', arch: null }],
    ['what is the latest kernel version?', { kind: 'current-releases' }],
    ['welcher Kernel ist aktuell?', { kind: 'current-releases' }],
    ['current LTS kernel', { kind: 'current-releases' }],
    ['who maintains btrfs?', { kind: 'maintainers', subject: 'btrfs' }],
    ['when is 7.4 coming out?', { kind: 'release-date', version: '7.4' }],
    ['wann kommt Linux 7.4?', { kind: 'release-date', version: '7.4' }],
  ])('%j', (question, intent) => expect(questionIntent(question)).toEqual(intent));

  it.each([
    'ENOSPC on btrfs but df shows free space, what now?',
    'what is the current state of bcachefs in the kernel',
    'what did the latest 6.12 release fix',
    'is there a syscall for io_uring',
    'what is kdbus?',
    'what does EXT4-fs error mean',
    'when did 7.4-rc1 come out',
    '',
  ])('%j is left to the search', (question) => expect(questionIntent(question)).toBeNull());

  const ask = async (question: string, lang: 'en' | 'de') => {
    const deps: CommandDeps = { search, commands: COMMANDS, botVersion: '1', now: () => new Date(), services: {} };
    const options: OptionReader = { subcommand: () => null, string: () => question, boolean: () => null, id: () => null, channelType: () => null };
    return renderText(await findCommand('ask')!.handle(options, { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: false }, deps));
  };

  it('/ask answers them from the tables, in the asked language', async () => {
    expect(await ask('what does EPROBE_DEFER mean?', 'en')).toMatch(/^== EPROBE_DEFER \(517\) ==/);
    expect(await ask('was bedeutet -EBUSY?', 'de')).toMatch(/Bedeutung: Gerät oder Ressource belegt/);
    expect(await ask('what syscall number is openat on arm64', 'en')).toMatch(/`arm64`: 56/);
    expect(await ask('what is kdbus?', 'en')).toMatch(/== kdbus/);
    // Without a release source (no database, no terminal), "the latest kernel" is left to the search.
    expect(await ask('what is the latest kernel version?', 'en')).not.toMatch(/^mainline/m);
  });

  it('/release still answers from the base when the release source fails (database away)', async () => {
    const failing = { releases: () => Promise.reject(new Error('connection terminated')) };
    const deps: CommandDeps = { search, commands: COMMANDS, botVersion: '1', now: () => new Date(), services: { kernelReleases: failing } };
    const options: OptionReader = { subcommand: () => null, string: () => '7.4', boolean: () => null, id: () => null, channelType: () => null };
    const reply = renderText(await findCommand('release')!.handle(options, { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: false }, deps));
    expect(reply).toMatch(/Linux 7\.4 is not covered by my knowledge base/);
    const asked = renderText(
      await findCommand('ask')!.handle({ ...options, string: () => 'what is the latest kernel?' }, { lang: 'en', userId: '1', guildId: '2', channelId: '3', canManageGuild: false }, deps),
    );
    // The same answer as with no release source at all: the search's.
    expect(asked).toBe(await ask('what is the latest kernel?', 'en'));
  });
});
