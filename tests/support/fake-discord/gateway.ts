/** Gateway v10 stand-in: HELLO, heartbeats, IDENTIFY checks, READY + GUILD_CREATE, RESUME, dispatches. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreate, Intents, PRIVILEGED_INTENTS, ALL_INTENTS } from './payloads.ts';
import type { FakeState } from './state.ts';
import { snowflake } from './util.ts';

export interface GatewayHost {
  token: string;
  applicationId: string;
  applicationFlags: number;
  state: FakeState;
  allowedPrivilegedIntents: number;
  heartbeatIntervalMs: number;
  wsUrl(): string;
  emit(event: string, data: unknown): void;
  transformDispatch?: (event: string, data: unknown) => unknown;
}

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
  connection: number;
}

interface Dispatched {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export class GatewaySession {
  seq = 0;
  readonly buffer: Dispatched[] = [];
  connection?: GatewayConnection;
  invalid = false;
  constructor(
    readonly id: string,
    readonly intents: number,
    readonly shard: [number, number],
    readonly identify: Record<string, unknown>,
  ) {}
}

export class GatewayConnection {
  session?: GatewaySession;
  identified = false;
  heartbeats = 0;
  lastHeartbeatAt = 0;
  private deflate?: zlib.Deflate;
  private sendChain: Promise<void> = Promise.resolve();
  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    readonly url: string,
    compress: boolean,
  ) {
    if (compress) this.deflate = zlib.createDeflate({ chunkSize: 65535 });
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(payload: unknown): void {
    const text = JSON.stringify(payload);
    const deflate = this.deflate;
    if (!deflate) {
      if (this.open) this.ws.send(text);
      return;
    }
    // zlib-stream: one deflate context per connection, each message ends with Z_SYNC_FLUSH.
    this.sendChain = this.sendChain.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const onData = (c: Buffer) => chunks.push(c);
          deflate.on('data', onData);
          deflate.write(text);
          deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            deflate.off('data', onData);
            if (this.open) this.ws.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }
}

export class Gateway {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions = new Map<string, GatewaySession>();
  readonly connections: GatewayConnection[] = [];
  readonly frames: GatewayFrame[] = [];
  readonly presenceUpdates: unknown[] = [];
  private nextConnId = 1;

  constructor(private readonly host: GatewayHost) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const conn = new GatewayConnection(this.nextConnId++, ws, req.url ?? '', url.searchParams.get('compress') === 'zlib-stream');
    this.connections.push(conn);
    this.host.emit('gatewayConnect', { connection: conn.id, url: req.url });
    if (url.searchParams.get('encoding') && url.searchParams.get('encoding') !== 'json') {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.send(conn, { op: 10, d: { heartbeat_interval: this.host.heartbeatIntervalMs, _trace: ['["fake-gateway",{"micros":0}]'] } });
    ws.on('message', (raw) => this.onMessage(conn, (raw as Buffer).toString()));
    ws.on('close', (code) => {
      if (conn.session?.connection === conn) conn.session.connection = undefined;
      this.host.emit('gatewayClose', { connection: conn.id, code });
    });
    ws.on('error', () => undefined);
  }

  private send(conn: GatewayConnection, payload: { op: number; d: unknown; s?: number | null; t?: string | null }): void {
    const full = { op: payload.op, d: payload.d, s: payload.s ?? null, t: payload.t ?? null };
    this.frames.push({ direction: 'out', op: full.op, t: full.t, s: full.s, d: full.d, at: Date.now(), connection: conn.id });
    conn.send(full);
  }

  private close(conn: GatewayConnection, code: number, reason: string): void {
    this.host.emit('gatewayRefused', { connection: conn.id, code, reason });
    conn.ws.close(code, reason);
  }

  private onMessage(conn: GatewayConnection, text: string): void {
    let msg: { op?: unknown; d?: unknown };
    try {
      msg = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      this.close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const op = msg.op;
    this.frames.push({ direction: 'in', op: typeof op === 'number' ? op : -1, d: msg.d, at: Date.now(), connection: conn.id });
    if (op === 1) {
      conn.heartbeats++;
      conn.lastHeartbeatAt = Date.now();
      this.send(conn, { op: 11, d: null });
      this.host.emit('heartbeat', { connection: conn.id, seq: msg.d });
      return;
    }
    if (op !== 2 && op !== 6 && !conn.identified) {
      this.close(conn, 4003, 'Not authenticated.');
      return;
    }
    switch (op) {
      case 2:
        this.onIdentify(conn, (msg.d ?? {}) as Record<string, unknown>);
        return;
      case 6:
        this.onResume(conn, (msg.d ?? {}) as Record<string, unknown>);
        return;
      case 3:
        this.presenceUpdates.push(msg.d);
        this.host.emit('presenceUpdate', msg.d);
        return;
      case 8:
        this.onRequestMembers(conn, (msg.d ?? {}) as Record<string, unknown>);
        return;
      case 4:
        return; // voice state update: accepted, ignored
      default:
        this.close(conn, 4001, 'Unknown opcode.');
    }
  }

  private tokenOk(token: unknown): boolean {
    return typeof token === 'string' && (token === this.host.token || token === `Bot ${this.host.token}`);
  }

  private onIdentify(conn: GatewayConnection, d: Record<string, unknown>): void {
    if (conn.identified) {
      this.close(conn, 4005, 'Already authenticated.');
      return;
    }
    if (!this.tokenOk(d.token)) {
      this.close(conn, 4004, 'Authentication failed.');
      return;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      this.close(conn, 4013, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.host.allowedPrivilegedIntents) !== 0) {
      this.close(conn, 4014, 'Disallowed intent(s).');
      return;
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const s = d.shard as unknown[];
      if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'number' || typeof s[1] !== 'number' || s[1] < 1 || s[0] < 0 || s[0] >= s[1]) {
        this.close(conn, 4010, 'Invalid shard.');
        return;
      }
      shard = [s[0], s[1]];
    }
    const session = new GatewaySession(snowflake(), intents, shard, d);
    this.sessions.set(session.id, session);
    session.connection = conn;
    conn.session = session;
    conn.identified = true;
    this.host.emit('identify', { connection: conn.id, intents, shard, properties: d.properties });
    const guildIds = [...this.host.state.guilds.keys()].filter((id) => this.onShard(id, shard));
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: this.host.state.botUser,
      user_settings: {},
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      guild_join_requests: [],
      presences: [],
      private_channels: [],
      relationships: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.host.wsUrl(),
      shard,
      application: { id: this.host.applicationId, flags: this.host.applicationFlags },
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["fake-gateway",{"micros":0}]'],
    });
    if (intents & Intents.Guilds) {
      for (const id of guildIds) this.dispatchTo(session, 'GUILD_CREATE', guildCreate(this.host.state, id, intents));
    }
    this.host.emit('ready', { connection: conn.id, sessionId: session.id, guilds: guildIds });
  }

  private onResume(conn: GatewayConnection, d: Record<string, unknown>): void {
    if (!this.tokenOk(d.token)) {
      this.close(conn, 4004, 'Authentication failed.');
      return;
    }
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session || session.invalid) {
      this.send(conn, { op: 9, d: false });
      return;
    }
    const from = typeof d.seq === 'number' ? d.seq : 0;
    if (session.connection && session.connection !== conn && session.connection.open) session.connection.ws.close(4000, 'Session resumed elsewhere');
    session.connection = conn;
    conn.session = session;
    conn.identified = true;
    for (const ev of session.buffer) if (ev.s > from) this.send(conn, ev);
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-gateway",{"micros":0}]'] });
    this.host.emit('resume', { connection: conn.id, sessionId: session.id, seq: from });
  }

  private onRequestMembers(conn: GatewayConnection, d: Record<string, unknown>): void {
    const guild = this.host.state.guilds.get(String(d.guild_id));
    if (!guild || !conn.session) return;
    let members = [...guild.members.values()];
    if (Array.isArray(d.user_ids)) members = members.filter((m) => (d.user_ids as string[]).includes(m.user.id as string));
    else if (typeof d.query === 'string' && d.query) members = members.filter((m) => String(m.user.username).startsWith(d.query as string));
    if (typeof d.limit === 'number' && d.limit > 0) members = members.slice(0, d.limit);
    this.dispatchTo(conn.session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: [],
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  onShard(guildId: string, shard: [number, number]): boolean {
    return Number((BigInt(guildId) >> 22n) % BigInt(shard[1])) === shard[0];
  }

  /** Sends a dispatch to one session (buffered for RESUME). */
  dispatchTo(session: GatewaySession, t: string, d: unknown): void {
    const data = this.host.transformDispatch ? this.host.transformDispatch(t, d) : d;
    const payload: Dispatched = { op: 0, t, s: ++session.seq, d: data };
    session.buffer.push(payload);
    if (session.buffer.length > 2000) session.buffer.shift();
    if (session.connection?.open) this.send(session.connection, payload);
  }

  /** Live (not invalidated) sessions. */
  activeSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => !s.invalid);
  }

  /**
   * Sends an event to every session that has the needed intent and the guild on its shard.
   * `perSession` may adapt the payload (e.g. strip message content).
   */
  dispatch(t: string, d: unknown, opts: { intent?: number; guildId?: string; perSession?: (d: unknown, s: GatewaySession) => unknown } = {}): number {
    let n = 0;
    for (const s of this.activeSessions()) {
      if (opts.intent !== undefined && (s.intents & opts.intent) === 0) continue;
      if (opts.guildId && !this.onShard(opts.guildId, s.shard)) continue;
      this.dispatchTo(s, t, opts.perSession ? opts.perSession(d, s) : d);
      n++;
    }
    return n;
  }

  /** op 7: asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const s of this.activeSessions()) if (s.connection?.open) this.send(s.connection, { op: 7, d: null });
  }

  /** op 9: invalidates sessions (`resumable` false makes the bot identify again). */
  invalidateSessions(resumable = false): void {
    for (const s of this.activeSessions()) {
      if (!resumable) s.invalid = true;
      if (s.connection?.open) this.send(s.connection, { op: 9, d: resumable });
    }
  }

  /** Closes every connection with a close code (4000 lets discord.js resume). */
  closeConnections(code = 4000, reason = 'Unknown error.'): void {
    for (const c of this.connections) if (c.open) c.ws.close(code, reason);
  }

  async stop(): Promise<void> {
    for (const c of this.connections) {
      if (c.ws.readyState === c.ws.OPEN || c.ws.readyState === c.ws.CONNECTING) c.ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
