/** What REST and helper modules need from the FakeDiscord instance, plus gateway publishing of state changes. */
import type { Gateway, GatewaySession } from './gateway.ts';
import { channelObject, Intents, memberObject } from './payloads.ts';
import { isThreadType, type FakeState } from './state.ts';
import type { FakeChannel, FakeMessage, RecordedRequest } from './types.ts';
import { clone } from './util.ts';

export interface Host {
  readonly token: string;
  readonly applicationId: string;
  readonly applicationFlags: number;
  readonly state: FakeState;
  readonly gateway: Gateway;
  readonly allowedPrivilegedIntents: number;
  readonly interactionDeadlineMs: number;
  readonly requests: RecordedRequest[];
  readonly unknownRequests: RecordedRequest[];
  readonly invalidRequests: RecordedRequest[];
  wsUrl(): string;
  httpBase(): string;
  emit(event: string, data: unknown): void;
}

/** Whether a message's content is visible to a receiver with these intents (Discord's MESSAGE_CONTENT rules). */
export function contentVisible(state: FakeState, message: FakeMessage, hasMessageContent: boolean): boolean {
  if (hasMessageContent) return true;
  if (message.author.id === state.botUserId) return true;
  if (!message.guild_id) return true;
  return message.mentions.some((u) => u.id === state.botUserId);
}

export function stripContent(message: Record<string, unknown>): Record<string, unknown> {
  return { ...message, content: '', embeds: [], attachments: [], components: [], ...(message.poll ? { poll: undefined } : {}) };
}

function gatewayMessage(host: Host, message: FakeMessage): Record<string, unknown> {
  const m: Record<string, unknown> = clone(message);
  if (message.guild_id) {
    const member = host.state.guilds.get(message.guild_id)?.members.get(message.author.id as string);
    if (member && !message.webhook_id) m.member = memberObject(member, { withUser: false });
  }
  return m;
}

export function publishMessageCreate(host: Host, message: FakeMessage): void {
  const payload = gatewayMessage(host, message);
  host.gateway.dispatch('MESSAGE_CREATE', payload, {
    intent: message.guild_id ? Intents.GuildMessages : Intents.DirectMessages,
    guildId: message.guild_id,
    perSession: (d, s: GatewaySession) => (contentVisible(host.state, message, (s.intents & Intents.MessageContent) !== 0) ? d : stripContent(d as Record<string, unknown>)),
  });
}

export function publishMessageUpdate(host: Host, message: FakeMessage): void {
  const payload = gatewayMessage(host, message);
  host.gateway.dispatch('MESSAGE_UPDATE', payload, {
    intent: message.guild_id ? Intents.GuildMessages : Intents.DirectMessages,
    guildId: message.guild_id,
    perSession: (d, s: GatewaySession) => (contentVisible(host.state, message, (s.intents & Intents.MessageContent) !== 0) ? d : stripContent(d as Record<string, unknown>)),
  });
}

export function publishMessageDelete(host: Host, message: FakeMessage): void {
  host.gateway.dispatch(
    'MESSAGE_DELETE',
    { id: message.id, channel_id: message.channel_id, ...(message.guild_id ? { guild_id: message.guild_id } : {}) },
    { intent: message.guild_id ? Intents.GuildMessages : Intents.DirectMessages, guildId: message.guild_id },
  );
}

export function publishChannel(host: Host, event: 'CREATE' | 'UPDATE' | 'DELETE', channel: FakeChannel, extra: Record<string, unknown> = {}): void {
  const thread = isThreadType(channel.type);
  host.gateway.dispatch(
    `${thread ? 'THREAD' : 'CHANNEL'}_${event}`,
    { ...channelObject(channel), ...extra },
    {
      intent: Intents.Guilds,
      guildId: channel.guild_id,
    },
  );
}
