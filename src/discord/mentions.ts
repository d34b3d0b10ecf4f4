import type { Message } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { CommandDeps } from '../../commands/command.ts';
import { answerQuestion } from '../../commands/ask.ts';
import { renderDiscord } from './render.ts';
import { resolveLanguage } from './language.ts';
import { clip } from './policy.ts';
import { DISCORD } from '../i18n/discord.ts';
import { botPermissionsIn, missingToPost } from './post-permissions.ts';
import { hasWords } from '../search/limits.ts';

/**
 * "@kernelbot what is kdbus?": the best answer as a reply. Discord delivers the content of a
 * message that mentions the bot even without the privileged message-content intent.
 */
export function createMentionHandler(deps: { commandDeps: CommandDeps; logger: Logger; botUserId: () => string | undefined }) {
  return async (message: Message): Promise<void> => {
    const botId = deps.botUserId();
    if (!botId || message.author.bot || !message.mentions.users.has(botId)) return;
    // A reply to one of our answers also "mentions" us; only a real @mention in the text is a question.
    if (!new RegExp(`<@!?${botId}>`).test(message.content)) return;
    const missing = message.inGuild() ? missingToPost(botPermissionsIn(message.channel), { inThread: message.channel.isThread(), asReply: true, embeds: true }) : [];
    if (missing.length > 0) {
      // Nothing can be said in the channel; the admin finds it in the log instead of a 403 per mention.
      deps.logger.warn({ channelId: message.channelId, missing, event: 'mention' }, 'cannot answer a mention in this channel: missing permissions');
      return;
    }
    try {
      const question = clip(
        message.content
          .replace(/<@!?\d+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
        200,
      );
      const lang = (question ? deps.commandDeps.search.languageOf(question) : null) ?? resolveLanguage(null, message.guild?.preferredLocale);
      const invocation = { lang, userId: message.author.id, guildId: message.guildId, channelId: message.channelId, canManageGuild: false };
      const reply = hasWords(question) ? await answerQuestion(question, invocation, deps.commandDeps) : { type: 'message' as const, lang, title: 'kernelbot', text: DISCORD[lang].mentionPrompt };
      const rendered = renderDiscord(reply, { ownerId: message.author.id });
      await message.reply({ embeds: rendered.embeds, components: rendered.components, allowedMentions: { parse: [], repliedUser: true } });
    } catch (error) {
      deps.logger.error({ err: error, channelId: message.channelId, event: 'mention' }, 'answering a mention failed');
    }
  };
}
