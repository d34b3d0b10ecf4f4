import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord-api-types/v10';
import type { SearchHit } from '../search/index.ts';
import type { Language } from '../knowledge/schema.ts';
import { entryRef } from '../answers/reply.ts';
import { encodeCustomId } from './custom-ids.ts';
import { buttonRow, showButton } from './render.ts';
import { clip, fitEmbed } from './policy.ts';
import { DISCORD } from '../i18n/discord.ts';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function oneLine(summary: string): string {
  const first = summary.split(/(?<=[.!?])\s/)[0] ?? summary;
  return clip(first, 160);
}

/** The one message on a new forum post: up to three entries, "show" buttons, and the author's two buttons. */
export function renderForumSuggestion(hits: SearchHit[], lang: Language, ownerId: string): { embeds: APIEmbed[]; components: Row[] } {
  const t = DISCORD[lang];
  const lines = hits.map((h) => `**${h.entry.title[lang]}** – ${oneLine(h.entry.summary[lang])}`);
  const embed = fitEmbed({
    title: t.forumTitle,
    description: `${lines.join('\n')}\n\n${t.forumButtons}`,
    color: 0xf5a623,
    footer: { text: 'kernelbot' },
  });
  const author: APIComponentInMessageActionRow[] = [
    { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: encodeCustomId({ action: 'solved', ownerId }), label: t.solvedButton, emoji: { name: '✅' } },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: encodeCustomId({ action: 'unhelpful', ownerId }), label: t.unhelpfulButton },
  ];
  return { embeds: [embed], components: [buttonRow(hits.map((h) => showButton(entryRef(h.entry, lang), lang))), buttonRow(author)] };
}

/** The short suggestion under a question in a watched text channel. */
export function renderTextSuggestion(hit: SearchHit, lang: Language, ownerId: string): { embeds: APIEmbed[]; components: Row[] } {
  const t = DISCORD[lang];
  const embed = fitEmbed({
    description: `${t.textSuggestion}: **${hit.entry.title[lang]}** – ${oneLine(hit.entry.summary[lang])}`,
    color: 0xf5a623,
  });
  const dismiss: APIComponentInMessageActionRow = {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: encodeCustomId({ action: 'dismiss', ownerId }),
    label: t.dismiss,
  };
  return { embeds: [embed], components: [buttonRow([showButton(entryRef(hit.entry, lang), lang), dismiss])] };
}
