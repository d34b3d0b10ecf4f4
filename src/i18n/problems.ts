import type { FeedErrorReason } from '../shared/release.ts';
import { ANNOUNCE, type AnnouncedEvent } from './announce.ts';
import { texts } from './catalogue.ts';

/* Problems the bot reports to members, as data: the adapters say what went wrong, this file words it. */

/** Discord permissions the bot checks before it posts (names as in discord.js's PermissionFlagsBits). */
export type CheckedPermission = 'ViewChannel' | 'SendMessages' | 'SendMessagesInThreads' | 'EmbedLinks' | 'ReadMessageHistory';

/** Why the bot cannot post in a channel. */
export type ChannelProblem =
  | { kind: 'not-visible' }
  | { kind: 'not-text' }
  | { kind: 'permissions-unknown' }
  | { kind: 'missing-permissions'; permissions: CheckedPermission[] }
  /** Discord refused a post; `reason` is Discord's own (English) message, worded by the catalogue. */
  | { kind: 'discord'; status: number; reason: string }
  /** Terminal mode never posts to Discord. */
  | { kind: 'offline' };

/** Posting works, but something will not. */
export type ChannelWarning = { kind: 'role-not-mentionable'; role: string };

/** Why an announcement was not posted, as the delivery ledger records it (src/releases/delivery-error.ts). */
export type DeliveryError =
  /** Discord answered with an error status (0: no answer); `reason` is its own English message. */
  | { kind: 'discord'; status: number; reason: string }
  /** The send ended without an answer (outcome unknown); `detail` is the program's message. */
  | { kind: 'send-threw'; detail: string }
  | { kind: 'release-missing' }
  | { kind: 'unsubscribed' }
  | { kind: 'disabled' }
  /** A stored text of no known form (shown as it is). */
  | { kind: 'text'; text: string };

/** What /announce show flags for one subscription. */
export type StatusProblem =
  | { kind: 'stopped'; reason: DeliveryError | null }
  /** `attempts` 0: never sent (posting had stopped). */
  | { kind: 'last-failed'; event: AnnouncedEvent; attempts: number; error: DeliveryError | null }
  | { kind: 'stuck'; count: number; error: DeliveryError | null }
  | { kind: 'feed-failing'; failures: number; error: StoredFeedError | null };

/**
 * A failed kernel.org fetch as the feed state stores it ("timeout: no complete answer within 1500 ms"),
 * read back by src/releases/feed-error.ts; `reason` is null for a text of no known form.
 */
export interface StoredFeedError {
  reason: FeedErrorReason | 'internal' | null;
  httpStatus?: number;
  text: string;
}

/** Discord's failures the bot tells apart; anything else is worded by its status class. */
export type DiscordFailure = 'missing-access' | 'missing-permissions' | 'unknown-channel' | 'forbidden' | 'not-found' | 'rate-limited' | 'server-error' | 'unreachable' | 'rejected';

/** Sorts a Discord error by its status and Discord's message (stored rows carry only these two). */
function discordFailure(status: number, reason: string): DiscordFailure {
  if (status === 403) return /missing access/i.test(reason) ? 'missing-access' : /missing permissions/i.test(reason) ? 'missing-permissions' : 'forbidden';
  if (status === 404) return /unknown channel/i.test(reason) ? 'unknown-channel' : 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  if (status === 0) return 'unreachable';
  return 'rejected';
}

const EN_DISCORD: Record<DiscordFailure, string> = {
  'missing-access': 'I have no access to the channel',
  'missing-permissions': 'I lack a permission the post needs',
  'unknown-channel': 'the channel no longer exists',
  forbidden: 'Discord refused me access',
  'not-found': 'Discord could not find the channel',
  'rate-limited': "Discord's rate limit was reached",
  'server-error': 'Discord had a server error',
  unreachable: 'Discord could not be reached',
  rejected: 'Discord rejected the post',
};

const DE_DISCORD: Record<DiscordFailure, string> = {
  'missing-access': 'ich habe keinen Zugriff auf den Kanal',
  'missing-permissions': 'mir fehlt eine Berechtigung, die der Beitrag braucht',
  'unknown-channel': 'den Kanal gibt es nicht mehr',
  forbidden: 'Discord hat mir den Zugriff verweigert',
  'not-found': 'Discord hat den Kanal nicht gefunden',
  'rate-limited': 'Discords Rate-Limit wurde erreicht',
  'server-error': 'Discord hatte einen Serverfehler',
  unreachable: 'Discord war nicht erreichbar',
  rejected: 'Discord hat den Beitrag abgelehnt',
};

/** English keeps Discord's own message (what its documentation and support know); German names the status only. */
const enDiscord = (status: number, reason: string) => `${EN_DISCORD[discordFailure(status, reason)]} (Discord: ${status ? `${status} ` : ''}${reason})`;
const deDiscord = (status: number, reason: string) => `${DE_DISCORD[discordFailure(status, reason)]}${status ? ` (Discord-Fehler ${status})` : ''}`;

/** German words the reason; a text of no known form is shown as it is. */
function deFeed(f: StoredFeedError): string {
  if (f.reason === 'internal') return 'interner Fehler beim Verarbeiten des Feeds';
  return f.reason ? ANNOUNCE.de.feedFailure(f.reason, f.httpStatus) : f.text;
}

function enDelivery(e: DeliveryError): string {
  switch (e.kind) {
    case 'discord':
      return enDiscord(e.status, e.reason);
    case 'send-threw':
      return `the send ended without an answer (${e.detail})`;
    case 'release-missing':
      return 'the release is missing from the database';
    case 'unsubscribed':
      return 'the channel was unsubscribed';
    case 'disabled':
      return 'disabled';
    case 'text':
      return e.text;
  }
}

function deDelivery(e: DeliveryError): string {
  switch (e.kind) {
    case 'discord':
      return deDiscord(e.status, e.reason);
    case 'send-threw':
      return 'der Sendeversuch endete ohne Antwort';
    case 'release-missing':
      return 'die Version fehlt in der Datenbank';
    case 'unsubscribed':
      return 'das Abo wurde beendet';
    case 'disabled':
      return 'abgeschaltet';
    case 'text':
      return e.text;
  }
}

const EN_PERMISSIONS: Record<CheckedPermission, string> = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  SendMessagesInThreads: 'Send Messages in Threads',
  EmbedLinks: 'Embed Links',
  ReadMessageHistory: 'Read Message History',
};

/** The names Discord's German client shows. */
const DE_PERMISSIONS: Record<CheckedPermission, string> = {
  ViewChannel: 'Kanäle ansehen',
  SendMessages: 'Nachrichten senden',
  SendMessagesInThreads: 'Nachrichten in Threads senden',
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
          return enDiscord(p.status, p.reason);
        case 'offline':
          return 'terminal mode does not post to Discord';
      }
    },
    /** English keeps the program's own text: it names the detail (a timeout's length, the HTTP status line). */
    feed: (f: StoredFeedError): string => f.text,
    warning: (w: ChannelWarning): string => `the role ${w.role} is not mentionable and I lack Mention Everyone, so posts will name it without pinging`,
    status: (p: StatusProblem): string => {
      switch (p.kind) {
        case 'stopped':
          return `Posting is stopped: ${enDelivery(p.reason ?? { kind: 'disabled' })}. Fix the channel permissions and run /announce set again.`;
        case 'last-failed':
          return p.attempts > 0
            ? `The last announcement (${ANNOUNCE.en.announced(p.event)}) failed after ${p.attempts} attempt(s): ${p.error ? enDelivery(p.error) : 'unknown error'}`
            : `The last announcement (${ANNOUNCE.en.announced(p.event)}) was not sent: ${p.error ? enDelivery(p.error) : 'unknown error'}`;
        case 'stuck':
          return `${p.count} announcement(s) waiting for over an hour: ${p.error ? enDelivery(p.error) : 'not sent yet'}`;
        case 'feed-failing':
          return `kernel.org feed: the last ${p.failures} fetch(es) failed: ${p.error?.text ?? 'unknown error'}`;
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
          return deDiscord(p.status, p.reason);
        case 'offline':
          return 'im Terminal-Modus wird nichts auf Discord gepostet';
      }
    },
    feed: (f: StoredFeedError): string => deFeed(f),
    warning: (w: ChannelWarning): string => `die Rolle ${w.role} ist nicht erwähnbar und mir fehlt „@everyone, @here und alle Rollen erwähnen“, daher nennen Beiträge sie nur, ohne sie anzupingen`,
    status: (p: StatusProblem): string => {
      switch (p.kind) {
        case 'stopped':
          return `Das Posten ist gestoppt: ${deDelivery(p.reason ?? { kind: 'disabled' })}. Korrigiere die Berechtigungen im Kanal und führe /announce set erneut aus.`;
        case 'last-failed':
          return p.attempts > 0
            ? `Die letzte Ankündigung (${ANNOUNCE.de.announced(p.event)}) ist nach ${p.attempts} Versuch(en) fehlgeschlagen: ${p.error ? deDelivery(p.error) : 'unbekannter Fehler'}`
            : `Die letzte Ankündigung (${ANNOUNCE.de.announced(p.event)}) wurde nicht gesendet: ${p.error ? deDelivery(p.error) : 'unbekannter Fehler'}`;
        case 'stuck':
          return `${p.count} Ankündigung(en) warten seit über einer Stunde: ${p.error ? deDelivery(p.error) : 'noch nicht gesendet'}`;
        case 'feed-failing':
          return `kernel.org-Feed: ${p.failures} Abruf(e) in Folge fehlgeschlagen: ${p.error ? deFeed(p.error) : 'unbekannter Fehler'}`;
      }
    },
  },
);
