import type { SlashCommand } from './command.ts';
import { feature } from './feature.ts';
import { ask } from './ask.ts';
import { release } from './release.ts';
import { help } from './help.ts';
import { about } from './about.ts';

/** The one list of commands: the runtime, the deployment step, the terminal and the tests all read it. */
export const COMMANDS: readonly SlashCommand[] = [feature, ask, release, help, about] as unknown as readonly SlashCommand[];

export function findCommand(name: string): SlashCommand | undefined {
  return COMMANDS.find((c) => c.definition.name === name);
}
