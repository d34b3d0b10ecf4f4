/** REST routes for interactions: the callback and the interaction webhooks (@original, follow-ups). */
import { publishMessageCreate, publishMessageDelete, publishMessageUpdate, type Host } from './host.ts';
import { MessageFlags, validateAutocompleteChoices, validateMessageBody, validateModal } from './limits.ts';
import { buildAttachments } from './messages.ts';
import type { RouteContext, RouteDef } from './rest.ts';
import type { InteractionState } from './state.ts';
import type { FakeMessage, InteractionCallbackBody } from './types.ts';
import { DiscordHttpError, ERR, invalidForm, isRecord } from './util.ts';

const TOKEN_TTL_MS = 15 * 60_000;
const RESPONSE_FLAGS = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/** Which callback types fit which interaction types (1 ping, 2 command, 3 component, 4 autocomplete, 5 modal submit). */
const ALLOWED: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

function interactionMessage(host: Host, it: InteractionState, body: Record<string, unknown>, flags: number): FakeMessage {
  const message = host.state.buildMessage(it.channelId, host.state.botUser, { ...body, flags });
  const data = (it.payload.data ?? {}) as Record<string, unknown>;
  const user = (it.payload.member as { user?: unknown } | undefined)?.user ?? it.payload.user;
  message.type = it.type === 2 ? (data.type === 1 || data.type === undefined ? 20 : 23) : 0;
  message.webhook_id = host.applicationId;
  message.application_id = host.applicationId;
  message.interaction_metadata = {
    id: it.id,
    type: it.type,
    user,
    authorizing_integration_owners: it.payload.authorizing_integration_owners,
    ...(it.type === 2 ? { name: data.name, command_type: data.type ?? 1 } : {}),
    ...(it.sourceMessageId ? { interacted_message_id: it.sourceMessageId } : {}),
  };
  message.interaction = { id: it.id, type: it.type, name: data.name ?? '', user };
  return message;
}

function storeAndPublish(host: Host, message: FakeMessage, ephemeral: boolean): void {
  host.state.storeMessage(message, { ephemeral });
  if (!ephemeral) {
    publishMessageCreate(host, message);
    host.emit('message', message);
  }
}

function callback(ctx: RouteContext) {
  const host = ctx.host;
  const it = host.state.interactions.get(ctx.params.interaction ?? '');
  const body = (isRecord(ctx.body) ? ctx.body : {}) as unknown as InteractionCallbackBody;
  const reject = (err: DiscordHttpError) => {
    if (it) {
      it.record.log.push({ kind: 'rejected', what: 'callback', status: err.status, code: err.code, message: err.message, body, at: Date.now() });
      host.emit('interactionResponse', it.record);
    }
    return err;
  };
  if (!it || it.token !== ctx.params.token) throw reject(ERR.unknownInteraction());
  if (it.acked) throw reject(ERR.alreadyAcked());
  if (Date.now() - it.createdAt > host.interactionDeadlineMs) throw reject(ERR.unknownInteraction());
  const type = body.type;
  if (typeof type !== 'number' || !(ALLOWED[it.type] ?? []).includes(type)) {
    throw reject(invalidForm([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${String(type)} is not valid for interaction type ${it.type}` }]));
  }
  const data = isRecord(body.data) ? body.data : {};
  let message: FakeMessage | undefined;
  try {
    switch (type) {
      case 4: {
        validateMessageBody(data, { files: ctx.files.length, allowedFlags: RESPONSE_FLAGS });
        const flags = (data.flags as number | undefined) ?? 0;
        message = interactionMessage(host, it, { ...data, attachments: buildAttachments(it.channelId, data, ctx.files) }, flags);
        it.record.ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
        it.record.flags = message.flags;
        storeAndPublish(host, message, it.record.ephemeral);
        it.originalMessageId = message.id;
        break;
      }
      case 5: {
        const flags = ((data.flags as number | undefined) ?? 0) & MessageFlags.Ephemeral;
        message = interactionMessage(host, it, { content: '' }, flags | MessageFlags.Loading);
        it.record.ephemeral = flags !== 0;
        it.record.deferred = true;
        it.record.flags = message.flags;
        storeAndPublish(host, message, it.record.ephemeral);
        it.originalMessageId = message.id;
        break;
      }
      case 6:
      case 7: {
        const source = it.sourceMessageId ? host.state.messageById.get(it.sourceMessageId) : undefined;
        if (!source) throw ERR.unknownMessage();
        if (type === 7) {
          validateMessageBody(data, { partial: true, files: ctx.files.length, existing: source });
          if (ctx.files.length || data.attachments !== undefined) data.attachments = buildAttachments(source.channel_id, data, ctx.files, source.attachments);
          host.state.editMessage(source, data);
          if (!host.state.ephemeralMessages.has(source.id)) publishMessageUpdate(host, source);
          host.emit('messageUpdate', source);
        } else {
          it.record.deferred = true;
        }
        it.record.ephemeral = host.state.ephemeralMessages.has(source.id);
        it.record.flags = source.flags;
        it.originalMessageId = source.id;
        message = source;
        break;
      }
      case 8:
        validateAutocompleteChoices(data);
        break;
      case 9:
        validateModal(data);
        it.modal = data;
        break;
      default:
        break;
    }
  } catch (err) {
    if (err instanceof DiscordHttpError) throw reject(err);
    throw err;
  }
  it.acked = true;
  it.record.callback = { type, data: isRecord(body.data) ? body.data : undefined };
  it.record.original = it.originalMessageId ? host.state.messageById.get(it.originalMessageId) : undefined;
  it.record.log.push({ kind: 'callback', body: it.record.callback, at: Date.now() });
  host.emit('interactionResponse', it.record);
  if (ctx.query.get('with_response') !== 'true') return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: it.id,
        type: it.type,
        ...(message ? { response_message_id: message.id, response_message_loading: (message.flags & MessageFlags.Loading) !== 0, response_message_ephemeral: it.record.ephemeral } : {}),
      },
      resource: { type, ...(message ? { message } : {}), ...(type === 9 ? {} : {}) },
    },
  };
}

/** Finds the interaction of a webhook token; refuses before the first acknowledgement (10015). */
function webhookInteraction(ctx: RouteContext): InteractionState {
  const host = ctx.host;
  if (ctx.params.webhook !== host.applicationId) throw ERR.unknownWebhook();
  const it = [...host.state.interactions.values()].find((i) => i.token === ctx.params.token);
  if (!it) throw ERR.unknownWebhook();
  if (Date.now() - it.createdAt > TOKEN_TTL_MS) throw ERR.invalidWebhookToken();
  if (!it.acked) throw ERR.unknownWebhook();
  return it;
}

function webhookMessage(ctx: RouteContext, it: InteractionState): { message: FakeMessage; original: boolean } {
  const id = ctx.params.message === '@original' ? it.originalMessageId : ctx.params.message;
  const message = id ? ctx.host.state.messageById.get(id) : undefined;
  if (!message || ctx.host.state.deletedMessages.has(message.id)) throw ERR.unknownMessage();
  const original = message.id === it.originalMessageId;
  if (!original && !it.record.followUps.some((f) => f.id === message.id)) throw ERR.unknownMessage();
  return { message, original };
}

function withLog<T>(ctx: RouteContext, what: string, fn: (it: InteractionState) => T): T {
  let it: InteractionState | undefined;
  try {
    it = webhookInteraction(ctx);
    return fn(it);
  } catch (err) {
    const target = it ?? [...ctx.host.state.interactions.values()].find((i) => i.token === ctx.params.token);
    if (target && err instanceof DiscordHttpError) {
      target.record.log.push({ kind: 'rejected', what, status: err.status, code: err.code, message: err.message, body: ctx.body, at: Date.now() });
      ctx.host.emit('interactionResponse', target.record);
    }
    throw err;
  }
}

export const interactionRoutes: RouteDef[] = [
  { method: 'POST', route: '/interactions/:interaction/:token/callback', auth: false, handler: callback },
  {
    method: 'GET',
    route: '/webhooks/:webhook/:token/messages/:message',
    auth: false,
    handler: (ctx) => withLog(ctx, 'getMessage', (it) => ({ status: 200, body: webhookMessage(ctx, it).message })),
  },
  {
    method: 'PATCH',
    route: '/webhooks/:webhook/:token/messages/:message',
    auth: false,
    handler: (ctx) =>
      withLog(ctx, 'editMessage', (it) => {
        const host = ctx.host;
        const { message, original } = webhookMessage(ctx, it);
        const body = isRecord(ctx.body) ? { ...ctx.body } : {};
        const loading = (message.flags & MessageFlags.Loading) !== 0;
        validateMessageBody(body, { partial: !loading, files: ctx.files.length, existing: message });
        if (ctx.files.length || body.attachments !== undefined) body.attachments = buildAttachments(message.channel_id, body, ctx.files, message.attachments);
        host.state.editMessage(message, body, { markEdited: !loading });
        if (loading) message.flags &= ~MessageFlags.Loading;
        if (original) {
          it.record.edits.push(ctx.body as Record<string, unknown>);
          it.record.flags = message.flags;
          it.record.log.push({ kind: 'editOriginal', body: ctx.body as Record<string, unknown>, at: Date.now() });
        } else {
          it.record.log.push({ kind: 'editFollowUp', messageId: message.id, body: ctx.body as Record<string, unknown>, at: Date.now() });
        }
        if (!host.state.ephemeralMessages.has(message.id)) publishMessageUpdate(host, message);
        host.emit('messageUpdate', message);
        host.emit('interactionResponse', it.record);
        return { status: 200, body: message };
      }),
  },
  {
    method: 'DELETE',
    route: '/webhooks/:webhook/:token/messages/:message',
    auth: false,
    handler: (ctx) =>
      withLog(ctx, 'deleteMessage', (it) => {
        const host = ctx.host;
        const { message, original } = webhookMessage(ctx, it);
        host.state.deleteMessage(message.id);
        if (!host.state.ephemeralMessages.has(message.id)) publishMessageDelete(host, message);
        if (original) {
          it.record.originalDeleted = true;
          it.record.log.push({ kind: 'deleteOriginal', at: Date.now() });
        } else {
          it.record.log.push({ kind: 'deleteFollowUp', messageId: message.id, at: Date.now() });
        }
        host.emit('messageDelete', message);
        host.emit('interactionResponse', it.record);
        return { status: 204 };
      }),
  },
  {
    method: 'POST',
    route: '/webhooks/:webhook/:token',
    auth: false,
    handler: (ctx) =>
      withLog(ctx, 'followUp', (it) => {
        const host = ctx.host;
        const body = isRecord(ctx.body) ? ctx.body : {};
        validateMessageBody(body, { files: ctx.files.length, allowedFlags: RESPONSE_FLAGS });
        const flags = (body.flags as number | undefined) ?? 0;
        const message = interactionMessage(host, it, { ...body, attachments: buildAttachments(it.channelId, body, ctx.files) }, flags);
        message.type = 0;
        const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
        storeAndPublish(host, message, ephemeral);
        it.record.followUps.push(message);
        it.record.log.push({ kind: 'followUp', messageId: message.id, body, at: Date.now() });
        host.emit('interactionResponse', it.record);
        return ctx.query.get('wait') === 'false' ? { status: 204 } : { status: 200, body: message };
      }),
  },
];
