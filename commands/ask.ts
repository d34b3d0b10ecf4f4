import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS, type CommandDeps, type Invocation } from './command.ts';
import { replyForOutcome } from '../src/answers/reply.ts';
import { errnoReply, maintainerPointerReply, syscallReply } from '../src/answers/lookups.ts';
import { questionIntent, type QuestionIntent } from '../src/answers/question-intent.ts';
import { lookupErrno } from '../src/kernel/errno/index.ts';
import { SYSCALL_NOTE, lookupSyscall } from '../src/kernel/syscalls/index.ts';
import { currentReleasesReply } from './kernel.ts';
import { notReleasedYetReply } from './release.ts';
import type { Reply } from '../src/answers/reply.ts';

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
  async handle(options, invocation, deps) {
    return answerQuestion((options.string('question') ?? '').slice(0, ASK_MAX_LENGTH), invocation, deps);
  },
});

/**
 * A question in words, from /ask, a mention or a terminal line: an exact table first where the
 * question asks for one (MAINTAINERS, errno, system calls, current releases), else the knowledge base.
 */
export async function answerQuestion(question: string, invocation: Invocation, deps: CommandDeps): Promise<Reply> {
  const { lang } = invocation;
  const intent = questionIntent(question);
  // A lookup that fails (its database away) leaves the question to the search rather than failing it.
  const exact = intent ? await intentReply(intent, invocation, deps).catch(() => null) : null;
  if (exact) return exact;
  const outcome = deps.search.search(question);
  await deps.services?.qa?.recordOutcome(question, outcome, lang);
  return replyForOutcome(outcome, deps.search, lang);
}

/** The lookup's reply, or null when the table does not have it after all (then the search answers). */
async function intentReply(intent: QuestionIntent, invocation: Invocation, deps: CommandDeps): Promise<Reply | null> {
  const { lang } = invocation;
  switch (intent.kind) {
    case 'maintainers':
      return maintainerPointerReply(intent.subject, deps.services?.maintainers?.state() ?? null, lang);
    case 'errno':
      return errnoReply(lookupErrno(intent.query), intent.query, lang);
    case 'syscall':
      return syscallReply(lookupSyscall(intent.name, intent.arch), SYSCALL_NOTE, lang);
    case 'current-releases':
      return deps.services?.kernelReleases ? currentReleasesReply(invocation, deps) : null;
    case 'release-date':
      // A release the base covers is answered by the search (its entry has the date).
      return deps.search.releaseEntry(intent.version) ? null : notReleasedYetReply(intent.version, lang, deps.services);
  }
}
