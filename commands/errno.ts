import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { errnoReply } from '../src/answers/lookups.ts';
import { lookupErrno, suggestErrno } from '../src/kernel/errno/index.ts';

export const errno = defineCommand({
  definition: {
    name: 'errno',
    ...describe('What a kernel error code means (EBUSY, -16)', 'Was ein Kernel-Fehlercode bedeutet (EBUSY, -16)'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name-or-number',
        ...describe('Symbol (EBUSY) or number (16, -16)', 'Symbol (EBUSY) oder Nummer (16, -16)'),
        required: true,
        autocomplete: true,
        max_length: 32,
      },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'name-or-number',
  usage: { en: '/errno <name or number> – e.g. /errno EBUSY', de: '/errno <Name oder Nummer> – z. B. /errno -16' },
  handle(options, { lang }) {
    const query = (options.string('name-or-number') ?? '').trim().slice(0, 32);
    return errnoReply(lookupErrno(query), query, lang);
  },
  autocomplete(_option, typed) {
    return suggestErrno(typed.slice(0, 32)).map((e) => ({ name: `${e.name} (${e.nr})`, value: e.name }));
  },
});
