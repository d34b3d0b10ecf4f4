import { ChannelType, type AnyThreadChannel, type Message } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { QaService } from '../qa/service.ts';
import { resolveLanguage } from './language.ts';
import { renderForumSuggestion, renderTextSuggestion } from './qa-render.ts';
import { botPermissionsIn, missingToPost } from './post-permissions.ts';

/**
 * New posts in watched forums: suggest confident entries once per post. Without the message-content
 * intent the starter message arrives empty, so the title and tags carry the search.
 */
export function createForumPostHandler(deps: { qa: QaService; logger: Logger }) {
  return async (thread: AnyThreadChannel, newlyCreated: boolean): Promise<void> => {
    const forum = thread.parent;
    if (!newlyCreated || forum?.type !== ChannelType.GuildForum) return;
    try {
      if (!(await deps.qa.watched(forum.id, 'forum'))) return;
      // Checked before the post is claimed: a post the bot could not answer stays unclaimed and uncounted.
      const missing = missingToPost(botPermissionsIn(thread), { inThread: true, asReply: false, embeds: true });
      if (missing.length > 0) {
        deps.logger.warn({ threadId: thread.id, channelId: forum.id, missing, event: 'forum-post' }, 'cannot answer in this forum: missing permissions');
        return;
      }
      const starter = await thread.fetchStarterMessage().catch(() => null);
      if (starter?.author.bot) return;
      const tagNames = thread.appliedTags.map((id) => forum.availableTags.find((t) => t.id === id)?.name).filter((n): n is string => Boolean(n));
      const ownerId = thread.ownerId ?? starter?.author.id ?? null;
      const hits = await deps.qa.suggestForPost({ threadId: thread.id, channelId: forum.id, authorId: ownerId, title: thread.name, body: starter?.content ?? '', tags: tagNames });
      if (!hits || !ownerId) return;
      // Answer in the language the post is written in; the server's language when it is too short to tell.
      const lang = deps.qa.languageOf(`${thread.name}\n${starter?.content ?? ''}`) ?? resolveLanguage(null, thread.guild.preferredLocale);
      const message = await thread.send({ ...renderForumSuggestion(hits, lang, ownerId), allowedMentions: { parse: [] } });
      await deps.qa.suggestionPosted(thread.id, message.id);
    } catch (error) {
      deps.logger.error({ err: error, threadId: thread.id, event: 'forum-post' }, 'suggesting answers for a forum post failed');
    }
  };
}

/** Questions in watched text channels (needs message content): one high-confidence suggestion, with a cool-down. */
export function createTextQuestionHandler(deps: { qa: QaService; logger: Logger; botUserId: () => string | undefined }) {
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system || !message.content || !message.inGuild()) return;
    const botId = deps.botUserId();
    if (botId && message.mentions.users.has(botId)) return; // the mention handler answers those
    try {
      if (!(await deps.qa.watched(message.channelId, 'text'))) return;
      // Checked before the cool-down is taken: an entry the bot could not post is not held back for 30 minutes.
      const missing = missingToPost(botPermissionsIn(message.channel), { inThread: message.channel.isThread(), asReply: true, embeds: true });
      if (missing.length > 0) {
        deps.logger.warn({ channelId: message.channelId, missing, event: 'text-question' }, 'cannot answer in this channel: missing permissions');
        return;
      }
      const hit = await deps.qa.suggestForMessage(message.channelId, message.content);
      if (!hit) return;
      const lang = deps.qa.languageOf(message.content) ?? resolveLanguage(null, message.guild.preferredLocale);
      await message.reply({ ...renderTextSuggestion(hit, lang, message.author.id), allowedMentions: { parse: [], repliedUser: false } });
    } catch (error) {
      deps.logger.error({ err: error, channelId: message.channelId, event: 'text-question' }, 'suggesting an answer for a question failed');
    }
  };
}
