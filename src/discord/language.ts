import type { Language } from '../knowledge/schema.ts';

/** The lang option wins, then the server's preferred locale, then English. */
export function resolveLanguage(option: string | null | undefined, guildLocale: string | null | undefined): Language {
  if (option === 'de' || option === 'en') return option;
  return guildLocale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}
