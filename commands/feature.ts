import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { entryReply, replyForOutcome } from '../src/answers/reply.ts';

export const feature = defineCommand({
  definition: {
    name: 'feature',
    ...describe('Look up a kernel feature, project or topic', 'Ein Kernel-Feature, Projekt oder Thema nachschlagen'),
    options: [
      { type: ApplicationCommandOptionType.String, name: 'name', ...describe('Feature name, e.g. kdbus', 'Name, z. B. kdbus'), required: true, autocomplete: true, max_length: 100 },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'name',
  usage: { en: '/feature <name> – one entry, e.g. /feature kdbus', de: '/feature <Name> – ein Eintrag, z. B. /feature kdbus' },
  async handle(options, { lang }, { search, services }) {
    const typed = options.string('name') ?? '';
    // A picked suggestion arrives as the id; free text or a choice's display name resolves through the names.
    const entry = search.resolve(typed);
    if (entry) {
      await services?.qa?.recordHit(entry.id);
      return entryReply(entry, search, lang);
    }
    const outcome = search.search(typed);
    await services?.qa?.recordOutcome(typed, outcome, lang);
    return replyForOutcome(outcome, search, lang);
  },
  autocomplete(_option, typed, { lang }, { search }) {
    return search.suggest(typed, lang);
  },
});
