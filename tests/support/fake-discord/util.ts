/** Small helpers shared by the fake Discord modules. */

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
let lastMs = 0n;

/** A fresh, time-ordered snowflake. */
export function snowflake(): string {
  let ms = BigInt(Date.now()) - DISCORD_EPOCH;
  if (ms <= lastMs) ms = lastMs;
  if (ms !== lastMs) increment = 0n;
  lastMs = ms;
  increment += 1n;
  if (increment >= 4096n) {
    lastMs += 1n;
    ms = lastMs;
    increment = 1n;
  }
  return ((ms << 22n) | (1n << 17n) | increment).toString();
}

/** One error entry of Discord's `errors` tree. */
export interface FieldError {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** A REST error answered with Discord's JSON error body. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message, code: this.code, ...this.extra };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

/** Builds `{ a: { 0: { b: { _errors: [...] } } } }` from a list of field errors. */
function errorTree(errors: FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
    list.push({ code: e.code, message: e.message });
  }
  return root;
}

/** 400 / 50035 Invalid Form Body with an errors tree. */
export function invalidForm(errors: FieldError[]): DiscordHttpError {
  return new DiscordHttpError(400, 50035, 'Invalid Form Body', errorTree(errors));
}

export const ERR = {
  unknownChannel: () => new DiscordHttpError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordHttpError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => new DiscordHttpError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => new DiscordHttpError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => new DiscordHttpError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => new DiscordHttpError(404, 10062, 'Unknown interaction'),
  unknownMember: () => new DiscordHttpError(404, 10007, 'Unknown Member'),
  unknownUser: () => new DiscordHttpError(404, 10013, 'Unknown User'),
  alreadyAcked: () => new DiscordHttpError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new DiscordHttpError(403, 50001, 'Missing Access'),
  missingPermissions: () => new DiscordHttpError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => new DiscordHttpError(400, 50006, 'Cannot send an empty message'),
  cannotEditOthers: () => new DiscordHttpError(403, 50005, 'Cannot edit a message authored by another user'),
  wrongChannelType: () => new DiscordHttpError(400, 50008, 'Cannot send messages in a non-text channel'),
  invalidWebhookToken: () => new DiscordHttpError(401, 50027, 'Invalid Webhook Token'),
  unauthorized: () => new DiscordHttpError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordHttpError(404, 0, '404: Not Found'),
  threadArchived: () => new DiscordHttpError(400, 50083, 'Thread is archived'),
};

export function isoNow(): string {
  return new Date().toISOString();
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** String length as Discord counts it (code points). */
export function len(s: unknown): number {
  return typeof s === 'string' ? Array.from(s).length : 0;
}
