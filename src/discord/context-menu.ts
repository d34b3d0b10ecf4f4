import type { Message, MessageContextMenuCommandInteraction } from 'discord.js';
import { replyForOutcome, entryRef } from '../answers/reply.ts';
import { renderDiscord, postButton, buttonRow } from './render.ts';
import { resolveLanguage } from './language.ts';
import { clip } from './policy.ts';
import { ephemeral, type RouterDeps } from './interactions.ts';
import { FIND_ANSWER_MENU } from '../../commands/find-answer.ts';
import { DISCORD } from '../i18n/discord.ts';
import { hasWords } from '../search/limits.ts';

/** "Find kernel answer" on a message: ephemeral suggestions, each with a button to post it as a reply. */
export async function handleFindAnswer(interaction: MessageContextMenuCommandInteraction, deps: RouterDeps): Promise<void> {
  if (interaction.commandName !== FIND_ANSWER_MENU.name) throw new Error(`no handler for menu ${interaction.commandName}`);
  const lang = resolveLanguage(null, interaction.guildLocale);
  const { search } = deps.commandDeps;
  const text = clip(messageText(interaction.targetMessage), 300);
  if (!hasWords(text)) {
    await interaction.reply(ephemeral(renderDiscord({ type: 'message', lang, title: 'kernelbot', text: DISCORD[lang].nothingToLookUp }, { ephemeral: true })));
    return;
  }
  const outcome = search.search(text);
  await deps.commandDeps.services?.qa?.recordOutcome(text, outcome, lang);
  const reply = replyForOutcome(outcome, search, lang);
  const rendered = renderDiscord(reply, { ephemeral: true });
  if (outcome.answered) {
    const refs = outcome.hits.slice(0, 3).map((h) => entryRef(h.entry, lang));
    rendered.components = [buttonRow(refs.map((r) => postButton(r, lang, interaction.targetId)))];
  }
  await interaction.reply(ephemeral(rendered));
}

/** What a message says: its text, else the title and description of its embeds (a link preview, another bot's post). */
function messageText(message: Message): string {
  const content = message.content.trim();
  if (content) return content;
  return message.embeds
    .flatMap((embed) => [embed.title, embed.description])
    .filter((part): part is string => Boolean(part?.trim()))
    .join('\n')
    .trim();
}
