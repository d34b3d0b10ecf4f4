import type { Invocation } from './command.ts';
import type { Reply } from '../src/answers/reply.ts';

/** Discord's Manage Server permission bit, for `default_member_permissions`. */
export const MANAGE_GUILD = '32';

/** The runtime half of the admin check (Discord hides the command; this refuses it anyway). */
export function refuseUnlessAdmin(invocation: Invocation): Reply | null {
  if (!invocation.guildId) {
    return { type: 'message', lang: invocation.lang, title: null, text: invocation.lang === 'de' ? 'Das geht nur auf einem Server.' : 'This only works in a server.', ephemeral: true };
  }
  if (invocation.canManageGuild) return null;
  return {
    type: 'message',
    lang: invocation.lang,
    title: null,
    text: invocation.lang === 'de' ? 'Dafür brauchst du die Berechtigung „Server verwalten“.' : 'You need the Manage Server permission for this.',
    ephemeral: true,
  };
}

export function unavailable(invocation: Invocation): Reply {
  return {
    type: 'message',
    lang: invocation.lang,
    title: null,
    text: invocation.lang === 'de' ? 'Diese Funktion braucht den laufenden Bot mit Datenbank.' : 'This needs the running bot with its database.',
    ephemeral: true,
  };
}

export function note(invocation: Invocation, en: string, de: string, fields?: { name: string; value: string }[]): Reply {
  return { type: 'message', lang: invocation.lang, title: null, text: invocation.lang === 'de' ? de : en, ephemeral: true, fields };
}
