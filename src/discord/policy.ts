import type { APIEmbed, APIAllowedMentions } from 'discord-api-types/v10';

/**
 * The one response policy: Discord's limits, enforced by trimming with a pointer to the full entry
 * (never by an API error), and mentions that can never reach @everyone, @here or a role.
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  selectOptions: 25,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;

/** The client default: user text never pings anyone. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** Only the named user may be pinged (the `mention:` option). */
export function mentionOnly(userId: string | null): APIAllowedMentions {
  return userId ? { parse: [], users: [userId] } : NO_MENTIONS;
}

export function clip(text: string, max: number, pointer = '…'): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - pointer.length - 1)).trimEnd()} ${pointer}`.slice(0, max);
}

/** Makes any embed fit Discord's limits; what is cut ends with the pointer (e.g. "full entry: /feature x"). */
export function fitEmbed(embed: APIEmbed, pointer = '…'): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = clip(fitted.title, LIMITS.embedTitle);
  if (fitted.description) fitted.description = clip(fitted.description, LIMITS.embedDescription, pointer);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: clip(fitted.footer.text, LIMITS.footer) };
  if (fitted.fields) {
    fitted.fields = fitted.fields
      .filter((f) => f.name.trim() && f.value.trim())
      .slice(0, LIMITS.embedFields)
      .map((f) => ({ ...f, name: clip(f.name, LIMITS.fieldName), value: clip(f.value, LIMITS.fieldValue, pointer) }));
  }
  // The 6,000-character total: drop trailing fields, then shorten the description.
  while (embedLength(fitted) > LIMITS.embedTotal && fitted.fields && fitted.fields.length > 0) fitted.fields = fitted.fields.slice(0, -1);
  if (embedLength(fitted) > LIMITS.embedTotal && fitted.description) {
    const over = embedLength(fitted) - LIMITS.embedTotal;
    fitted.description = clip(fitted.description, Math.max(1, fitted.description.length - over), pointer);
  }
  return fitted;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Neutralises markdown and mention syntax in user text we echo back (a question in a "not found" reply). */
export function escapeUserText(text: string): string {
  return text
    .replace(/[\\`*_~|>#[\]()-]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/<(?=[@#:a])/g, '<\u200b');
}
