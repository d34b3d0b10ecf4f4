import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { CheckedPermission } from '../i18n/problems.ts';

/**
 * What the bot lacks to post an answer (an embed) in a channel or thread, checked before it tries:
 * Discord would refuse the post with a 403 otherwise. A reply (a message reference) also needs
 * Read Message History.
 */
export function missingToReply(permissions: Readonly<PermissionsBitField> | null, inThread: boolean, asReply = true): CheckedPermission[] {
  const needed: CheckedPermission[] = ['ViewChannel', inThread ? 'SendMessagesInThreads' : 'SendMessages', 'EmbedLinks', ...(asReply ? (['ReadMessageHistory'] as const) : [])];
  if (!permissions) return needed;
  return needed.filter((flag) => !permissions.has(PermissionFlagsBits[flag]));
}
