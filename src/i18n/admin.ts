import { texts } from './catalogue.ts';

/** Texts of the server-admin commands (/qa, /refs, /kb), their shared refusals, and /help and /about. */
export const ADMIN = texts(
  {
    serverOnly: 'This only works in a server.',
    needsManageServer: 'You need the Manage Server permission for this.',
    needsDatabase: 'This needs the running bot with its database.',
    watchingForum: (channel: string) => `Watching the forum ${channel}: new posts get suggestions when I am confident.`,
    watchingText: (channel: string) =>
      `Watching ${channel}: questions that match an entry well get a short suggestion (needs the Message Content intent, MESSAGE_CONTENT_INTENT=true; otherwise only @mentions).`,
    unwatched: (channel: string) => `No longer watching ${channel}.`,
    notWatched: (channel: string) => `${channel} was not watched.`,
    channelKind: (kind: 'forum' | 'text') => ({ forum: 'forum', text: 'text' })[kind],
    refsIn: (channels: string) => `References explained in: ${channels}`,
    refsNowhere: 'References explained in: no channel (/refs on)',
    noQaChannels: 'No Q&A channels yet. Use /qa add.',
    solvedCount: (n: number) => `Posts marked solved after a suggestion: ${n}`,
    refsOff: (channel: string) => `No longer explaining references in ${channel}.`,
    refsWereOff: (channel: string) => `References were not explained in ${channel}.`,
    cannotReply: (channel: string, problem: string) => `I cannot reply in ${channel}: ${problem}`,
    refsOn: (channel: string) =>
      `In ${channel}, a commit id (12+ hex digits, also in Fixes: lines), a CVE id or a lore.kernel.org link gets one short reply with what it is (looked up on kernel.org; nothing is posted when the lookup finds nothing). Needs the Message Content intent (MESSAGE_CONTENT_INTENT=true).`,
    noHits: 'No answers counted yet.',
    noGaps: 'No unanswered questions recorded yet.',
    notHelpful: (n: number) => `${n}× not helpful`,
    helpIntro:
      'I answer questions about Linux kernel development from a curated knowledge base (what a 2015 talk said and what happened since). Ask in words, with /ask or @kernelbot: “what is kdbus?”, and also “what does EBUSY mean?”, “who maintains btrfs?”, “what is the latest kernel?”. Options: hide (only you see it), mention (aim it at someone), lang (de/en).',
    about:
      'Answers come from a curated bilingual knowledge base. Its basis is the talk “Aktuelle Entwicklungen beim Linux-Kernel” by Thorsten Leemhuis (early 2015) and the articles it shows (c’t and heise Kernel-Log on Linux 3.8, the Fedora wiki on vanilla kernels); every entry also says what happened since (as of 2026) and cites its sources.',
    entries: 'Entries',
    kernelVersions: 'Kernel versions',
    linkedSources: 'Linked sources',
  },
  {
    serverOnly: 'Das geht nur auf einem Server.',
    needsManageServer: 'Dafür brauchst du die Berechtigung „Server verwalten“.',
    needsDatabase: 'Diese Funktion braucht den laufenden Bot mit Datenbank.',
    watchingForum: (channel: string) => `Ich beobachte das Forum ${channel}: neue Beiträge bekommen Vorschläge, wenn ich mir sicher bin.`,
    watchingText: (channel: string) =>
      `Ich beobachte ${channel}: Fragen, die gut zu einem Eintrag passen, bekommen einen kurzen Vorschlag (braucht den Message-Content-Intent, MESSAGE_CONTENT_INTENT=true; sonst nur @Erwähnungen).`,
    unwatched: (channel: string) => `${channel} wird nicht mehr beobachtet.`,
    notWatched: (channel: string) => `${channel} wurde nicht beobachtet.`,
    channelKind: (kind: 'forum' | 'text') => ({ forum: 'Forum', text: 'Textkanal' })[kind],
    refsIn: (channels: string) => `Referenzen erklärt in: ${channels}`,
    refsNowhere: 'Referenzen erklärt in: keinem Kanal (/refs on)',
    noQaChannels: 'Noch keine Q&A-Kanäle. Nutze /qa add.',
    solvedCount: (n: number) => `Nach einem Vorschlag als gelöst markiert: ${n}`,
    refsOff: (channel: string) => `In ${channel} werden keine Referenzen mehr erklärt.`,
    refsWereOff: (channel: string) => `In ${channel} wurden keine Referenzen erklärt.`,
    cannotReply: (channel: string, problem: string) => `Ich kann in ${channel} nicht antworten: ${problem}`,
    refsOn: (channel: string) =>
      `In ${channel} bekommt eine Commit-ID (12+ Hex-Ziffern, auch in Fixes:-Zeilen), eine CVE-ID oder ein lore.kernel.org-Link eine kurze Antwort, worum es geht (nachgeschlagen auf kernel.org; findet sich nichts, wird nichts gepostet). Braucht den Message-Content-Intent (MESSAGE_CONTENT_INTENT=true).`,
    noHits: 'Noch keine Antworten gezählt.',
    noGaps: 'Noch keine unbeantworteten Fragen erfasst.',
    notHelpful: (n: number) => `${n}× nicht hilfreich`,
    helpIntro:
      'Ich beantworte Fragen zur Linux-Kernel-Entwicklung aus einer kuratierten Wissensbasis (Stand des Vortrags 2015 und was seitdem geschah). Frag in Worten, mit /ask oder @kernelbot: „Was ist kdbus?“, auch „Was bedeutet EBUSY?“, „Wer betreut btrfs?“, „Welcher Kernel ist aktuell?“. Optionen: hide (nur für dich), mention (an jemanden richten), lang (de/en).',
    about:
      'Antworten aus einer eigenen, zweisprachigen Wissensbasis. Grundlage ist der Vortrag „Aktuelle Entwicklungen beim Linux-Kernel“ von Thorsten Leemhuis (Anfang 2015) mit den darin gezeigten Artikeln (c’t- und heise-Kernel-Log zu Linux 3.8, Fedora-Wiki zu Vanilla-Kerneln); jeder Eintrag sagt auch, was seitdem geschah (Stand 2026), und nennt seine Quellen.',
    entries: 'Einträge',
    kernelVersions: 'Kernel-Versionen',
    linkedSources: 'Verlinkte Quellen',
  },
);
