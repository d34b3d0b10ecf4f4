import { texts } from './catalogue.ts';

/** Texts of terminal mode (npm start without DISCORD_TOKEN). */
export const TERMINAL = texts(
  {
    banner: (version: string, entries: number) => `kernelbot ${version} – terminal mode (no DISCORD_TOKEN set). ${entries} entries.`,
    tryThis: 'Try: /feature kdbus · what is live patching? · /release 4.0 · /kernel · /lang de · /help · /quit',
    hint: 'Type a question, or a command: /feature <name>, /ask <question>, /release <version>, /lang de|en, /help.',
    langSet: 'Answers are in English from now on.',
    langUsage: 'Usage: /lang de or /lang en',
    unknownCommand: (name: string) => `Unknown command /${name}.`,
    didYouMean: (name: string) => `Did you mean /${name}? (/help lists every command.)`,
    discordOnly: (name: string) => `/${name} is a server setting and works only on Discord.`,
    helpIntro:
      'I answer questions about Linux kernel development from a curated knowledge base. A line without a slash is a question (/ask), e.g. “what is kdbus?”, “what does EBUSY mean?”, “what is the latest kernel?”. What works here:',
    helpLang: '/lang de|en – answer language',
    helpQuit: '/quit – leave (or Ctrl+D)',
    helpDiscordOnly: (commands: string) => `Server settings (${commands}) and the hide, mention and lang options exist only on Discord.`,
  },
  {
    banner: (version: string, entries: number) => `kernelbot ${version} – Terminal-Modus (kein DISCORD_TOKEN gesetzt). ${entries} Einträge.`,
    tryThis: 'Probier: /feature kdbus · Was ist Live-Patching? · /release 4.0 · /kernel · /lang en · /help · /quit',
    hint: 'Stell eine Frage oder nutze einen Befehl: /feature <Name>, /ask <Frage>, /release <Version>, /lang de|en, /help.',
    langSet: 'Antworten ab jetzt auf Deutsch.',
    langUsage: 'Benutzung: /lang de oder /lang en',
    unknownCommand: (name: string) => `Unbekannter Befehl /${name}.`,
    didYouMean: (name: string) => `Meintest du /${name}? (/help zeigt alle Befehle.)`,
    discordOnly: (name: string) => `/${name} ist eine Server-Einstellung und geht nur auf Discord.`,
    helpIntro:
      'Ich beantworte Fragen zur Linux-Kernel-Entwicklung aus einer kuratierten Wissensbasis. Eine Zeile ohne Schrägstrich ist eine Frage (/ask), z. B. „Was ist kdbus?“, „Was bedeutet EBUSY?“, „Welcher Kernel ist aktuell?“. Das geht hier:',
    helpLang: '/lang de|en – Sprache der Antworten',
    helpQuit: '/quit – beenden (oder Strg+D)',
    helpDiscordOnly: (commands: string) => `Server-Einstellungen (${commands}) und die Optionen hide, mention und lang gibt es nur auf Discord.`,
  },
);
