/** Discord's documented limits, checked the way the API checks them (400 / 50035 with an errors tree). */
import { Locale } from 'discord-api-types/v10';
import { ERR, invalidForm, isRecord, len, type FieldError } from './util.ts';

/** Discord's locales, from discord-api-types (one list, kept by the package). */
const LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));

const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  autocompleteChoices: 25,
  choiceName: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  files: 10,
  nonce: 25,
} as const;

const NAME_RE = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const maxLen = (path: FieldError['path'], max: number): FieldError => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});
const badLen = (path: FieldError['path'], min: number, max: number): FieldError => ({
  path,
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
const required = (path: FieldError['path']): FieldError => ({
  path,
  code: 'BASE_TYPE_REQUIRED',
  message: 'This field is required',
});

// ---------------------------------------------------------------------------------------------
// Application commands
// ---------------------------------------------------------------------------------------------

const OPTION_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const VALUE_WITH_CHOICES = new Set([3, 4, 10]);

function checkLocalizations(value: unknown, path: FieldError['path'], errors: FieldError[], min: number, max: number) {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    errors.push({ path, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    if (!LOCALES.has(locale)) {
      errors.push({ path: [...path, locale], code: 'LOCALE_INVALID', message: `Invalid locale "${locale}"` });
      continue;
    }
    if (text === null) continue;
    if (typeof text !== 'string' || len(text) < min || len(text) > max) errors.push(badLen([...path, locale], min, max));
  }
}

function checkName(name: unknown, path: FieldError['path'], errors: FieldError[], chatInput: boolean) {
  if (typeof name !== 'string' || name.length === 0) {
    errors.push(required([...path, 'name']));
    return;
  }
  if (!chatInput) {
    if (len(name) > LIMITS.commandName) errors.push(badLen([...path, 'name'], 1, 32));
    return;
  }
  if (!NAME_RE.test(name)) {
    errors.push({ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  } else if (name !== name.toLowerCase()) {
    errors.push({ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
}

function checkDescription(desc: unknown, path: FieldError['path'], errors: FieldError[]) {
  if (typeof desc !== 'string' || len(desc) < 1 || len(desc) > LIMITS.commandDescription) {
    errors.push(badLen([...path, 'description'], 1, LIMITS.commandDescription));
  }
}

function textLength(o: Record<string, unknown>): number {
  let n = len(o.name) + len(o.description);
  for (const c of (Array.isArray(o.choices) ? o.choices : []) as Array<Record<string, unknown>>) n += len(c.name) + len(typeof c.value === 'string' ? c.value : JSON.stringify(c.value ?? ''));
  for (const sub of (Array.isArray(o.options) ? o.options : []) as Array<Record<string, unknown>>) n += textLength(sub);
  return n;
}

function checkOptions(options: unknown, path: FieldError['path'], errors: FieldError[], level: 'top' | 'group' | 'sub') {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.push({ path, code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
    return;
  }
  if (options.length > LIMITS.commandOptions) errors.push(maxLen(path, LIMITS.commandOptions));
  const names = new Set<string>();
  let sawOptional = false;
  let sawSub = false;
  let sawValue = false;
  options.forEach((raw, i) => {
    const p = [...path, i];
    if (!isRecord(raw)) {
      errors.push({ path: p, code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' });
      return;
    }
    const type = raw.type;
    if (typeof type !== 'number' || !OPTION_TYPES.has(type)) {
      errors.push({ path: [...p, 'type'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).' });
      return;
    }
    checkName(raw.name, p, errors, true);
    checkDescription(raw.description, p, errors);
    checkLocalizations(raw.name_localizations, [...p, 'name_localizations'], errors, 1, 32);
    checkLocalizations(raw.description_localizations, [...p, 'description_localizations'], errors, 1, 100);
    if (typeof raw.name === 'string') {
      if (names.has(raw.name)) {
        errors.push({ path: [...p, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
      }
      names.add(raw.name);
    }
    const isSub = type === 1 || type === 2;
    if (isSub) sawSub = true;
    else sawValue = true;
    if (type === 2 && level !== 'top') errors.push({ path: [...p, 'type'], code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', message: 'Subcommand groups can only be top level' });
    if (type === 1 && level === 'sub') errors.push({ path: [...p, 'type'], code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', message: 'Subcommands cannot be nested in subcommands' });
    if (level === 'group' && type !== 1) errors.push({ path: [...p, 'type'], code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', message: 'Subcommand groups may only contain subcommands' });
    if (isSub) {
      if (raw.required) errors.push({ path: [...p, 'required'], code: 'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID', message: 'Subcommands cannot be required' });
      checkOptions(raw.options, [...p, 'options'], errors, type === 2 ? 'group' : 'sub');
    } else {
      if (raw.required === true) {
        if (sawOptional) {
          errors.push({ path: [...p, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
        }
      } else sawOptional = true;
      const choices = raw.choices;
      if (choices !== undefined && choices !== null) {
        if (!VALUE_WITH_CHOICES.has(type)) {
          errors.push({ path: [...p, 'choices'], code: 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', message: 'Choices are only allowed for string, integer and number options' });
        } else if (!Array.isArray(choices)) {
          errors.push({ path: [...p, 'choices'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
        } else {
          if (choices.length > LIMITS.commandChoices) errors.push(maxLen([...p, 'choices'], LIMITS.commandChoices));
          choices.forEach((c: unknown, j: number) => {
            const cp = [...p, 'choices', j];
            if (!isRecord(c)) return;
            if (typeof c.name !== 'string' || len(c.name) < 1 || len(c.name) > 100) errors.push(badLen([...cp, 'name'], 1, 100));
            checkLocalizations(c.name_localizations, [...cp, 'name_localizations'], errors, 1, 100);
            if (type === 3 && (typeof c.value !== 'string' || len(c.value) > 100)) errors.push(badLen([...cp, 'value'], 1, 100));
            if (type === 4 && !Number.isInteger(c.value)) errors.push({ path: [...cp, 'value'], code: 'NUMBER_TYPE_COERCE', message: 'Value is not int.' });
            if (type === 10 && typeof c.value !== 'number') errors.push({ path: [...cp, 'value'], code: 'NUMBER_TYPE_COERCE', message: 'Value is not float.' });
          });
        }
      }
      if (raw.autocomplete === true) {
        if (!VALUE_WITH_CHOICES.has(type)) {
          errors.push({ path: [...p, 'autocomplete'], code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID', message: 'Autocomplete is only allowed for string, integer and number options' });
        } else if (Array.isArray(choices) && choices.length > 0) {
          errors.push({ path: [...p, 'autocomplete'], code: 'AUTOCOMPLETE_CHOICES_INVALID', message: 'Autocomplete cannot be enabled with choices' });
        }
      }
      if ((raw.min_value !== undefined || raw.max_value !== undefined) && type !== 4 && type !== 10) {
        errors.push({ path: [...p, 'min_value'], code: 'APPLICATION_COMMAND_OPTION_INVALID', message: 'min_value/max_value are only allowed for integer and number options' });
      }
      if ((raw.min_length !== undefined || raw.max_length !== undefined) && type !== 3) {
        errors.push({ path: [...p, 'min_length'], code: 'APPLICATION_COMMAND_OPTION_INVALID', message: 'min_length/max_length are only allowed for string options' });
      }
      for (const k of ['min_length', 'max_length'] as const) {
        const v = raw[k];
        if (v !== undefined && (typeof v !== 'number' || v < (k === 'min_length' ? 0 : 1) || v > 6000)) {
          errors.push({ path: [...p, k], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 0 and 6000.' });
        }
      }
      if (raw.channel_types !== undefined && type !== 7) {
        errors.push({ path: [...p, 'channel_types'], code: 'APPLICATION_COMMAND_OPTION_INVALID', message: 'channel_types is only allowed for channel options' });
      }
    }
  });
  if (sawSub && sawValue) {
    errors.push({ path, code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Subcommands and subcommand groups cannot be mixed with other option types' });
  }
}

/** Validates one command; `path` is the prefix in the errors tree (an index for bulk overwrite). */
function commandErrors(cmd: unknown, path: FieldError['path']): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(cmd)) return [{ path, code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }];
  const type = cmd.type ?? 1;
  if (![1, 2, 3, 4].includes(type as number)) {
    errors.push({ path: [...path, 'type'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (1, 2, 3, 4).' });
    return errors;
  }
  const chatInput = type === 1;
  checkName(cmd.name, path, errors, chatInput);
  if (chatInput) checkDescription(cmd.description, path, errors);
  else if (cmd.description !== undefined && cmd.description !== '' && cmd.description !== null) {
    errors.push({ path: [...path, 'description'], code: 'APPLICATION_COMMAND_INVALID_DESCRIPTION', message: 'Context menu commands cannot have a description' });
  }
  checkLocalizations(cmd.name_localizations, [...path, 'name_localizations'], errors, 1, 32);
  checkLocalizations(cmd.description_localizations, [...path, 'description_localizations'], errors, 1, 100);
  if (chatInput) checkOptions(cmd.options, [...path, 'options'], errors, 'top');
  else if (Array.isArray(cmd.options) && cmd.options.length > 0) {
    errors.push({ path: [...path, 'options'], code: 'APPLICATION_COMMAND_OPTIONS_INVALID', message: 'Context menu commands cannot have options' });
  }
  const dmp = cmd.default_member_permissions;
  if (dmp !== undefined && dmp !== null && !(typeof dmp === 'string' && /^\d+$/.test(dmp)) && typeof dmp !== 'number') {
    errors.push({ path: [...path, 'default_member_permissions'], code: 'BASE_TYPE_INVALID', message: 'Invalid permissions' });
  }
  for (const [k, allowed] of [
    ['contexts', [0, 1, 2]],
    ['integration_types', [0, 1]],
  ] as const) {
    const v = cmd[k];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => !(allowed as readonly number[]).includes(x))) {
      errors.push({ path: [...path, k], code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${allowed.join(', ')}).` });
    }
  }
  if (chatInput && textLength(cmd) > 4000) {
    errors.push({ path, code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (4000)' });
  }
  return errors;
}

/** Validates a bulk overwrite (PUT) body. Throws 50035 on any problem. */
export function validateCommandList(body: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(body)) throw invalidForm([{ path: [], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }]);
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const counts = { 1: 0, 2: 0, 3: 0 } as Record<number, number>;
  body.forEach((cmd, i) => {
    errors.push(...commandErrors(cmd, [i]));
    if (isRecord(cmd)) {
      const type = (cmd.type as number | undefined) ?? 1;
      counts[type] = (counts[type] ?? 0) + 1;
      const key = `${type}:${String(cmd.name)}`;
      if (seen.has(key)) {
        errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMAND_ALREADY_EXISTS', message: 'Application command names must be unique' });
      }
      seen.set(key, i);
    }
  });
  if ((counts[1] ?? 0) > 100) errors.push(maxLen([], 100));
  if ((counts[2] ?? 0) > 5 || (counts[3] ?? 0) > 5) {
    errors.push({ path: [], code: 'APPLICATION_COMMANDS_TOO_MANY', message: 'Maximum number of context menu commands (5) reached' });
  }
  if (errors.length) throw invalidForm(errors);
  return body as Array<Record<string, unknown>>;
}

export function validateCommand(body: unknown): Record<string, unknown> {
  const errors = commandErrors(body, []);
  if (errors.length) throw invalidForm(errors);
  return body as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export const MessageFlags = {
  Crossposted: 1,
  SuppressEmbeds: 4,
  Ephemeral: 64,
  Loading: 128,
  SuppressNotifications: 4096,
  IsComponentsV2: 32768,
} as const;

function embedErrors(embeds: unknown, errors: FieldError[]) {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.push({ path: ['embeds'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
    return;
  }
  if (embeds.length > LIMITS.embeds) errors.push(maxLen(['embeds'], LIMITS.embeds));
  let total = 0;
  embeds.forEach((e: unknown, i) => {
    const p = ['embeds', i];
    if (!isRecord(e)) return;
    const check = (v: unknown, max: number, path: FieldError['path']) => {
      if (v === undefined || v === null) return;
      total += len(v);
      if (len(v) > max) errors.push(maxLen(path, max));
    };
    check(e.title, LIMITS.embedTitle, [...p, 'title']);
    check(e.description, LIMITS.embedDescription, [...p, 'description']);
    if (isRecord(e.footer)) check(e.footer.text, LIMITS.embedFooter, [...p, 'footer', 'text']);
    if (isRecord(e.author)) check(e.author.name, LIMITS.embedAuthor, [...p, 'author', 'name']);
    if (e.url !== undefined && e.url !== null && (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url))) {
      errors.push({ path: [...p, 'url'], code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
    }
    if (Array.isArray(e.fields)) {
      if (e.fields.length > LIMITS.embedFields) errors.push(maxLen([...p, 'fields'], LIMITS.embedFields));
      e.fields.forEach((f: unknown, j) => {
        if (!isRecord(f)) return;
        const fp = [...p, 'fields', j];
        if (typeof f.name !== 'string' || f.name.length === 0) errors.push(required([...fp, 'name']));
        else check(f.name, LIMITS.embedFieldName, [...fp, 'name']);
        if (typeof f.value !== 'string' || f.value.length === 0) errors.push(required([...fp, 'value']));
        else check(f.value, LIMITS.embedFieldValue, [...fp, 'value']);
      });
    }
  });
  if (total > LIMITS.embedTotal) {
    errors.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function componentErrors(components: unknown, v2: boolean, errors: FieldError[]) {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.push({ path: ['components'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
    return;
  }
  const ids = new Set<string>();
  const checkInteractive = (c: Record<string, unknown>, p: FieldError['path']) => {
    if (c.type === 2) {
      if (c.style === 5 || c.style === 6) {
        if (c.style === 5 && typeof c.url !== 'string') errors.push(required([...p, 'url']));
        if (c.custom_id !== undefined) errors.push({ path: [...p, 'custom_id'], code: 'BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN', message: 'A custom id cannot be specified on link buttons' });
      } else {
        if (typeof c.custom_id !== 'string') errors.push(required([...p, 'custom_id']));
        if (c.url !== undefined) errors.push({ path: [...p, 'url'], code: 'BUTTON_COMPONENT_URL_FORBIDDEN', message: 'A url cannot be specified on non-link buttons' });
      }
      if (c.style !== 6 && (c.label === undefined || c.label === null || c.label === '') && !c.emoji) {
        errors.push({ path: [...p, 'label'], code: 'BUTTON_COMPONENT_LABEL_REQUIRED', message: 'Button label is required' });
      }
      if (len(c.label) > LIMITS.buttonLabel) errors.push(maxLen([...p, 'label'], LIMITS.buttonLabel));
    } else if (SELECT_TYPES.has(c.type as number)) {
      if (typeof c.custom_id !== 'string') errors.push(required([...p, 'custom_id']));
      if (c.type === 3) {
        const opts = c.options;
        if (!Array.isArray(opts) || opts.length < 1 || opts.length > LIMITS.selectOptions) errors.push(badLen([...p, 'options'], 1, LIMITS.selectOptions));
        const maxValues = (c.max_values as number | undefined) ?? 1;
        if (Array.isArray(opts) && maxValues > opts.length) {
          errors.push({ path: [...p, 'max_values'], code: 'SELECT_COMPONENT_MAX_VALUES_TOO_HIGH', message: 'max_values must be less than or equal to the number of options' });
        }
      }
    }
    if (typeof c.custom_id === 'string') {
      if (len(c.custom_id) > LIMITS.customId || c.custom_id.length === 0) errors.push(badLen([...p, 'custom_id'], 1, LIMITS.customId));
      if (ids.has(c.custom_id)) {
        errors.push({ path: ['components'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      }
      ids.add(c.custom_id);
    }
  };
  const walk = (list: unknown[], path: FieldError['path']) => {
    list.forEach((raw, i) => {
      if (!isRecord(raw)) return;
      const p = [...path, i];
      if (Array.isArray(raw.components)) walk(raw.components, [...p, 'components']);
      if (isRecord(raw.accessory)) checkInteractive(raw.accessory, [...p, 'accessory']);
      checkInteractive(raw, p);
    });
  };
  if (!v2) {
    if (components.length > LIMITS.actionRows) errors.push(maxLen(['components'], LIMITS.actionRows));
    components.forEach((row: unknown, i) => {
      const p = ['components', i];
      if (!isRecord(row) || row.type !== 1) {
        errors.push({ path: [...p, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' });
        return;
      }
      const children = Array.isArray(row.components) ? row.components : [];
      if (children.length === 0) errors.push(badLen([...p, 'components'], 1, 5));
      if (children.length > LIMITS.rowComponents) errors.push(maxLen([...p, 'components'], LIMITS.rowComponents));
      const hasSelect = children.some((c: unknown) => isRecord(c) && SELECT_TYPES.has(c.type as number));
      if (hasSelect && children.length > 1) {
        errors.push({ path: [...p, 'components'], code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
      }
      children.forEach((c: unknown, j: number) => {
        if (!isRecord(c)) return;
        if (c.type !== 2 && !SELECT_TYPES.has(c.type as number)) {
          errors.push({ path: [...p, 'components', j, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).' });
        }
      });
    });
  } else {
    let count = 0;
    const countAll = (list: unknown[]) => {
      for (const c of list) {
        if (!isRecord(c)) continue;
        count++;
        if (Array.isArray(c.components)) countAll(c.components);
        if (isRecord(c.accessory)) count++;
      }
    };
    countAll(components);
    if (count > 40) errors.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 40 or fewer in length.' });
  }
  walk(components, ['components']);
}

export interface MessageCheckOptions {
  /** PATCH: fields may be absent and the message may stay as it is. */
  partial?: boolean;
  /** Number of uploaded files. */
  files?: number;
  /** Flags allowed in this context. */
  allowedFlags?: number;
  /** Existing message (for PATCH emptiness checks). */
  existing?: { content: string; embeds: unknown[]; components: unknown[]; attachments: unknown[]; flags: number };
}

/** Validates a message create/edit body. Throws DiscordHttpError (50035 / 50006). */
export function validateMessageBody(body: Record<string, unknown>, opts: MessageCheckOptions = {}): void {
  const errors: FieldError[] = [];
  const flags = typeof body.flags === 'number' ? body.flags : (opts.existing?.flags ?? 0);
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') errors.push({ path: ['content'], code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
    else if (len(body.content) > LIMITS.content) errors.push(maxLen(['content'], LIMITS.content));
  }
  embedErrors(body.embeds, errors);
  componentErrors(body.components, v2, errors);
  if (v2) {
    if (typeof body.content === 'string' && body.content.length > 0) {
      errors.push({ path: ['content'], code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message: "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2" });
    }
    if (Array.isArray(body.embeds) && body.embeds.length > 0) {
      errors.push({ path: ['embeds'], code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message: "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2" });
    }
  }
  if (body.nonce !== undefined && body.nonce !== null) {
    const n = body.nonce;
    if (!(typeof n === 'number' && Number.isInteger(n)) && !(typeof n === 'string' && len(n) <= LIMITS.nonce)) {
      errors.push({ path: ['nonce'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.nonce} or fewer in length.` });
    }
  }
  if (opts.allowedFlags !== undefined && typeof body.flags === 'number' && (body.flags & ~opts.allowedFlags) !== 0) {
    errors.push({ path: ['flags'], code: 'MESSAGE_FLAGS_INVALID', message: 'Invalid message flags' });
  }
  if ((opts.files ?? 0) > LIMITS.files) errors.push(maxLen(['files'], LIMITS.files));
  if (isRecord(body.allowed_mentions)) {
    const am = body.allowed_mentions;
    const parse = Array.isArray(am.parse) ? am.parse : [];
    if (parse.includes('users') && Array.isArray(am.users) && am.users.length > 0) {
      errors.push({ path: ['allowed_mentions'], code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message: 'parse:["users"] and users: [ids...] are mutually exclusive.' });
    }
    if (parse.includes('roles') && Array.isArray(am.roles) && am.roles.length > 0) {
      errors.push({ path: ['allowed_mentions'], code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message: 'parse:["roles"] and roles: [ids...] are mutually exclusive.' });
    }
  }
  if (errors.length) throw invalidForm(errors);

  // Emptiness (50006) — after the field checks, like Discord.
  const hasText = (v: unknown) => typeof v === 'string' && v.length > 0;
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  const pick = (k: 'content' | 'embeds' | 'components' | 'attachments'): unknown => (body[k] !== undefined ? body[k] : opts.partial ? opts.existing?.[k] : undefined);
  const empty =
    !hasText(pick('content')) &&
    !nonEmpty(pick('embeds')) &&
    !nonEmpty(pick('components')) &&
    !nonEmpty(pick('attachments')) &&
    !(opts.files ?? 0) &&
    !nonEmpty(body.sticker_ids) &&
    !isRecord(body.poll);
  if (empty) {
    if (opts.partial && Object.keys(body).every((k) => !['content', 'embeds', 'components', 'attachments'].includes(k))) return;
    throw ERR.emptyMessage();
  }
}

// ---------------------------------------------------------------------------------------------
// Interaction callbacks
// ---------------------------------------------------------------------------------------------

export function validateAutocompleteChoices(data: unknown): Array<Record<string, unknown>> {
  const errors: FieldError[] = [];
  if (!isRecord(data) || !Array.isArray(data.choices)) {
    throw invalidForm([required(['data', 'choices'])]);
  }
  const choices = data.choices as unknown[];
  if (choices.length > LIMITS.autocompleteChoices) errors.push(maxLen(['data', 'choices'], LIMITS.autocompleteChoices));
  choices.forEach((c, i) => {
    if (!isRecord(c)) {
      errors.push({ path: ['data', 'choices', i], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' });
      return;
    }
    if (typeof c.name !== 'string' || len(c.name) < 1 || len(c.name) > LIMITS.choiceName) errors.push(badLen(['data', 'choices', i, 'name'], 1, LIMITS.choiceName));
    if (c.value === undefined || c.value === null) errors.push(required(['data', 'choices', i, 'value']));
    else if (typeof c.value === 'string' && len(c.value) > 100) errors.push(maxLen(['data', 'choices', i, 'value'], 100));
    checkLocalizations(c.name_localizations, ['data', 'choices', i, 'name_localizations'], errors, 1, 100);
  });
  if (errors.length) throw invalidForm(errors);
  return choices as Array<Record<string, unknown>>;
}

export function validateModal(data: unknown): void {
  const errors: FieldError[] = [];
  if (!isRecord(data)) throw invalidForm([required(['data'])]);
  if (typeof data.custom_id !== 'string' || len(data.custom_id) < 1 || len(data.custom_id) > 100) errors.push(badLen(['data', 'custom_id'], 1, 100));
  if (typeof data.title !== 'string' || len(data.title) < 1 || len(data.title) > 45) errors.push(badLen(['data', 'title'], 1, 45));
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) errors.push(badLen(['data', 'components'], 1, 5));
  if (errors.length) throw invalidForm(errors);
}
