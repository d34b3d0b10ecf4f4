/** The HTTP side: request parsing and recording, routing, auth, rate limits, failure injection. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Host } from './host.ts';
import type { FailureInjector, RateLimiter } from './ratelimit.ts';
import { channelRoutes } from './rest-channels.ts';
import { interactionRoutes } from './rest-interactions.ts';
import { miscRoutes } from './rest-misc.ts';
import type { RecordedFile, RecordedRequest } from './types.ts';
import { DiscordHttpError, ERR, invalidForm } from './util.ts';
import { checkAgainstSpec } from './openapi-check.ts';

export interface UploadedFile extends RecordedFile {
  data: Buffer;
}

export interface RouteContext {
  host: Host;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  record: RecordedRequest;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface RouteDef {
  method: string;
  route: string;
  /** false for interaction callbacks and interaction webhooks (sent without Authorization). */
  auth?: boolean;
  handler: RouteHandler;
}

interface CompiledRoute extends RouteDef {
  regex: RegExp;
  keys: string[];
}

const MAJOR = ['channel', 'guild', 'webhook', 'interaction'];

function compile(def: RouteDef): CompiledRoute {
  const keys: string[] = [];
  const source = def.route
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...def, regex: new RegExp(`^${source}$`), keys };
}

export class RestRouter {
  private readonly routes: CompiledRoute[];

  constructor(
    private readonly host: Host,
    private readonly limiter: RateLimiter,
    private readonly failures: FailureInjector,
  ) {
    this.routes = [...miscRoutes, ...channelRoutes, ...interactionRoutes].map(compile);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);

    const m = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(url.pathname);
    const apiVersion = m?.[1] ? Number(m[1]) : null;
    const path = m ? (m[2] ?? '/') : url.pathname;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const authorization = headers.authorization ?? null;
    const record: RecordedRequest = {
      method,
      path,
      route: null,
      apiVersion,
      query: Object.fromEntries(url.searchParams),
      headers,
      authorization,
      authorizedAsBot: authorization === `Bot ${this.host.token}`,
      body: undefined,
      files: [],
      at: Date.now(),
    };
    this.host.requests.push(record);

    let result: RouteResult;
    try {
      const parsed = await parseBody(raw, headers['content-type'] ?? '');
      record.body = parsed.body;
      record.files = parsed.files.map(({ data: _data, ...f }) => f);
      result = await this.dispatch(method, path, url.searchParams, record, parsed, m !== null);
    } catch (err) {
      result = toResult(err);
    }
    record.status = result.status;
    record.response = result.body;
    this.host.emit('request', record);
    const outHeaders: Record<string, string> = { ...(result.headers ?? {}) };
    if (result.status === 204 || result.body === undefined) {
      res.writeHead(result.status, outHeaders);
      res.end();
      return;
    }
    outHeaders['Content-Type'] = 'application/json';
    res.writeHead(result.status, outHeaders);
    res.end(JSON.stringify(result.body));
  }

  private async dispatch(method: string, path: string, query: URLSearchParams, record: RecordedRequest, parsed: { body: unknown; files: UploadedFile[] }, isApi: boolean): Promise<RouteResult> {
    let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
    if (isApi) {
      for (const route of this.routes) {
        if (route.method !== method) continue;
        const mm = route.regex.exec(path);
        if (!mm) continue;
        const params: Record<string, string> = {};
        route.keys.forEach((k, i) => (params[k] = decodeURIComponent(mm[i + 1] ?? '')));
        found = { route, params };
        break;
      }
    }
    if (!found) {
      this.host.unknownRequests.push(record);
      this.host.emit('unknownRequest', record);
      throw ERR.notFound();
    }
    record.route = found.route.route;
    const injected = this.failures.match(method, path, found.route.route);
    if (injected) throw injected;
    if (found.route.auth !== false && !record.authorizedAsBot) throw ERR.unauthorized();
    // Discord's OpenAPI description checks every body; the hand-written rules below add what it cannot
    // express. A body both reject gets one 50035 with both error sets.
    const violations = checkAgainstSpec(method, path, parsed.body);
    if (violations.length > 0) this.host.invalidRequests.push(record);
    const majorKey = found.route.route.replace(/:(\w+)/g, (all, key: string) => (MAJOR.includes(key) ? (found.params[key] ?? all) : key === 'token' ? (found.params.token ?? all) : all));
    const rlHeaders = this.limiter.check(method, path, found.route.route, majorKey, found.route.auth === false);
    try {
      const result = await found.route.handler({
        host: this.host,
        method,
        path,
        params: found.params,
        query,
        body: parsed.body,
        files: parsed.files,
        record,
      });
      // Accepted by the hand-written rules only: still a 400, as Discord would answer (what the handler
      // already stored stays; the request is listed in invalidRequests, which the suites check is empty).
      if (violations.length > 0) throw invalidForm(violations);
      return { ...result, headers: { ...rlHeaders, ...(result.headers ?? {}) } };
    } catch (err) {
      if (err instanceof DiscordHttpError) Object.assign(err.headers, { ...rlHeaders, ...err.headers });
      if (violations.length > 0 && err instanceof DiscordHttpError && err.code === 50035) {
        const merged = invalidForm(violations);
        throw new DiscordHttpError(400, 50035, 'Invalid Form Body', mergeTrees(err.errors ?? {}, merged.errors ?? {}), err.headers);
      }
      throw err;
    }
  }
}

/** Two Discord error trees as one: `_errors` lists at the same path are concatenated. */
function mergeTrees(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    if (Array.isArray(existing) && Array.isArray(value)) out[key] = [...(existing as unknown[]), ...(value as unknown[])];
    else if (existing && typeof existing === 'object' && value && typeof value === 'object') out[key] = mergeTrees(existing as Record<string, unknown>, value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

function toResult(err: unknown): RouteResult {
  if (err instanceof DiscordHttpError) return { status: err.status, body: err.body(), headers: err.headers };
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error('[fake-discord] internal error', message);
  return { status: 500, body: { message: '500: Internal Server Error', code: 0, fake_error: message } };
}

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    // Discord's multipart upload, parsed by the platform's own parser; fine for a loopback test double.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
    let body: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
        continue;
      }
      const blob = value;
      files.push({
        field,
        filename: blob.name,
        size: blob.size,
        contentType: blob.type || 'application/octet-stream',
        data: Buffer.from(await blob.arrayBuffer()),
      });
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordHttpError(400, 50109, 'The request body contains invalid JSON.');
  }
}
