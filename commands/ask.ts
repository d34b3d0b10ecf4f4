import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { replyForOutcome } from '../src/answers/reply.ts';
import { maintainerQuestionSubject } from '../src/answers/maintainer-intent.ts';
import { maintainerPointerReply } from '../src/answers/lookups.ts';

export const ASK_MAX_LENGTH = 200;

export const ask = defineCommand({
  definition: {
    name: 'ask',
    ...describe('Ask a question about kernel development', 'Eine Frage zur Kernel-Entwicklung stellen'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        ...describe('Your question, in English or German', 'Deine Frage, auf Deutsch oder Englisch'),
        required: true,
        max_length: ASK_MAX_LENGTH,
      },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'question',
  usage: { en: '/ask <question> – e.g. /ask what did 4.0 bring?', de: '/ask <Frage> – z. B. /ask Was ist Live-Patching?' },
  async handle(options, { lang }, { search, services }) {
    const question = (options.string('question') ?? '').slice(0, ASK_MAX_LENGTH);
    // "Who maintains btrfs?" has an exact answer in MAINTAINERS, not in the knowledge base.
    const subject = maintainerQuestionSubject(question);
    if (subject) return maintainerPointerReply(subject, services?.maintainers?.state() ?? null, lang);
    const outcome = search.search(question);
    await services?.qa?.recordOutcome(question, outcome, lang);
    return replyForOutcome(outcome, search, lang);
  },
});
