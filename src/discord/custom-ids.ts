import type { Language } from '../knowledge/schema.ts';

/**
 * Component custom ids carry everything a click needs, so a restart loses nothing:
 * "kb1|<action>|<arg>|…". Ids and snowflakes never contain "|"; the whole id stays ≤ 100 chars.
 */
export type ComponentAction =
  | { action: 'show'; entryId: string; lang: Language } // ephemeral full answer (related, did you mean)
  | { action: 'lang'; entryId: string; lang: Language } // re-render in the other language, ephemeral
  | { action: 'release'; version: string; lang: Language } // ephemeral release overview
  | { action: 'delete'; ownerId: string } // delete a public answer; only its asker may
  | { action: 'post'; entryId: string; lang: Language; messageId: string } // context menu: post as a reply
  | { action: 'related'; lang: Language } // the select menu; the chosen value is the entry id
  | { action: 'solved'; ownerId: string } // Q&A forum post: its author marks it solved
  | { action: 'unhelpful'; ownerId: string } // Q&A forum post: its author removes the suggestion
  | { action: 'dismiss'; ownerId: string }; // Q&A text channel: the asker removes the suggestion

const PREFIX = 'kb1';

export function encodeCustomId(action: ComponentAction): string {
  const parts: string[] = (() => {
    switch (action.action) {
      case 'show':
      case 'lang':
        return [action.action, action.entryId, action.lang];
      case 'release':
        return [action.action, action.version, action.lang];
      case 'delete':
      case 'solved':
      case 'unhelpful':
      case 'dismiss':
        return [action.action, action.ownerId];
      case 'post':
        return [action.action, action.entryId, action.lang, action.messageId];
      case 'related':
        return [action.action, action.lang];
    }
  })();
  const id = [PREFIX, ...parts].join('|');
  if (id.length > 100) throw new Error(`custom id too long: ${id.length} characters`);
  return id;
}

export function decodeCustomId(customId: string): ComponentAction | null {
  const [prefix, action, a = '', b = '', c = ''] = customId.split('|');
  if (prefix !== PREFIX) return null;
  const lang = (value: string): Language => (value === 'de' ? 'de' : 'en');
  switch (action) {
    case 'show':
    case 'lang':
      return a ? { action, entryId: a, lang: lang(b) } : null;
    case 'release':
      return a ? { action, version: a, lang: lang(b) } : null;
    case 'delete':
    case 'solved':
    case 'unhelpful':
    case 'dismiss':
      return a ? { action, ownerId: a } : null;
    case 'post':
      return a && c ? { action, entryId: a, lang: lang(b), messageId: c } : null;
    case 'related':
      return { action, lang: lang(a) };
    default:
      return null;
  }
}
