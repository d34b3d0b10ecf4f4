import type { CommandDeps, OptionReader, Invocation } from '../../commands/command.ts';
import { findCommand } from '../../commands/registry.ts';
import type { Language } from '../knowledge/schema.ts';
import { renderText } from './render-text.ts';

/** One terminal user's state: the answer language, switched with /lang. */
export interface TerminalState {
  lang: Language;
}

const HINT = {
  en: 'Type a question, or a command: /feature <name>, /ask <question>, /release <version>, /lang de|en, /help.',
  de: 'Stell eine Frage oder nutze einen Befehl: /feature <Name>, /ask <Frage>, /release <Version>, /lang de|en, /help.',
};

/**
 * Turns one typed line into the text answer. The same command handlers as on Discord run here;
 * only the option source (the rest of the line) and the rendering differ.
 */
export async function answerLine(line: string, state: TerminalState, deps: CommandDeps): Promise<string> {
  const text = line.trim();
  if (!text) return HINT[state.lang];

  if (!text.startsWith('/')) return run('ask', text, state, deps);

  const [, name = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(text) ?? [];
  if (name === 'lang') {
    if (rest === 'de' || rest === 'en') {
      state.lang = rest;
      return rest === 'de' ? 'Antworten ab jetzt auf Deutsch.' : 'Answers are in English from now on.';
    }
    return state.lang === 'de' ? 'Benutzung: /lang de oder /lang en' : 'Usage: /lang de or /lang en';
  }
  if (name === 'quit' || name === 'exit') return '';
  return run(name.toLowerCase(), rest, state, deps);
}

async function run(name: string, rest: string, state: TerminalState, deps: CommandDeps): Promise<string> {
  const command = findCommand(name);
  if (!command || command.adminOnly) {
    const unknown = state.lang === 'de' ? `Unbekannter Befehl /${name}.` : `Unknown command /${name}.`;
    return `${unknown} ${HINT[state.lang]}`;
  }
  if (command.terminalOption && !rest.trim()) {
    return command.usage[state.lang];
  }
  const values = new Map<string, string>(command.terminalOption ? [[command.terminalOption, rest.trim()]] : []);
  const options: OptionReader = {
    subcommand: () => null,
    string: (option) => values.get(option) ?? null,
    boolean: () => null,
    id: () => null,
    channelType: () => null,
  };
  const invocation: Invocation = { lang: state.lang, userId: null, guildId: null, channelId: null, canManageGuild: false };
  return renderText(await command.handle(options, invocation, deps));
}
