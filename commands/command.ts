import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { APIApplicationCommandOption, LocalizationMap, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Language } from '../src/knowledge/schema.ts';
import type { KnowledgeSearch, Choice } from '../src/search/index.ts';
import type { Reply } from '../src/answers/reply.ts';
import type { AnnouncementService } from '../src/releases/announcements.ts';
import type { QaService } from '../src/qa/service.ts';
import type { MaintainersService } from '../src/kernel/maintainers/service.ts';
import type { RefsService } from '../src/kernel/refs/service.ts';
import type { KernelReleases } from '../src/releases/current.ts';

/** What every handler may use. Services arrive here as ports; nothing is global. */
export interface CommandDeps {
  search: KnowledgeSearch;
  /** The registry, for /help. */
  commands: readonly RegisteredCommand[];
  botVersion: string;
  now(): Date;
  /** Present when the bot runs with a database (release announcements, Q&A); absent in a bare terminal. */
  services?: Partial<CommandServices>;
}

/** Services with state (a database); a command checks for the one it needs. */
export interface CommandServices {
  announcements: AnnouncementService;
  qa: QaService;
  /** The MAINTAINERS file, refreshed from kernel.org; answers read the parsed copy in memory. */
  maintainers: MaintainersService;
  /** Commit, CVE and lore references in opted-in channels. */
  refs: RefsService;
  /** /kernel: the bot's last kernel.org fetch, or in the terminal one fetch on demand. */
  kernelReleases: KernelReleases;
}

/** Who asked, where, and in which language the answer should be. */
export interface Invocation {
  lang: Language;
  userId: string | null;
  guildId: string | null;
  channelId: string | null;
  /** The member has Manage Server (admin commands check this at runtime too). */
  canManageGuild: boolean;
  /** Discord's locales of the server (its preferred locale, when the interaction has one) and the member's client; absent in the terminal. */
  guildLocale?: string | null;
  userLocale?: string | null;
}

/** Typed access to the options of one command: only names its definition declares compile. */
export interface OptionReader<Name extends string = string> {
  subcommand(): string | null;
  string(name: Name): string | null;
  boolean(name: Name): boolean | null;
  /** Snowflake of a user, channel or role option. */
  id(name: Name): string | null;
  /** Discord channel type of a channel option (ChannelType.GuildText, GuildAnnouncement, GuildForum, …). */
  channelType(name: Name): number | null;
}

type OptionNamesOf<O> = O extends { name: infer N extends string; options?: infer Sub } ? N | (Sub extends readonly unknown[] ? OptionNamesOf<Sub[number]> : never) : never;

type OptionNames<D> = D extends { options: readonly (infer O)[] } ? OptionNamesOf<O> : never;

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface SlashCommand<D extends CommandDefinition = CommandDefinition> {
  definition: D;
  /** In terminal mode, the rest of the line fills this option ("/feature kdbus"). */
  terminalOption?: OptionNames<D>;
  /** Shown in /help. */
  usage: Record<Language, string>;
  /** Admin commands are hidden from /help in the terminal. */
  adminOnly?: boolean;
  handle(options: OptionReader<OptionNames<D>>, invocation: Invocation, deps: CommandDeps): Reply | Promise<Reply>;
  autocomplete?(option: OptionNames<D>, typed: string, invocation: Invocation, deps: CommandDeps): Choice[];
}

/** A command as the registry, router and terminal see it: option names are plain strings there. */
export interface RegisteredCommand {
  definition: CommandDefinition;
  terminalOption?: string;
  usage: Record<Language, string>;
  adminOnly?: boolean;
  handle(options: OptionReader, invocation: Invocation, deps: CommandDeps): Reply | Promise<Reply>;
  autocomplete?(option: string, typed: string, invocation: Invocation, deps: CommandDeps): Choice[];
}

/**
 * Widens a typed command for the registry. Safe: readers only ever receive names from the same
 * definition, which is what narrowed the handler's option names in the first place.
 */
export function register<D extends CommandDefinition>(command: SlashCommand<D>): RegisteredCommand {
  return command;
}

/** Keeps the literal definition type so handlers get typed option names. */
export function defineCommand<const D extends CommandDefinition>(command: SlashCommand<D>): SlashCommand<D> {
  return command;
}

/** Descriptions in Discord's locales (names stay English). */
export function describe(en: string, de: string): { description: string; description_localizations: LocalizationMap } {
  return { description: en, description_localizations: { 'en-US': en, 'en-GB': en, de } };
}

/** The answer-language option (de/en); without it the server's preferred locale decides. */
export const LANG_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'lang',
  ...describe('Answer language', 'Sprache der Antwort'),
  choices: [
    { name: 'English', value: 'en' },
    { name: 'Deutsch', value: 'de' },
  ],
} as const satisfies APIApplicationCommandOption;

/** Options every answering command shares: hide, mention, lang. */
export const ANSWER_OPTIONS = [
  { type: ApplicationCommandOptionType.Boolean, name: 'hide', ...describe('Only you see the answer', 'Nur du siehst die Antwort') },
  { type: ApplicationCommandOptionType.User, name: 'mention', ...describe('Aim the answer at this member (only they are pinged)', 'Antwort an dieses Mitglied richten (nur es wird erwähnt)') },
  LANG_OPTION,
] as const satisfies readonly APIApplicationCommandOption[];
