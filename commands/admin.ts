import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Invocation } from './command.ts';
import type { Reply } from '../src/answers/reply.ts';

/** Discord's Manage Server permission, as `default_member_permissions` wants it (a decimal string). */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** An ephemeral text reply in the asker's language. */
export function note(invocation: Invocation, en: string, de: string, fields?: { name: string; value: string }[]): Reply {
  return { type: 'message', lang: invocation.lang, title: null, text: invocation.lang === 'de' ? de : en, ephemeral: true, fields };
}

/** The runtime half of the admin check (Discord hides the command; this refuses it anyway). */
export function refuseUnlessAdmin(invocation: Invocation): Reply | null {
  if (!invocation.guildId) return note(invocation, 'This only works in a server.', 'Das geht nur auf einem Server.');
  if (invocation.canManageGuild) return null;
  return note(invocation, 'You need the Manage Server permission for this.', 'Dafür brauchst du die Berechtigung „Server verwalten“.');
}

export function unavailable(invocation: Invocation): Reply {
  return note(invocation, 'This needs the running bot with its database.', 'Diese Funktion braucht den laufenden Bot mit Datenbank.');
}
