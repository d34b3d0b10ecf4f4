import { PACKAGE } from '../version.ts';

/**
 * One GET to kernel.org (or a stand-in) with a timeout that also bounds reading the body, a size cap,
 * the bot's User-Agent and optional validators for a conditional request. Never throws.
 * The release feed, MAINTAINERS and the refs lookups all fetch through it.
 */

/**
 * "kernelbot/0.1.0 (+<project url>)" so kernel.org can see who polls and how to reach them.
 * The URL comes from package.json (homepage or repository); without one, the UA says what the bot is.
 */
function defaultUserAgent(): string {
  const repo = typeof PACKAGE.repository === 'string' ? PACKAGE.repository : PACKAGE.repository?.url;
  const url = (PACKAGE.homepage ?? repo)?.replace(/^git\+/, '').replace(/\.git$/, '');
  return `kernelbot/${PACKAGE.version ?? '0.0.0'} (${url ? `+${url}` : 'Discord bot announcing kernel.org releases'})`;
}

export interface TextRequest {
  url: string;
  timeoutMs: number;
  maxBytes: number;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  userAgent?: string;
  fetchImpl?: typeof fetch;
  /** Aborted on shutdown, so SIGTERM never waits out a hanging request. */
  signal?: AbortSignal;
}

export type TextResponse =
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null }
  | { status: 'not-modified' }
  | { status: 'error'; reason: 'http-status' | 'timeout' | 'aborted' | 'network' | 'too-large'; message: string; httpStatus?: number };

class TooLarge extends Error {}

export async function getText(request: TextRequest): Promise<TextResponse> {
  const headers: Record<string, string> = { 'user-agent': request.userAgent ?? defaultUserAgent(), accept: request.accept ?? 'text/plain, */*;q=0.5' };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  try {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    const response = await (request.fetchImpl ?? fetch)(request.url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: 'error', reason: 'http-status', httpStatus: response.status, message: `HTTP ${response.status} ${response.statusText}`.trim() };
    }
    const body = await readCapped(response, request.maxBytes);
    return { status: 'ok', body, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  } catch (error) {
    if (request.signal?.aborted) return { status: 'error', reason: 'aborted', message: 'aborted: the bot is shutting down' };
    if (error instanceof TooLarge) return { status: 'error', reason: 'too-large', message: error.message };
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { status: 'error', reason: 'timeout', message: `no complete answer within ${request.timeoutMs} ms` };
    return { status: 'error', reason: 'network', message: `request failed: ${err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error)}` };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new TooLarge(`${declared} bytes, over the ${maxBytes}-byte cap`);
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TooLarge(`more than the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
