import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand, describe, ANSWER_OPTIONS } from './command.ts';
import { unavailable } from './admin.ts';
import { maintainersMissingReply, maintainersReply } from '../src/answers/lookups.ts';

const MAINTAINERS_QUERY_MAX = 200;

export const maintainers = defineCommand({
  definition: {
    name: 'maintainers',
    ...describe('Who maintains a kernel path or subsystem (from MAINTAINERS)', 'Wer einen Kernel-Pfad oder ein Subsystem betreut (aus MAINTAINERS)'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'path-or-subsystem',
        ...describe('A path (fs/btrfs/inode.c) or a subsystem name (btrfs)', 'Ein Pfad (fs/btrfs/inode.c) oder ein Subsystem-Name (btrfs)'),
        required: true,
        autocomplete: true,
        max_length: MAINTAINERS_QUERY_MAX,
      },
      ...ANSWER_OPTIONS,
    ],
  },
  terminalOption: 'path-or-subsystem',
  usage: { en: '/maintainers <path or subsystem> – e.g. /maintainers fs/btrfs/inode.c', de: '/maintainers <Pfad oder Subsystem> – z. B. /maintainers btrfs' },
  async handle(options, invocation, { services }) {
    const service = services?.maintainers;
    if (!service) return unavailable(invocation);
    // The bot fetched at start and never waits here; terminal mode fetches once on demand.
    const state = await service.forLookup();
    if (state.status === 'missing') return maintainersMissingReply(state, invocation.lang);
    const query = (options.string('path-or-subsystem') ?? '').slice(0, MAINTAINERS_QUERY_MAX);
    return maintainersReply(state.index.lookup(query), state, invocation.lang);
  },
  autocomplete(_option, typed, _invocation, { services }) {
    const state = services?.maintainers?.state();
    const query = typed.trim().slice(0, MAINTAINERS_QUERY_MAX);
    const asPath = query.includes('/') ? [{ name: query.slice(0, 100), value: query.slice(0, 100) }] : [];
    if (!state || state.status !== 'ready' || !query) return asPath;
    const titles = state.index.names.search(query, 25 - asPath.length).map((hit) => ({ name: hit.section.title.slice(0, 100), value: hit.section.title.slice(0, 100) }));
    return [...asPath, ...titles];
  },
});
