import { register, type RegisteredCommand } from './command.ts';
import { feature } from './feature.ts';
import { ask } from './ask.ts';
import { release } from './release.ts';
import { help } from './help.ts';
import { about } from './about.ts';
import { kernel } from './kernel.ts';
import { announce } from './announce.ts';
import { qa } from './qa.ts';
import { kb } from './kb.ts';
import { maintainers } from './maintainers.ts';
import { syscall } from './syscall.ts';
import { errno } from './errno.ts';
import { refs } from './refs.ts';
import { FIND_ANSWER_MENU } from './find-answer.ts';

/** The one list of commands: the runtime, the deployment step, the terminal and the tests all read it. */
export const COMMANDS: readonly RegisteredCommand[] = [
  register(feature),
  register(ask),
  register(release),
  register(kernel),
  register(maintainers),
  register(syscall),
  register(errno),
  register(help),
  register(about),
  register(announce),
  register(qa),
  register(refs),
  register(kb),
];

/** Message context-menu commands (Discord only: no options, the target message is the input). */
export const CONTEXT_MENUS = [FIND_ANSWER_MENU] as const;

export function findCommand(name: string): RegisteredCommand | undefined {
  return COMMANDS.find((c) => c.definition.name === name);
}
