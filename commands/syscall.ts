import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { syscallArchReply, syscallReply } from '../src/answers/lookups.ts';
import { ARCHES, isArch, lookupSyscall, suggestSyscalls, SYSCALL_NOTE } from '../src/kernel/syscalls/index.ts';

export const syscall = defineCommand({
  definition: {
    name: 'syscall',
    ...describe('Number, entry point and arguments of a Linux system call', 'Nummer, Einsprungpunkt und Argumente eines Linux-Systemaufrufs'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name-or-number',
        ...describe('Name (openat) or number (257)', 'Name (openat) oder Nummer (257)'),
        required: true,
        autocomplete: true,
        max_length: 64,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'arch',
        ...describe('Architecture (default: all; numbers: x86_64)', 'Architektur (Standard: alle; Nummern: x86_64)'),
        choices: ARCHES.map((a) => ({ name: a, value: a })),
      },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'name-or-number',
  usage: { en: '/syscall <name or number> [arch] – e.g. /syscall openat', de: '/syscall <Name oder Nummer> [Architektur] – z. B. /syscall 257 x86_64' },
  handle(options, { lang }) {
    let query = (options.string('name-or-number') ?? '').trim().slice(0, 64);
    let arch = options.string('arch');
    // The terminal passes "openat arm64" as one line; a system call name has no spaces, so a second word is the architecture.
    const [first = '', second] = query.split(/\s+/);
    if (!arch && second) {
      if (!isArch(second.toLowerCase())) return syscallArchReply(second.slice(0, 20), ARCHES, lang);
      [query, arch] = [first, second.toLowerCase()];
    }
    return syscallReply(lookupSyscall(query, isArch(arch) ? arch : null), SYSCALL_NOTE, lang);
  },
  autocomplete(_option, typed) {
    return suggestSyscalls(typed.slice(0, 64)).map((name) => ({ name, value: name }));
  },
});
