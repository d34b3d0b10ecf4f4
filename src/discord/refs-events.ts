import type { Message } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { RefsService } from '../kernel/refs/service.ts';
import { renderRefs } from '../kernel/refs/render.ts';
import { resolveLanguage } from './language.ts';
import { botPermissionsIn, missingToPost } from './post-permissions.ts';

/**
 * Commit ids, CVE ids and lore links in opted-in channels (needs the message-content intent): one
 * reply per message with what kernel.org says about them. Bots, other channels, misses and failed
 * lookups get silence; nothing in the reply can ping anyone.
 */
export function createRefsHandler(deps: { refs: RefsService; logger: Logger }) {
  const handled = new Set<string>();
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system || !message.content || !message.inGuild()) return;
    if (handled.has(message.id)) return;
    handled.add(message.id);
    if (handled.size > 5_000) handled.delete(handled.values().next().value!);
    try {
      if (!(await deps.refs.channels.isEnabled(message.channelId))) return;
      // Checked before any lookup: a channel the bot may no longer post in costs no kernel.org request.
      const missing = missingToPost(botPermissionsIn(message.channel), { inThread: message.channel.isThread(), asReply: true, embeds: false });
      if (missing.length > 0) {
        deps.logger.warn({ channelId: message.channelId, missing, event: 'kernel-refs' }, 'cannot explain references in this channel: missing permissions');
        return;
      }
      const views = await deps.refs.explain(message.content);
      if (views.length === 0) return;
      const lang = resolveLanguage(null, message.guild.preferredLocale);
      await message.reply({ content: renderRefs(views, lang), allowedMentions: { parse: [], repliedUser: false } });
    } catch (error) {
      deps.logger.error({ err: error, channelId: message.channelId, event: 'kernel-refs' }, 'explaining kernel references failed');
    }
  };
}
