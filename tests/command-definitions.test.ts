import { describe, expect, it } from 'vitest';
import { ApplicationCommandType, Locale } from 'discord-api-types/v10';
import { COMMANDS } from '../commands/registry.ts';
import { commandPayloads } from '../src/discord/deploy.ts';
import { MAX_USER_TEXT } from '../src/answers/limits.ts';

/** Contract tests: every definition satisfies Discord's registration rules before Discord sees it. */
const DISCORD_LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));

interface Option {
  type: number;
  name: string;
  description: string;
  description_localizations?: Record<string, string>;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  max_length?: number;
  options?: Option[];
}

function checkOptions(options: Option[], where: string): string[] {
  const problems: string[] = [];
  if (options.length > 25) problems.push(`${where}: more than 25 options`);
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) problems.push(`${where}: duplicate option names`);
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required)) problems.push(`${where}: required options must come first`);
  for (const option of options) {
    const at = `${where} ${option.name}`;
    if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(option.name)) problems.push(`${at}: bad name`);
    if (option.description.length < 1 || option.description.length > 100) problems.push(`${at}: description length`);
    for (const [locale, text] of Object.entries(option.description_localizations ?? {})) {
      if (!DISCORD_LOCALES.has(locale)) problems.push(`${at}: unknown locale ${locale}`);
      if (text.length < 1 || text.length > 100) problems.push(`${at}: ${locale} description length`);
    }
    if (option.autocomplete && ![3, 4, 10].includes(option.type)) problems.push(`${at}: autocomplete on a non-text option`);
    if (option.autocomplete && option.choices) problems.push(`${at}: autocomplete together with choices`);
    if ((option.choices?.length ?? 0) > 25) problems.push(`${at}: more than 25 choices`);
    for (const choice of option.choices ?? []) if (choice.name.length > 100) problems.push(`${at}: choice name too long`);
    // User text is capped where it enters: every free-text option declares its length.
    if (option.type === 3 && !option.choices && !(option.max_length && option.max_length <= MAX_USER_TEXT)) problems.push(`${at}: string option without max_length`);
    if (option.options) problems.push(...checkOptions(option.options, at));
  }
  return problems;
}

describe('command definitions', () => {
  it('follow Discord limits: names, descriptions, localizations, options', () => {
    const problems: string[] = [];
    for (const command of COMMANDS) {
      const def = command.definition as unknown as Option & { default_member_permissions?: string };
      if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(def.name)) problems.push(`${def.name}: bad name`);
      if (def.description.length < 1 || def.description.length > 100) problems.push(`${def.name}: description length`);
      const locales = Object.keys(def.description_localizations ?? {});
      expect(locales.sort(), def.name).toEqual(['de', 'en-GB', 'en-US']);
      problems.push(...checkOptions(def.options ?? [], `/${def.name}`));
    }
    expect(problems).toEqual([]);
  });

  it('registers every command once, plus the message context menu', () => {
    const payload = commandPayloads(COMMANDS);
    const names = payload.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['feature', 'ask', 'release', 'help', 'about', 'Find kernel answer']));
    expect(payload.find((p) => p.name === 'Find kernel answer')).toMatchObject({ type: ApplicationCommandType.Message });
  });

  it('keeps admin commands behind Manage Server', () => {
    const admin = COMMANDS.filter((c) => c.adminOnly);
    expect(admin.map((c) => c.definition.name)).toContain('announce');
    for (const command of admin) {
      expect(command.definition.default_member_permissions, command.definition.name).toBe('32');
    }
  });
});
