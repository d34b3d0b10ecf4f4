/** Shared message helpers: attachments from uploads, replies. */
import type { UploadedFile } from './rest.ts';
import type { FakeState } from './state.ts';
import type { FakeMessage } from './types.ts';
import { clone, invalidForm, isRecord, snowflake } from './util.ts';

/** Turns uploaded files + `attachments: [{id}]` metadata into Discord attachment objects. */
export function buildAttachments(channelId: string, body: Record<string, unknown>, files: UploadedFile[], existing: Array<Record<string, unknown>> = []) {
  const meta = Array.isArray(body.attachments) ? (body.attachments as Array<Record<string, unknown>>) : [];
  const out: Array<Record<string, unknown>> = [];
  files.forEach((f, i) => {
    const idx = /\[(\d+)\]/.exec(f.field)?.[1] ?? String(i);
    const m = meta.find((a) => String(a.id) === idx) ?? {};
    const id = snowflake();
    const filename = (m.filename as string | undefined) ?? f.filename;
    out.push({
      id,
      filename,
      size: f.size,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
      content_type: f.contentType,
      ...(m.description ? { description: m.description } : {}),
    });
  });
  // Keep previously uploaded attachments that the edit lists by their existing id.
  for (const m of meta) {
    const kept = existing.find((a) => a.id === m.id);
    if (kept) out.push(kept);
  }
  return out;
}

/** Resolves `message_reference` for a reply; returns false when the message is sent without it. */
export function applyReply(state: FakeState, message: FakeMessage, body: Record<string, unknown>): void {
  const ref = body.message_reference;
  if (!isRecord(ref) || typeof ref.message_id !== 'string') return;
  if (ref.type === 1) return; // forwards are not modelled
  const channelId = typeof ref.channel_id === 'string' ? ref.channel_id : message.channel_id;
  const target = state.getMessage(channelId, ref.message_id);
  if (!target || channelId !== message.channel_id) {
    if (ref.fail_if_not_exists === false) return;
    throw invalidForm([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]);
  }
  message.type = 19;
  message.message_reference = { type: 0, channel_id: channelId, message_id: target.id, ...(target.guild_id ? { guild_id: target.guild_id } : {}) };
  const referenced = clone(target);
  delete referenced.referenced_message;
  message.referenced_message = referenced;
  const am = body.allowed_mentions as { replied_user?: boolean } | undefined;
  if ((am?.replied_user ?? true) && !message.mentions.some((u) => u.id === target.author.id)) {
    message.mentions.push(clone(target.author));
  }
}
