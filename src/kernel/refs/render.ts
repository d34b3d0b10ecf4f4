import type { Language } from '../../knowledge/schema.ts';
import type { RefView } from './service.ts';
import { LOOKUPS } from '../../i18n/lookups.ts';

/** One compact reply for the references in a message; links in <…> so Discord adds no previews. */
export function renderRefs(views: readonly RefView[], lang: Language): string {
  const t = LOOKUPS[lang];
  const blocks = views.map((view) => {
    switch (view.kind) {
      case 'commit': {
        const facts = [`commit ${view.id.slice(0, 12)}`, view.author, view.date.slice(0, 10)];
        if (view.tags.length > 0) facts.push(t.refTagged(view.tags.join(', ')));
        return `**${view.subject}**\n${facts.join(' · ')}\n<${view.url}>`;
      }
      case 'cve': {
        const facts: string[] = [];
        if (view.date) facts.push(t.refAnnounced(view.date));
        if (view.fixedIn.length > 0) facts.push(t.refFixedIn(view.fixedIn.join(', ')));
        return `**${view.id}**: ${view.subject}${facts.length > 0 ? `\n${facts.join(' · ')}` : ''}\n<${view.url}>`;
      }
      case 'lore':
        return `**${view.subject}**\n${[view.author, view.date].filter(Boolean).join(' · ')}\n<${view.url}>`;
    }
  });
  return clipMessage(blocks.join('\n\n'));
}

function clipMessage(text: string): string {
  return text.length <= 1900 ? text : `${text.slice(0, 1899)}…`;
}
