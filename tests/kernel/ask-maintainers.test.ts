import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandDeps, OptionReader } from '../../commands/command.ts';
import { COMMANDS, findCommand } from '../../commands/registry.ts';
import { realKnowledge } from '../support/knowledge.ts';
import { maintainerQuestionSubject } from '../../src/answers/maintainer-intent.ts';
import { MaintainersService } from '../../src/kernel/maintainers/service.ts';
import { renderText } from '../../src/terminal/render-text.ts';

const { search } = realKnowledge();

describe('who-maintains questions', () => {
  it.each([
    ['who maintains btrfs?', 'btrfs'],
    ['Who is the maintainer of the i915 driver', 'i915'],
    ['maintainers for fs/ext4/', 'fs/ext4/'],
    ['Wer betreut btrfs?', 'btrfs'],
    ['Wer ist Maintainer von io_uring?', 'io_uring'],
    ['Wer ist für drivers/gpu/drm zuständig?', 'drivers/gpu/drm'],
  ])('%j asks about %j', (question, subject) => expect(maintainerQuestionSubject(question)).toBe(subject));

  it.each(['what is kdbus?', 'Was ist Live-Patching?', 'how do maintainers work', ''])('%j is not one', (question) => expect(maintainerQuestionSubject(question)).toBeNull());

  it('/ask points to /maintainers and shows the section once MAINTAINERS is loaded', async () => {
    const text = readFileSync(new URL('../fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
    const store = { load: async () => ({ url: 'x', text, etag: null, lastModified: null, fetchedAt: new Date() }), save: async () => undefined, noteCheck: async () => undefined };
    const ask = (question: string, lang: 'en' | 'de', maintainers?: MaintainersService) => {
      const deps: CommandDeps = { search, commands: COMMANDS, botVersion: '1', now: () => new Date(), services: maintainers ? { maintainers } : {} };
      const options: OptionReader = { subcommand: () => null, string: () => question, boolean: () => null, id: () => null, channelType: () => null };
      return Promise.resolve(findCommand('ask')!.handle(options, { lang, userId: '1', guildId: '2', channelId: '3', canManageGuild: false }, deps)).then(renderText);
    };
    const service = new MaintainersService({ store });
    await service.load();
    const loaded = await ask('who maintains btrfs?', 'en', service);
    expect(loaded).toMatch(/use `\/maintainers btrfs`/);
    expect(loaded).toMatch(/BTRFS FILE SYSTEM[\s\S]*David Sterba/);
    expect(await ask('Wer betreut btrfs?', 'de')).toMatch(/nutze `\/maintainers btrfs`/);
    expect(await ask('what is kdbus?', 'en')).toMatch(/kdbus/i);
  });
});
