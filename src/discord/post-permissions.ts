import { PermissionFlagsBits, type GuildBasedChannel, type PermissionsBitField } from 'discord.js';
import type { CheckedPermission } from '../i18n/problems.ts';

/**
 * What the bot lacks to post in a channel or thread, checked before it tries: Discord would refuse
 * the post with a 403 otherwise. A reply (a message reference) needs Read Message History, an embed
 * Embed Links.
 */
export function missingToPost(permissions: Readonly<PermissionsBitField> | null, post: { inThread: boolean; asReply: boolean; embeds: boolean }): CheckedPermission[] {
  const needed: CheckedPermission[] = ['ViewChannel', post.inThread ? 'SendMessagesInThreads' : 'SendMessages'];
  if (post.embeds) needed.push('EmbedLinks');
  if (post.asReply) needed.push('ReadMessageHistory');
  if (!permissions) return needed;
  return needed.filter((flag) => !permissions.has(PermissionFlagsBits[flag]));
}

/** The bot's permissions in a server channel or thread, from the cache; null while its member is not cached. */
export function botPermissionsIn(channel: GuildBasedChannel): Readonly<PermissionsBitField> | null {
  const me = channel.guild.members.me;
  return me ? channel.permissionsFor(me) : null;
}
