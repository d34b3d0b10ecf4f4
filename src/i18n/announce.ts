import type { DeliveryStatus, FeedErrorReason } from '../shared/release.ts';
import type { Language } from '../knowledge/schema.ts';
import { texts } from './catalogue.ts';

/** What one delivery announced, as /announce show names it; read back from its ledger key (src/releases/events.ts). */
export type AnnouncedEvent =
  | { type: 'release'; version: string }
  | { type: 'eol'; series: string }
  /** The note on the versions a flooded poll left out: how many, the newest first. */
  | { type: 'skipped'; total: number; listed: string[] }
  /** A ledger key of no known form, shown as it is. */
  | { type: 'unknown'; key: string };

/** Texts of /announce, /kernel and the kernel.org feed state; kinds such as mainline or longterm are kernel.org's names and stay. */
export const ANNOUNCE = texts(
  {
    cannotPost: (channel: string, problem: string) => `I cannot post in ${channel}: ${problem}.`,
    pingingRole: (role: string) => `, pinging ${role}`,
    subscribed: (types: string, channel: string, role: string, language: string) =>
      `New kernel releases (${types}) will be announced in ${channel}${role}, in ${language}. Each release is posted once. Try /announce test.`,
    language: 'Language',
    languageName: (lang: Language) => ({ en: 'English', de: 'German' })[lang],
    unknownTypes: (unknown: string, valid: string) => `Unknown type(s) ${unknown}; use ${valid} or all.`,
    everyoneRole: 'The @everyone role cannot be the announcement role: I never ping @everyone (the post would only show “@@everyone”). Choose a role members can opt into, or leave role empty.',
    lastFetch: (age: string) => `Last kernel.org fetch: ${age}`,
    neverFetched: 'kernel.org has not been fetched successfully yet.',
    nextFetch: (when: string) => `Next kernel.org fetch: ${when}`,
    noSubscriptions: 'No announcements in this server. Use /announce set.',
    types: 'Types',
    role: 'role',
    state: 'State',
    active: 'active',
    stopped: 'stopped',
    lastDelivery: 'Last delivery',
    pending: 'pending',
    delivery: (status: DeliveryStatus) => ({ sent: 'sent', failed: 'failed', pending: 'pending' })[status],
    announced: (event: AnnouncedEvent) => {
      switch (event.type) {
        case 'release':
          return `Linux ${event.version}`;
        case 'eol':
          return `end of life of Linux ${event.series}`;
        case 'skipped':
          return `note on ${event.total} further versions not announced one by one, the newest ${event.listed[0] ?? '?'}`;
        case 'unknown':
          return event.key;
      }
    },
    /** "Linux 6.1.159 (sent 5 min ago)". */
    delivered: (event: string, status: string, age: string) => `${event} (${status} ${age})`,
    nameChannel: 'Name a channel.',
    samplePosted: (channel: string) => `Sample posted in ${channel}.`,
    sampleFailed: (channel: string, problem: string) => `The sample could not be posted in ${channel}: ${problem}.`,
    nothingToStop: 'There was nothing to stop.',
    stoppedIn: (channels: string) => `Announcements stopped in ${channels}.`,
    usage: 'Use /announce set, show, test or off.',
    /** Relative time: "just now", "5 min ago". */
    ago: (ms: number) => {
      const minutes = Math.round(ms / 60_000);
      if (minutes < 1) return 'just now';
      if (minutes < 60) return `${minutes} min ago`;
      const hours = Math.round(minutes / 60);
      return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
    },
    currentTitle: 'Current kernel releases',
    noDataYet: 'No data yet: the kernel.org feed has not been fetched successfully.',
    asOf: (age: string, iso: string) => `As of kernel.org feed checked ${age} (${iso}).`,
    latestFailed: (error: string) => `Latest fetch failed: ${error}`,
    checkedFooter: (age: string) => `kernel.org feed checked ${age}`,
    showingLastGood: 'latest fetch failed, showing last good data',
    fetchFailed: (url: string, why: string) => `The kernel.org release feed (${url}) could not be fetched: ${why}. Try /kernel again later.`,
    feedFailure: (reason: FeedErrorReason, httpStatus?: number) =>
      ({
        timeout: 'no answer in time',
        aborted: 'the request was cancelled',
        network: 'network error',
        'http-status': `the server answered HTTP ${httpStatus ?? '?'}`,
        'too-large': 'the response was far too large for the feed',
        'not-a-feed': 'the response is not a release feed',
        'invalid-xml': 'the feed is not valid XML',
        empty: 'the feed is empty',
        'no-valid-items': 'the feed holds no usable release',
      })[reason],
  },
  {
    cannotPost: (channel: string, problem: string) => `In ${channel} kann ich nicht posten: ${problem}.`,
    pingingRole: (role: string) => `, Rolle ${role} wird erwähnt`,
    subscribed: (types: string, channel: string, role: string, language: string) =>
      `Neue Kernel-Versionen (${types}) werden in ${channel} angekündigt${role}, auf ${language}. Jede Version kommt genau einmal. Probier /announce test.`,
    language: 'Sprache',
    languageName: (lang: Language) => ({ en: 'Englisch', de: 'Deutsch' })[lang],
    unknownTypes: (unknown: string, valid: string) => `Unbekannte Art(en) ${unknown}; erlaubt sind ${valid} oder all.`,
    everyoneRole:
      'Die Rolle @everyone kann nicht die Ankündigungsrolle sein: @everyone pinge ich nie (im Beitrag stünde nur „@@everyone“). Wähl eine Rolle, die Mitglieder selbst annehmen können, oder lass role leer.',
    lastFetch: (age: string) => `Letzter Abruf von kernel.org: ${age}`,
    neverFetched: 'kernel.org wurde noch nicht erfolgreich abgerufen.',
    nextFetch: (when: string) => `Nächster Abruf von kernel.org: ${when}`,
    noSubscriptions: 'Auf diesem Server gibt es keine Ankündigungen. Nutze /announce set.',
    types: 'Arten',
    role: 'Rolle',
    state: 'Zustand',
    active: 'aktiv',
    stopped: 'gestoppt',
    lastDelivery: 'Letzte Zustellung',
    pending: 'ausstehend',
    delivery: (status: DeliveryStatus) => ({ sent: 'gesendet', failed: 'fehlgeschlagen', pending: 'ausstehend' })[status],
    announced: (event: AnnouncedEvent) => {
      switch (event.type) {
        case 'release':
          return `Linux ${event.version}`;
        case 'eol':
          return `Ende der Pflege von Linux ${event.series}`;
        case 'skipped':
          return `Hinweis auf ${event.total} weitere, nicht einzeln angekündigte Versionen, die neueste ${event.listed[0] ?? '?'}`;
        case 'unknown':
          return event.key;
      }
    },
    /** „Linux 6.1.159 (vor 5 Min. gesendet)“. */
    delivered: (event: string, status: string, age: string) => `${event} (${age} ${status})`,
    nameChannel: 'Nenne einen Kanal.',
    samplePosted: (channel: string) => `Beispiel in ${channel} gepostet.`,
    sampleFailed: (channel: string, problem: string) => `Das Beispiel ließ sich in ${channel} nicht posten: ${problem}.`,
    nothingToStop: 'Es gab nichts zu beenden.',
    stoppedIn: (channels: string) => `Ankündigungen beendet in ${channels}.`,
    usage: 'Nutze /announce set, show, test oder off.',
    ago: (ms: number) => {
      const minutes = Math.round(ms / 60_000);
      if (minutes < 1) return 'gerade eben';
      if (minutes < 60) return `vor ${minutes} Min.`;
      const hours = Math.round(minutes / 60);
      return hours < 48 ? `vor ${hours} Std.` : `vor ${Math.round(hours / 24)} Tagen`;
    },
    currentTitle: 'Aktuelle Kernel-Versionen',
    noDataYet: 'Noch keine Daten: Der Feed von kernel.org wurde noch nicht erfolgreich abgerufen.',
    asOf: (age: string, iso: string) => `Stand des kernel.org-Feeds: abgerufen ${age} (${iso}).`,
    latestFailed: (error: string) => `Letzter Abruf fehlgeschlagen: ${error}`,
    checkedFooter: (age: string) => `kernel.org-Feed abgerufen ${age}`,
    showingLastGood: 'letzter Abruf fehlgeschlagen, gezeigt wird der letzte gute Stand',
    fetchFailed: (url: string, why: string) => `Der Release-Feed von kernel.org (${url}) ließ sich nicht abrufen: ${why}. Versuch /kernel später noch einmal.`,
    feedFailure: (reason: FeedErrorReason, httpStatus?: number) =>
      ({
        timeout: 'keine Antwort in der vorgesehenen Zeit',
        aborted: 'die Anfrage wurde abgebrochen',
        network: 'Netzwerkfehler',
        'http-status': `der Server antwortete mit HTTP ${httpStatus ?? '?'}`,
        'too-large': 'die Antwort war viel zu groß für den Feed',
        'not-a-feed': 'die Antwort ist kein Release-Feed',
        'invalid-xml': 'der Feed ist kein gültiges XML',
        empty: 'der Feed ist leer',
        'no-valid-items': 'der Feed enthält keine brauchbare Version',
      })[reason],
  },
);
