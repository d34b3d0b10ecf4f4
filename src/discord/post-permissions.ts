import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { CheckedPermission } from '../i18n/problems.ts';

/**
 * What the bot lacks to post an answer as a reply (an embed with a message reference) in a channel
 * or thread, checked before it tries: Discord would refuse the post with a 403 otherwise.
 */
export function missingToReply(permissions: Readonly<PermissionsBitField> | null, inThread: boolean): CheckedPermission[] {
  const needed: CheckedPermission[] = ['ViewChannel', inThread ? 'SendMessagesInThreads' : 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'];
  if (!permissions) return needed;
  return needed.filter((flag) => !permissions.has(PermissionFlagsBits[flag]));
}
