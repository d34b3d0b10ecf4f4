import type { CommandDeps, OptionReader, Invocation, RegisteredCommand } from '../../commands/command.ts';
import type { Language } from '../knowledge/schema.ts';
import { TERMINAL } from '../i18n/terminal.ts';
import { renderText } from './render-text.ts';
import { closestName } from '../shared/text.ts';

/** One terminal user's state: the answer language, switched with /lang. */
export interface TerminalState {
  lang: Language;
  /** Set by /lang: from then on every answer is in that language, also for questions written in the other. */
  langChosen?: boolean;
}

/** What answerLine produced: the text, and whether it is a warning (an unknown command). */
export interface TerminalAnswer {
  text: string;
  warning?: boolean;
}

/** The commands the terminal runs: everything but the server settings (they need Discord). */
function terminalCommands(deps: CommandDeps): readonly RegisteredCommand[] {
  return deps.commands.filter((c) => !c.adminOnly);
}

/**
 * Turns one typed line into the text answer. The same command handlers as on Discord run here;
 * only the option source (the rest of the line) and the rendering differ.
 */
export async function answerLine(line: string, state: TerminalState, deps: CommandDeps): Promise<TerminalAnswer> {
  const text = line.trim();
  if (!text) return { text: TERMINAL[state.lang].hint };

  // Until /lang picks one, a plain line is answered in its own language, as a mention is on Discord.
  if (!text.startsWith('/')) {
    const lang = state.langChosen ? state.lang : (deps.search.languageOf(text) ?? state.lang);
    return { text: await run('ask', text, { lang }, deps) };
  }

  const [, typed = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(text) ?? [];
  const name = typed.toLowerCase();
  if (name === 'lang') {
    const wanted = rest.trim().toLowerCase();
    if (wanted === 'de' || wanted === 'en') {
      state.lang = wanted;
      state.langChosen = true;
      return { text: TERMINAL[wanted].langSet };
    }
    return { text: TERMINAL[state.lang].langUsage };
  }
  if (name === 'quit' || name === 'exit') return { text: '' };
  if (name === 'help') return { text: terminalHelp(state.lang, deps) };
  const command = terminalCommands(deps).find((c) => c.definition.name === name);
  if (deps.commands.some((c) => c.adminOnly && c.definition.name === name)) {
    return { text: TERMINAL[state.lang].discordOnly(name), warning: true };
  }
  if (!command) return { text: unknownCommand(typed, state.lang, deps), warning: true };
  return { text: await run(command.definition.name, rest, state, deps) };
}

/** "Unknown command /maintainer. Did you mean /maintainers?" – or the general hint when nothing is close. */
function unknownCommand(typed: string, lang: Language, deps: CommandDeps): string {
  const t = TERMINAL[lang];
  const names = [...deps.commands.map((c) => c.definition.name), 'lang', 'help', 'quit'];
  const meant = closestName(typed.toLowerCase(), names, 2);
  return `${t.unknownCommand(typed)} ${meant ? t.didYouMean(meant) : t.hint}`;
}

/** /help in the terminal: exactly the commands this mode runs, plus /lang and /quit. */
function terminalHelp(lang: Language, deps: CommandDeps): string {
  const t = TERMINAL[lang];
  const lines = terminalCommands(deps).map((c) => `• ${c.usage[lang]}`);
  const discordOnly = deps.commands.filter((c) => c.adminOnly).map((c) => `/${c.definition.name}`);
  return ['== kernelbot ==', t.helpIntro, '', ...lines, `• ${t.helpLang}`, `• ${t.helpQuit}`, '', t.helpDiscordOnly(discordOnly.join(', '))].join('\n');
}

async function run(name: string, rest: string, state: TerminalState, deps: CommandDeps): Promise<string> {
  const command = terminalCommands(deps).find((c) => c.definition.name === name)!;
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
