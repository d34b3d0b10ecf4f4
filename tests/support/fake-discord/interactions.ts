/** Test-side driving: builds INTERACTION_CREATE payloads the way Discord does and tracks the bot's answers. */
import type { Gateway } from './gateway.ts';
import { interactionChannel, memberObject } from './payloads.ts';
import { has, P, toBits } from './permissions.ts';
import { newInteractionRecord, type FakeState, type InteractionState } from './state.ts';
import type { FakeMessage, FakeUserRef, FakeUserSpec, InteractionCallbackBody, InteractionResponseRecord, PermissionInput } from './types.ts';
import { clone, isRecord, snowflake } from './util.ts';
import { randomBytes } from 'node:crypto';

export interface Driver {
  readonly state: FakeState;
  readonly gateway: Gateway;
  readonly applicationId: string;
  readonly defaultUser: FakeUserSpec;
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number, describe?: () => string): Promise<T>;
  emit(event: string, data: unknown): void;
}

/** Who triggers an interaction, and where. */
export interface InteractionContext {
  user?: FakeUserRef;
  guildId?: string;
  channelId?: string;
  /** The user's client locale (default en-US). */
  locale?: string;
  /** Override the member's computed permissions (bitfield or flag names). */
  memberPermissions?: PermissionInput;
  /** Set the member's roles before the interaction. */
  roles?: string[];
  /** Autocomplete: the option being typed (alternative to `{ value, focused: true }`). */
  focused?: string;
}

/** A user, a user id, or a full context. */
export type UserOrContext = FakeUserRef | InteractionContext;

export function toContext(u: UserOrContext | undefined): InteractionContext {
  if (u === undefined) return {};
  if (typeof u === 'string') return { user: u };
  if ('id' in u && typeof u.id === 'string') return { user: u };
  return u as InteractionContext;
}

export type OptionValue = string | number | boolean | FakeUserSpec | { value: string | number; focused: true } | AttachmentInput;
interface AttachmentInput {
  filename: string;
  size?: number;
  content_type?: string;
  url?: string;
}

/** The awaitable result of an interaction helper. */
export class InteractionHandle {
  constructor(
    private readonly driver: Driver,
    readonly id: string,
    readonly token: string,
    /** The INTERACTION_CREATE payload that was dispatched. */
    readonly payload: Record<string, unknown>,
  ) {}

  private get state(): InteractionState {
    const s = this.driver.state.interactions.get(this.id);
    if (!s) throw new Error(`fake-discord: interaction ${this.id} vanished`);
    return s;
  }

  /** Everything answered so far. */
  get record(): InteractionResponseRecord {
    return this.state.record;
  }

  private describe = () =>
    `interaction ${this.id} (${String((this.payload.data as { name?: string; custom_id?: string })?.name ?? (this.payload.data as { custom_id?: string })?.custom_id)}) log: ${JSON.stringify(this.record.log)}`;

  /** Resolves with the bot's first accepted callback `{ type, data }`. */
  reply(timeoutMs = 5000): Promise<InteractionCallbackBody> {
    return this.driver.waitFor(() => this.record.callback, timeoutMs, this.describe);
  }

  /**
   * Resolves with the answer's data, however the bot gave it: in its first callback, or after a
   * deferral (type 5, as a slow handler does) in the first edit of @original.
   */
  async answer(timeoutMs = 5000): Promise<Record<string, unknown> | undefined> {
    const callback = await this.reply(timeoutMs);
    return callback.type === 5 ? await this.edit(0, timeoutMs) : callback.data;
  }

  /** Autocomplete: resolves with the offered choices. */
  async choices(timeoutMs = 5000): Promise<Array<{ name: string; value: string | number; [k: string]: unknown }>> {
    const cb = await this.reply(timeoutMs);
    if (cb.type !== 8) throw new Error(`fake-discord: expected an autocomplete result (type 8), got type ${cb.type}`);
    return (cb.data?.choices ?? []) as Array<{ name: string; value: string | number }>;
  }

  /** Resolves with the original response message (after a callback that created or targeted one). */
  original(timeoutMs = 5000): Promise<FakeMessage> {
    return this.driver.waitFor(() => this.record.original, timeoutMs, this.describe);
  }

  /** Resolves with the n-th (0-based) PATCH body applied to @original. */
  edit(index = 0, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return this.driver.waitFor(() => this.record.edits[index], timeoutMs, this.describe);
  }

  /** Resolves with the n-th (0-based) follow-up message. */
  followUp(index = 0, timeoutMs = 5000): Promise<FakeMessage> {
    return this.driver.waitFor(() => this.record.followUps[index], timeoutMs, this.describe);
  }

  /** Waits until `predicate(record)` holds; resolves with the record. */
  until(predicate: (r: InteractionResponseRecord) => boolean, timeoutMs = 5000): Promise<InteractionResponseRecord> {
    return this.driver.waitFor(() => (predicate(this.record) ? this.record : undefined), timeoutMs, this.describe);
  }

  /** Waits for the first rejected attempt (e.g. a 40060 double acknowledgement). */
  rejection(timeoutMs = 5000) {
    return this.driver.waitFor(() => this.record.log.find((l) => l.kind === 'rejected'), timeoutMs, this.describe);
  }

  /** After the bot answered with a modal (type 9): submits it with text input values by custom_id. */
  submitModal(values: Record<string, string>, user?: UserOrContext): InteractionHandle {
    const modal = this.state.modal;
    if (!modal) throw new Error('fake-discord: the bot did not show a modal for this interaction');
    const known = new Set<string>();
    const mapInput = (c: Record<string, unknown>): Record<string, unknown> => {
      const id = String(c.custom_id);
      known.add(id);
      if (c.required !== false && c.type === 4 && values[id] === undefined) throw new Error(`fake-discord: modal input ${id} is required`);
      return { type: c.type, id: c.id, custom_id: id, value: values[id] ?? '' };
    };
    const components = ((modal.components ?? []) as Array<Record<string, unknown>>).map((row) => {
      if (row.type === 18 && isRecord(row.component)) return { type: 18, id: row.id, component: mapInput(row.component) };
      return { type: row.type, id: row.id, components: ((row.components ?? []) as Array<Record<string, unknown>>).map(mapInput) };
    });
    for (const k of Object.keys(values)) if (!known.has(k)) throw new Error(`fake-discord: the modal has no input ${k}`);
    const ctx = { ...toContext(user ?? this.state.userId), guildId: this.state.guildId ?? undefined, channelId: this.state.channelId };
    const source = this.state.sourceMessageId ? this.driver.state.messageById.get(this.state.sourceMessageId) : undefined;
    return sendInteraction(this.driver, 5, { custom_id: modal.custom_id, components }, ctx, { message: source });
  }
}

function resolveContext(driver: Driver, ctx: InteractionContext) {
  const state = driver.state;
  let guildId = ctx.guildId;
  let channelId = ctx.channelId;
  if (channelId && !guildId) guildId = state.channels.get(channelId)?.guild_id;
  if (!guildId) guildId = [...state.guilds.keys()][0];
  if (!guildId) throw new Error('fake-discord: no guild configured');
  const guild = state.guilds.get(guildId);
  if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
  if (!channelId) channelId = state.guildChannels(guildId).find((c) => c.type === 0)?.id;
  if (!channelId || !state.channels.has(channelId)) throw new Error(`fake-discord: unknown channel ${String(channelId)}`);
  const member = state.ensureMember(guildId, ctx.user ?? driver.defaultUser, ctx.roles);
  const userId = member.user.id as string;
  const perms = ctx.memberPermissions !== undefined ? toBits(ctx.memberPermissions) : state.channelPermissions(channelId, userId);
  return { guild, guildId, channelId, member, userId, perms };
}

/** Dispatches an INTERACTION_CREATE and registers it for response tracking. */
function sendInteraction(driver: Driver, type: number, data: Record<string, unknown>, ctx: InteractionContext, extra: { message?: FakeMessage } = {}): InteractionHandle {
  const state = driver.state;
  const { guild, guildId, channelId, member, userId, perms } = resolveContext(driver, ctx);
  if (driver.gateway.activeSessions().length === 0) throw new Error('fake-discord: no bot is connected to the gateway');
  const id = snowflake();
  const token = `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`;
  const payload: Record<string, unknown> = {
    id,
    application_id: driver.applicationId,
    type,
    data,
    guild_id: guildId,
    guild: { id: guildId, locale: guild.preferred_locale, features: [...guild.features] },
    channel: interactionChannel(state, channelId, userId),
    channel_id: channelId,
    member: memberObject(member, { permissions: perms }),
    token,
    version: 1,
    app_permissions: state.channelPermissions(channelId, state.botUserId).toString(),
    locale: ctx.locale ?? 'en-US',
    guild_locale: guild.preferred_locale,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (extra.message) payload.message = clone(extra.message);
  const it: InteractionState = {
    id,
    token,
    type,
    payload,
    createdAt: Date.now(),
    acked: false,
    guildId,
    channelId,
    userId,
    sourceMessageId: extra.message?.id,
    record: newInteractionRecord(id, type),
  };
  state.interactions.set(id, it);
  driver.gateway.dispatch('INTERACTION_CREATE', payload);
  driver.emit('interactionCreate', payload);
  return new InteractionHandle(driver, id, token, payload);
}

// --- application commands ------------------------------------------------------------------

type OptionDef = Record<string, unknown> & { name: string; type: number; options?: OptionDef[] };

function findCommandOrThrow(driver: Driver, name: string, type: number, ctx: InteractionContext) {
  const { guildId } = resolveContext(driver, { ...ctx, user: ctx.user ?? driver.defaultUser });
  const cmd = driver.state.findCommand(name, type, guildId);
  if (!cmd) throw new Error(`fake-discord: command "${name}" (type ${type}) is not registered (global or in guild ${guildId})`);
  return cmd;
}

function checkCommandAccess(driver: Driver, cmd: Record<string, unknown>, ctx: InteractionContext) {
  const { perms, userId } = resolveContext(driver, ctx);
  if (!has(perms, P.UseApplicationCommands)) throw new Error(`fake-discord: user ${userId} may not use application commands in this channel`);
  const dmp = cmd.default_member_permissions;
  if (typeof dmp === 'string') {
    const need = BigInt(dmp);
    const ok = need === 0n ? has(perms, P.Administrator) : has(perms, need) || has(perms, P.Administrator);
    if (!ok) throw new Error(`fake-discord: user ${userId} lacks default_member_permissions ${dmp} for /${String(cmd.name)}`);
  }
  const contexts = cmd.contexts as number[] | null | undefined;
  if (Array.isArray(contexts) && !contexts.includes(0)) throw new Error(`fake-discord: /${String(cmd.name)} is not available in guilds (contexts ${contexts.join(',')})`);
}

function resolvedFor(driver: Driver, guildId: string, channelId: string) {
  const resolved: Record<string, Record<string, unknown>> = {};
  const put = (kind: string, id: string, v: unknown) => ((resolved[kind] ??= {})[id] = v);
  return {
    resolved,
    user(ref: FakeUserRef) {
      const member = driver.state.ensureMember(guildId, ref);
      const uid = member.user.id as string;
      put('users', uid, clone(member.user));
      put('members', uid, memberObject(member, { withUser: false, permissions: driver.state.channelPermissions(channelId, uid) }));
      return uid;
    },
    role(id: string) {
      const role = driver.state.guilds.get(guildId)?.roles.find((r) => r.id === id);
      if (!role) return false;
      put('roles', id, clone(role));
      return true;
    },
    channel(id: string) {
      const ch = driver.state.channels.get(id);
      if (!ch) return undefined;
      put('channels', id, {
        id,
        name: ch.name,
        type: ch.type,
        permissions: driver.state.channelPermissions(id, driver.state.botUserId).toString(),
        ...(ch.parent_id ? { parent_id: ch.parent_id } : {}),
        ...(ch.thread_metadata ? { thread_metadata: ch.thread_metadata } : {}),
      });
      return ch;
    },
    attachment(a: AttachmentInput) {
      const id = snowflake();
      put('attachments', id, {
        id,
        filename: a.filename,
        size: a.size ?? 0,
        content_type: a.content_type ?? 'application/octet-stream',
        url: a.url ?? `https://cdn.discordapp.com/ephemeral-attachments/${id}/${a.filename}`,
        proxy_url: a.url ?? `https://media.discordapp.net/ephemeral-attachments/${id}/${a.filename}`,
        ephemeral: true,
      });
      return id;
    },
  };
}

function buildOptions(
  driver: Driver,
  cmdName: string,
  defs: OptionDef[],
  given: Record<string, OptionValue>,
  mode: 'command' | 'autocomplete',
  focusedName: string | undefined,
  res: ReturnType<typeof resolvedFor>,
  channelIdForTypes: string,
): { options: Array<Record<string, unknown>>; focused: number } {
  const out: Array<Record<string, unknown>> = [];
  let focused = 0;
  for (const key of Object.keys(given)) {
    if (!defs.some((d) => d.name === key)) throw new Error(`fake-discord: /${cmdName} has no option "${key}"`);
  }
  for (const def of defs) {
    const raw = given[def.name];
    if (raw === undefined) {
      if (def.required === true && mode === 'command') throw new Error(`fake-discord: /${cmdName} requires option "${def.name}"`);
      continue;
    }
    const isFocused = (isRecord(raw) && (raw as { focused?: boolean }).focused === true) || focusedName === def.name;
    if (mode === 'autocomplete' && isFocused) {
      if (def.autocomplete !== true) throw new Error(`fake-discord: option "${def.name}" of /${cmdName} has no autocomplete`);
      const v = isRecord(raw) && 'value' in raw ? (raw as { value: unknown }).value : raw;
      out.push({ name: def.name, type: def.type, value: String(v), focused: true });
      focused++;
      continue;
    }
    const value = convertValue(cmdName, def, raw, res, channelIdForTypes, mode);
    out.push({ name: def.name, type: def.type, value });
  }
  return { options: out, focused };
}

function convertValue(cmdName: string, def: OptionDef, raw: OptionValue, res: ReturnType<typeof resolvedFor>, _channelId: string, mode: 'command' | 'autocomplete'): unknown {
  const fail = (why: string) => new Error(`fake-discord: /${cmdName} option "${def.name}": ${why}`);
  const strict = mode === 'command';
  const choices = def.choices as Array<{ value: unknown }> | undefined;
  const inChoices = (v: unknown) => !strict || !Array.isArray(choices) || choices.length === 0 || choices.some((c) => c.value === v);
  switch (def.type) {
    case 3: {
      if (typeof raw !== 'string') throw fail('expected a string');
      if (strict && typeof def.min_length === 'number' && Array.from(raw).length < def.min_length) throw fail(`shorter than min_length ${def.min_length}`);
      if (strict && typeof def.max_length === 'number' && Array.from(raw).length > def.max_length) throw fail(`longer than max_length ${def.max_length}`);
      if (!inChoices(raw)) throw fail(`"${raw}" is not one of the choices`);
      return raw;
    }
    case 4:
    case 10: {
      if (typeof raw !== 'number' || (def.type === 4 && !Number.isInteger(raw))) throw fail(def.type === 4 ? 'expected an integer' : 'expected a number');
      if (strict && typeof def.min_value === 'number' && raw < def.min_value) throw fail(`below min_value ${def.min_value}`);
      if (strict && typeof def.max_value === 'number' && raw > def.max_value) throw fail(`above max_value ${def.max_value}`);
      if (!inChoices(raw)) throw fail(`${raw} is not one of the choices`);
      return raw;
    }
    case 5:
      if (typeof raw !== 'boolean') throw fail('expected a boolean');
      return raw;
    case 6:
      if (typeof raw !== 'string' && !(isRecord(raw) && typeof (raw as Record<string, unknown>).id === 'string')) throw fail('expected a user id or user');
      return res.user(raw as FakeUserRef);
    case 7: {
      if (typeof raw !== 'string') throw fail('expected a channel id');
      const ch = res.channel(raw);
      if (!ch) throw fail(`unknown channel ${raw}`);
      const types = def.channel_types as number[] | undefined;
      if (Array.isArray(types) && types.length && !types.includes(ch.type)) throw fail(`channel type ${ch.type} not allowed`);
      return raw;
    }
    case 8:
      if (typeof raw !== 'string' || !res.role(raw)) throw fail('expected a role id of the guild');
      return raw;
    case 9:
      if (typeof raw === 'string' && res.role(raw)) return raw;
      if (typeof raw !== 'string' && !(isRecord(raw) && typeof (raw as Record<string, unknown>).id === 'string')) throw fail('expected a user or role');
      return res.user(raw as FakeUserRef);
    case 11:
      if (!isRecord(raw) || typeof (raw as Record<string, unknown>).filename !== 'string') throw fail('expected { filename, size?, content_type? }');
      return res.attachment(raw as unknown as AttachmentInput);
    default:
      throw fail(`unsupported option type ${def.type}`);
  }
}

/** Builds `data` for a chat-input command or its autocomplete. `name` may be "cmd sub" or "cmd group sub". */
export function commandInteraction(driver: Driver, fullName: string, given: Record<string, OptionValue>, ctx: InteractionContext, mode: 'command' | 'autocomplete'): InteractionHandle {
  const [name = '', ...path] = fullName.trim().split(/\s+/);
  const cmd = findCommandOrThrow(driver, name, 1, ctx);
  checkCommandAccess(driver, cmd, ctx);
  const { guildId, channelId } = resolveContext(driver, ctx);
  const res = resolvedFor(driver, guildId, channelId);
  let defs = (cmd.options ?? []) as OptionDef[];
  const wrappers: Array<{ name: string; type: number }> = [];
  for (const seg of path) {
    const sub = defs.find((d) => d.name === seg && (d.type === 1 || d.type === 2));
    if (!sub) throw new Error(`fake-discord: /${name} has no subcommand (group) "${seg}"`);
    wrappers.push({ name: sub.name, type: sub.type });
    defs = sub.options ?? [];
  }
  if (defs.some((d) => d.type === 1 || d.type === 2)) throw new Error(`fake-discord: /${fullName} needs a subcommand`);
  const built = buildOptions(driver, fullName, defs, given, mode, ctx.focused, res, channelId);
  if (mode === 'autocomplete' && built.focused !== 1) {
    throw new Error(`fake-discord: autocomplete needs exactly one focused option (mark it { value, focused: true } or pass ctx.focused)`);
  }
  let options: Array<Record<string, unknown>> = built.options;
  for (const w of wrappers.reverse()) options = [{ name: w.name, type: w.type, options }];
  const data: Record<string, unknown> = { id: cmd.id, name: cmd.name, type: 1, options };
  if (cmd.guild_id) data.guild_id = cmd.guild_id;
  if (Object.keys(res.resolved).length) data.resolved = res.resolved;
  return sendInteraction(driver, mode === 'command' ? 2 : 4, data, ctx);
}

export function contextMenuInteraction(driver: Driver, name: string, type: 2 | 3, target: FakeMessage | FakeUserRef, ctx: InteractionContext): InteractionHandle {
  let context = ctx;
  if (type === 3) {
    const msg = target as FakeMessage;
    context = { ...ctx, channelId: ctx.channelId ?? msg.channel_id };
  }
  const cmd = findCommandOrThrow(driver, name, type, context);
  checkCommandAccess(driver, cmd, context);
  const { guildId, channelId } = resolveContext(driver, context);
  const res = resolvedFor(driver, guildId, channelId);
  let targetId: string;
  if (type === 3) {
    const msg = target as FakeMessage;
    targetId = msg.id;
    res.resolved.messages = { [msg.id]: clone(msg) };
  } else {
    targetId = res.user(target);
  }
  const data: Record<string, unknown> = { id: cmd.id, name: cmd.name, type, target_id: targetId, resolved: res.resolved };
  if (cmd.guild_id) data.guild_id = cmd.guild_id;
  return sendInteraction(driver, 2, data, context);
}

// --- components ----------------------------------------------------------------------------

function findComponent(components: unknown[], customId: string): Record<string, unknown> | undefined {
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c.custom_id === customId) return c;
    if (Array.isArray(c.components)) {
      const inner = findComponent(c.components, customId);
      if (inner) return inner;
    }
    if (isRecord(c.accessory) && c.accessory.custom_id === customId) return c.accessory;
  }
  return undefined;
}

function resolveMessage(driver: Driver, m: FakeMessage | string): FakeMessage {
  const id = typeof m === 'string' ? m : m.id;
  const msg = driver.state.messageById.get(id);
  if (!msg || driver.state.deletedMessages.has(id)) throw new Error(`fake-discord: unknown message ${id}`);
  return msg;
}

export function buttonInteraction(driver: Driver, m: FakeMessage | string, customId: string, ctx: InteractionContext): InteractionHandle {
  const message = resolveMessage(driver, m);
  const comp = findComponent(message.components, customId);
  if (!comp) throw new Error(`fake-discord: message ${message.id} has no component "${customId}"`);
  if (comp.type !== 2) throw new Error(`fake-discord: component "${customId}" is not a button`);
  if (comp.disabled === true) throw new Error(`fake-discord: button "${customId}" is disabled`);
  if (comp.style === 5 || comp.style === 6) throw new Error(`fake-discord: button "${customId}" cannot be clicked by the bot's interaction flow`);
  return sendInteraction(driver, 3, { custom_id: customId, component_type: 2 }, { ...ctx, channelId: message.channel_id }, { message });
}

export function selectInteraction(driver: Driver, m: FakeMessage | string, customId: string, values: string[], ctx: InteractionContext): InteractionHandle {
  const message = resolveMessage(driver, m);
  const comp = findComponent(message.components, customId);
  if (!comp) throw new Error(`fake-discord: message ${message.id} has no component "${customId}"`);
  const type = comp.type as number;
  if (![3, 5, 6, 7, 8].includes(type)) throw new Error(`fake-discord: component "${customId}" is not a select menu`);
  if (comp.disabled === true) throw new Error(`fake-discord: select "${customId}" is disabled`);
  const min = (comp.min_values as number | undefined) ?? 1;
  const max = (comp.max_values as number | undefined) ?? 1;
  if (values.length < min || values.length > max) throw new Error(`fake-discord: select "${customId}" takes ${min}..${max} values, got ${values.length}`);
  const context = { ...ctx, channelId: message.channel_id };
  const { guildId, channelId } = resolveContext(driver, context);
  const res = resolvedFor(driver, guildId, channelId);
  if (type === 3) {
    const offered = ((comp.options ?? []) as Array<{ value: string }>).map((o) => o.value);
    for (const v of values) if (!offered.includes(v)) throw new Error(`fake-discord: select "${customId}" does not offer "${v}"`);
  } else {
    for (const v of values) {
      if (type === 5) res.user(v);
      else if (type === 6) {
        if (!res.role(v)) throw new Error(`fake-discord: unknown role ${v}`);
      } else if (type === 7) {
        if (!res.role(v)) res.user(v);
      } else if (!res.channel(v)) throw new Error(`fake-discord: unknown channel ${v}`);
    }
  }
  const data: Record<string, unknown> = { custom_id: customId, component_type: type, values };
  if (type !== 3) data.resolved = res.resolved;
  return sendInteraction(driver, 3, data, context, { message });
}
