/**
 * FakeDiscord: an in-process Discord stand-in (REST + gateway v10) for end-to-end tests of a real discord.js client.
 * See README.md in this folder.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createForumPost, userMessage, type ForumPost, type ForumPostOptions, type UserMessageOptions } from './drive.ts';
import { Gateway } from './gateway.ts';
import { publishChannel, type Host } from './host.ts';
import {
  buttonInteraction,
  commandInteraction,
  contextMenuInteraction,
  InteractionHandle,
  selectInteraction,
  toContext,
  type Driver,
  type InteractionContext,
  type OptionValue,
  type UserOrContext,
} from './interactions.ts';
import { Intents } from './payloads.ts';
import { toBits } from './permissions.ts';
import { FailureInjector, RateLimiter, type FailNextSpec } from './ratelimit.ts';
import { RestRouter } from './rest.ts';
import { FakeState } from './state.ts';
import type { FakeChannel, FakeDiscordOptions, FakeMessage, FakeUserRef, FakeUserSpec, InteractionResponseRecord, PermissionInput, RecordedRequest } from './types.ts';
import { clone } from './util.ts';

export * from './types.ts';
export { InteractionHandle } from './interactions.ts';
export type { InteractionContext, OptionValue, UserOrContext } from './interactions.ts';
export type { FailNextSpec } from './ratelimit.ts';
export type { ForumPost, ForumPostOptions, UserMessageOptions } from './drive.ts';

const PRIVILEGED_BY_NAME: Record<string, number> = {
  GuildMembers: Intents.GuildMembers,
  GuildPresences: Intents.GuildPresences,
  MessageContent: Intents.MessageContent,
};

export class FakeDiscord implements Host, Driver {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly applicationFlags: number;
  readonly allowedPrivilegedIntents: number;
  readonly interactionDeadlineMs: number;
  readonly defaultUser: FakeUserSpec;
  readonly state: FakeState;
  readonly gateway: Gateway;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** REST requests that matched no route (answered 404, code 0). */
  readonly unknownRequests: RecordedRequest[] = [];
  /** REST requests whose body Discord's OpenAPI description rejects (answered 400, code 50035). */
  readonly invalidRequests: RecordedRequest[] = [];
  /**
   * Emits: request, unknownRequest, message, messageUpdate, messageDelete, interactionCreate, interactionResponse,
   * commandsRegistered, channelUpdate, threadCreate, nonceDeduplicated, userMessage, forumPost,
   * gatewayConnect, gatewayClose, gatewayRefused, identify, ready, resume, heartbeat, presenceUpdate.
   */
  readonly events = new EventEmitter();
  readonly rateLimiter: RateLimiter;
  readonly failures = new FailureInjector();
  private readonly server: Server;
  private readonly router: RestRouter;
  private readonly waiters = new Set<() => void>();
  private port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-token.fake.fake';
    this.applicationId = options.applicationId ?? '1100000000000000001';
    this.botUserId = options.botUserId ?? this.applicationId;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3000;
    this.defaultUser = options.defaultUser ?? { id: '1200000000000000001', username: 'tester', global_name: 'Tester' };
    this.allowedPrivilegedIntents = (options.allowedPrivilegedIntents ?? []).reduce<number>((acc, i) => acc | (typeof i === 'number' ? i : (PRIVILEGED_BY_NAME[i] ?? 0)), 0);
    let flags = 1 << 23; // APPLICATION_COMMAND_BADGE
    if (this.allowedPrivilegedIntents & Intents.GuildPresences) flags |= 1 << 12;
    if (this.allowedPrivilegedIntents & Intents.GuildMembers) flags |= 1 << 14;
    if (this.allowedPrivilegedIntents & Intents.MessageContent) flags |= 1 << 18;
    this.applicationFlags = options.applicationFlags ?? flags;
    this.state = new FakeState(this.applicationId, this.botUserId, options.botUsername ?? 'kernelbot', options.guilds ?? []);
    this.events.setMaxListeners(100);
    this.gateway = new Gateway({
      token: this.token,
      applicationId: this.applicationId,
      applicationFlags: this.applicationFlags,
      state: this.state,
      allowedPrivilegedIntents: this.allowedPrivilegedIntents,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      wsUrl: () => this.wsUrl(),
      emit: (e, d) => this.emit(e, d),
      transformDispatch: options.transformDispatch,
    });
    this.rateLimiter = new RateLimiter(options.rateLimits);
    this.router = new RestRouter(this, this.rateLimiter, this.failures);
    this.server = createServer((req, res) => {
      this.router.handle(req, res).catch((err: unknown) => {
        console.error('[fake-discord] request failed', err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if ((req.url ?? '').startsWith('/gateway')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /** Starts HTTP + WebSocket on 127.0.0.1 with a free port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Pass as discord.js `rest.api`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.waiters.clear();
  }

  emit(event: string, data: unknown): void {
    this.events.emit(event, data);
    for (const w of [...this.waiters]) w();
  }

  // --- failure injection -------------------------------------------------------------------

  /** Makes the next matching request(s) fail with the given status (429 gets Retry-After and X-RateLimit-* headers). */
  failNext(spec: FailNextSpec): void {
    this.failures.add(spec);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  // --- state for assertions ----------------------------------------------------------------

  /** Messages in a channel (created, not deleted, edits applied; ephemeral ones excluded), oldest first. */
  messages(channelId: string): FakeMessage[] {
    return clone(this.state.channelMessages.get(channelId) ?? []);
  }

  /** Any message by id (including ephemeral), or undefined when unknown or deleted. */
  message(messageId: string): FakeMessage | undefined {
    if (this.state.deletedMessages.has(messageId)) return undefined;
    const m = this.state.messageById.get(messageId);
    return m ? clone(m) : undefined;
  }

  interactionResponses(interactionId: string): InteractionResponseRecord | undefined {
    const it = this.state.interactions.get(interactionId);
    return it ? clone(it.record) : undefined;
  }

  /** Registered commands: global when guildId is omitted. */
  registeredCommands(guildId?: string): Array<Record<string, unknown>> {
    return clone(guildId ? (this.state.guildCommands.get(guildId) ?? []) : this.state.globalCommands);
  }

  channelState(channelId: string): FakeChannel | undefined {
    const c = this.state.channels.get(channelId);
    return c ? clone(c) : undefined;
  }

  /** Requests matching a method and a path (string: exact path or route template; RegExp: tested on the path). */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && (typeof path === 'string' ? r.path === path || r.route === path : path.test(r.path)));
  }

  /** Resolves with the first truthy value of `predicate`, re-checked on every fake event and every 10 ms. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5000, describe?: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const check = () => {
        if (done) return;
        let v: T | undefined | null | false;
        try {
          v = predicate();
        } catch (err) {
          finish();
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (v) {
          finish();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        if (done) return;
        finish();
        reject(new Error(`fake-discord: waitFor timed out after ${timeoutMs} ms${describe ? `: ${describe()}` : ''}`));
      }, timeoutMs);
      const poll = setInterval(check, 10);
      const finish = () => {
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves with the next event of that name whose data satisfies `predicate`. */
  waitForEvent<T = unknown>(event: string, predicate: (data: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const on = (data: T) => {
        if (!predicate(data)) return;
        clearTimeout(timer);
        this.events.off(event, on);
        resolve(data);
      };
      const timer = setTimeout(() => {
        this.events.off(event, on);
        reject(new Error(`fake-discord: no "${event}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on(event, on);
    });
  }

  /** Resolves once a bot has identified and received READY (+ GUILD_CREATEs). */
  waitForReady(timeoutMs = 5000): Promise<true> {
    return this.waitFor(() => this.gateway.activeSessions().length > 0, timeoutMs);
  }

  // --- gateway control ---------------------------------------------------------------------

  /** Sends a raw dispatch to every connected session (e.g. GUILD_MEMBER_ADD). */
  dispatch(event: string, data: unknown, opts: { intent?: number; guildId?: string } = {}): number {
    return this.gateway.dispatch(event, data, opts);
  }

  /** op 7: the bot reconnects to resume_gateway_url and RESUMEs. */
  reconnectGateway(): void {
    this.gateway.requestReconnect();
  }

  /** op 9 Invalid Session. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  closeGateway(code = 4000, reason = 'Unknown error.'): void {
    this.gateway.closeConnections(code, reason);
  }

  // --- driving the bot ---------------------------------------------------------------------

  /** A chat-input command. `name` may include a subcommand: "kb search". Throws if not registered / not allowed. */
  slash(name: string, options: Record<string, OptionValue> = {}, ctx: InteractionContext = {}): InteractionHandle {
    return commandInteraction(this, name, options, ctx, 'command');
  }

  /** Autocomplete: mark the typed option as `{ value: 'kd', focused: true }` (or pass `ctx.focused`). */
  autocomplete(name: string, options: Record<string, OptionValue>, ctx: InteractionContext = {}): InteractionHandle {
    return commandInteraction(this, name, options, ctx, 'autocomplete');
  }

  clickButton(message: FakeMessage | string, customId: string, user?: UserOrContext): InteractionHandle {
    return buttonInteraction(this, message, customId, toContext(user));
  }

  selectMenu(message: FakeMessage | string, customId: string, values: string[], user?: UserOrContext): InteractionHandle {
    return selectInteraction(this, message, customId, values, toContext(user));
  }

  messageContextMenu(name: string, targetMessage: FakeMessage | string, user?: UserOrContext): InteractionHandle {
    const target = typeof targetMessage === 'string' ? this.state.messageById.get(targetMessage) : targetMessage;
    if (!target) throw new Error(`fake-discord: unknown message ${typeof targetMessage === 'string' ? targetMessage : targetMessage.id}`);
    return contextMenuInteraction(this, name, 3, target, toContext(user));
  }

  userContextMenu(name: string, targetUser: FakeUserRef, user?: UserOrContext): InteractionHandle {
    return contextMenuInteraction(this, name, 2, targetUser, toContext(user));
  }

  /** A user posts in a channel → MESSAGE_CREATE (content hidden unless MessageContent was granted or the bot is mentioned). */
  userMessage(channelId: string, content: string, opts: UserMessageOptions = {}): FakeMessage {
    return clone(userMessage(this, this.defaultUser, channelId, content, opts));
  }

  /** A user opens a forum post → THREAD_CREATE (newly_created) + starter MESSAGE_CREATE. */
  createForumPost(forumId: string, opts: ForumPostOptions): ForumPost {
    return createForumPost(this, this.defaultUser, forumId, opts);
  }

  /** Sends THREAD_CREATE for an existing thread again. */
  redispatchThreadCreate(threadId: string, extra: Record<string, unknown> = { newly_created: true }): void {
    const thread = this.state.channels.get(threadId);
    if (!thread) throw new Error(`fake-discord: unknown thread ${threadId}`);
    publishChannel(this, 'CREATE', thread, extra);
  }

  /** Changes a member's roles (test users are created on demand). */
  setMemberRoles(guildId: string, user: FakeUserRef, roles: string[]): void {
    this.state.ensureMember(guildId, user, roles);
  }

  /** Someone deletes a channel → CHANNEL_DELETE; from then on its routes answer 404 Unknown Channel, as Discord's do. */
  deleteChannel(channelId: string): void {
    const ch = this.state.channels.get(channelId);
    if (!ch) throw new Error(`fake-discord: unknown channel ${channelId}`);
    this.state.channels.delete(channelId);
    publishChannel(this, 'DELETE', ch);
  }

  /** Replaces a channel's permission overwrites (e.g. to take SEND_MESSAGES from the bot mid-test). */
  setChannelOverwrites(channelId: string, overwrites: Array<{ id: string; type: 'role' | 'member' | 0 | 1; allow?: PermissionInput; deny?: PermissionInput }>): void {
    const ch = this.state.channels.get(channelId);
    if (!ch) throw new Error(`fake-discord: unknown channel ${channelId}`);
    ch.permission_overwrites = overwrites.map((o) => ({
      id: o.id,
      type: o.type === 'member' || o.type === 1 ? 1 : 0,
      allow: toBitsStr(o.allow),
      deny: toBitsStr(o.deny),
    }));
    publishChannel(this, 'UPDATE', ch);
  }
}

function toBitsStr(p: PermissionInput | undefined): string {
  return toBits(p).toString();
}
