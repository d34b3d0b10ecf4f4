import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Invocation } from './command.ts';
import type { Reply } from '../src/answers/reply.ts';
import { ADMIN } from '../src/i18n/admin.ts';

/** Discord's Manage Server permission, as `default_member_permissions` wants it (a decimal string). */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** An ephemeral text reply; the text comes from the catalogue in the asker's language. */
export function note(invocation: Invocation, text: string, fields?: { name: string; value: string }[]): Reply {
  return { type: 'message', lang: invocation.lang, title: null, text, ephemeral: true, fields };
}

/** The runtime half of the admin check (Discord hides the command; this refuses it anyway). */
export function refuseUnlessAdmin(invocation: Invocation): Reply | null {
  if (!invocation.guildId) return note(invocation, ADMIN[invocation.lang].serverOnly);
  if (invocation.canManageGuild) return null;
  return note(invocation, ADMIN[invocation.lang].needsManageServer);
}

export function unavailable(invocation: Invocation): Reply {
  return note(invocation, ADMIN[invocation.lang].needsDatabase);
}
