import { texts } from './catalogue.ts';

/* Problems the bot reports to members, as data: the adapters say what went wrong, this file words it. */

/** Discord permissions the bot checks before it posts (names as in discord.js's PermissionFlagsBits). */
export type CheckedPermission = 'ViewChannel' | 'SendMessages' | 'EmbedLinks' | 'ReadMessageHistory';

/** Why the bot cannot post in a channel. */
export type ChannelProblem =
  | { kind: 'not-visible' }
  | { kind: 'not-text' }
  | { kind: 'permissions-unknown' }
  | { kind: 'missing-permissions'; permissions: CheckedPermission[] }
  /** Discord refused a post; `reason` is Discord's own (English) message. */
  | { kind: 'discord'; status: number; reason: string }
  /** Terminal mode never posts to Discord. */
  | { kind: 'offline' };

/** Posting works, but something will not. */
export type ChannelWarning = { kind: 'role-not-mentionable'; role: string };

/** What /announce show flags for one subscription; stored errors are Discord's or kernel.org's own words. */
export type StatusProblem =
  | { kind: 'stopped'; reason: string | null }
  /** `attempts` 0: never sent (posting had stopped). */
  | { kind: 'last-failed'; eventKey: string; attempts: number; error: string | null }
  | { kind: 'stuck'; count: number; error: string | null }
  | { kind: 'feed-failing'; failures: number; error: string | null };

const EN_PERMISSIONS: Record<CheckedPermission, string> = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  EmbedLinks: 'Embed Links',
  ReadMessageHistory: 'Read Message History',
};

/** The names Discord's German client shows. */
const DE_PERMISSIONS: Record<CheckedPermission, string> = {
  ViewChannel: 'Kanäle ansehen',
  SendMessages: 'Nachrichten senden',
  EmbedLinks: 'Links einbetten',
  ReadMessageHistory: 'Nachrichtenverlauf anzeigen',
};

export const PROBLEMS = texts(
  {
    channel: (p: ChannelProblem): string => {
      switch (p.kind) {
        case 'not-visible':
          return 'the channel does not exist or I cannot see it (missing permission: View Channel)';
        case 'not-text':
          return 'it is not a server text channel';
        case 'permissions-unknown':
          return 'I cannot work out my permissions there';
        case 'missing-permissions':
          return `missing permission${p.permissions.length > 1 ? 's' : ''}: ${p.permissions.map((m) => EN_PERMISSIONS[m]).join(', ')}`;
        case 'discord':
          return `Discord answered ${p.status}: ${p.reason}`;
        case 'offline':
          return 'terminal mode does not post to Discord';
      }
    },
    warning: (w: ChannelWarning): string => `the role ${w.role} is not mentionable and I lack Mention Everyone, so posts will name it without pinging`,
    status: (p: StatusProblem): string => {
      switch (p.kind) {
        case 'stopped':
          return `Posting is stopped: ${p.reason ?? 'disabled'}. Fix the channel permissions and run /announce set again.`;
        case 'last-failed':
          return p.attempts > 0
            ? `The last announcement (${p.eventKey}) failed after ${p.attempts} attempt(s): ${p.error ?? 'unknown error'}`
            : `The last announcement (${p.eventKey}) was not sent: ${p.error ?? 'unknown error'}`;
        case 'stuck':
          return `${p.count} announcement(s) waiting for over an hour: ${p.error ?? 'not sent yet'}`;
        case 'feed-failing':
          return `kernel.org feed: the last ${p.failures} fetch(es) failed: ${p.error ?? 'unknown error'}`;
      }
    },
  },
  {
    channel: (p: ChannelProblem): string => {
      switch (p.kind) {
        case 'not-visible':
          return 'den Kanal gibt es nicht oder ich sehe ihn nicht (fehlende Berechtigung: Kanäle ansehen)';
        case 'not-text':
          return 'das ist kein Textkanal eines Servers';
        case 'permissions-unknown':
          return 'ich kann meine Berechtigungen dort nicht ermitteln';
        case 'missing-permissions':
          return `fehlende Berechtigung${p.permissions.length > 1 ? 'en' : ''}: ${p.permissions.map((m) => DE_PERMISSIONS[m]).join(', ')}`;
        case 'discord':
          return `Discord antwortete ${p.status}: ${p.reason}`;
        case 'offline':
          return 'im Terminal-Modus wird nichts auf Discord gepostet';
      }
    },
    warning: (w: ChannelWarning): string => `die Rolle ${w.role} ist nicht erwähnbar und mir fehlt „@everyone, @here und alle Rollen erwähnen“, daher nennen Beiträge sie nur, ohne sie anzupingen`,
    status: (p: StatusProblem): string => {
      switch (p.kind) {
        case 'stopped':
          return `Das Posten ist gestoppt: ${p.reason ?? 'abgeschaltet'}. Korrigiere die Berechtigungen im Kanal und führe /announce set erneut aus.`;
        case 'last-failed':
          return p.attempts > 0
            ? `Die letzte Ankündigung (${p.eventKey}) ist nach ${p.attempts} Versuch(en) fehlgeschlagen: ${p.error ?? 'unbekannter Fehler'}`
            : `Die letzte Ankündigung (${p.eventKey}) wurde nicht gesendet: ${p.error ?? 'unbekannter Fehler'}`;
        case 'stuck':
          return `${p.count} Ankündigung(en) warten seit über einer Stunde: ${p.error ?? 'noch nicht gesendet'}`;
        case 'feed-failing':
          return `kernel.org-Feed: ${p.failures} Abruf(e) in Folge fehlgeschlagen: ${p.error ?? 'unbekannter Fehler'}`;
      }
    },
  },
);
