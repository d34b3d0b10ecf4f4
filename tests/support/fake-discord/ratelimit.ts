/** Discord-like rate limits (per bucket and global) and failure injection. */
import { createHash } from 'node:crypto';
import type { FakeRateLimitOptions } from './types.ts';
import { DiscordHttpError } from './util.ts';

export interface FailNextSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** A RegExp tested against the path (after /api/vN), or a string equal to the path or to the route template. */
  path: RegExp | string;
  status: number;
  code?: number;
  message?: string;
  /** Seconds, for 429 (default 0.05). */
  retryAfter?: number;
  /** Mark an injected 429 as global. */
  global?: boolean;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Extra body fields (e.g. `errors`). */
  body?: Record<string, unknown>;
}

interface Rule extends FailNextSpec {
  remaining: number;
}

function bucketHash(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

function rateLimitedError(retryAfterSec: number, global: boolean, bucket: string, limit: number): DiscordHttpError {
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfterSec),
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((Date.now() + retryAfterSec * 1000) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': retryAfterSec.toFixed(3),
    'X-RateLimit-Bucket': bucket,
    'X-RateLimit-Scope': global ? 'global' : 'user',
  };
  if (global) headers['X-RateLimit-Global'] = 'true';
  return new DiscordHttpError(429, 0, 'You are being rate limited.', undefined, headers, { retry_after: retryAfterSec, global });
}

export class FailureInjector {
  readonly rules: Rule[] = [];

  add(spec: FailNextSpec): void {
    this.rules.push({ ...spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  match(method: string, path: string, route: string | null): DiscordHttpError | null {
    const rule = this.rules.find((r) => r.remaining > 0 && (!r.method || r.method.toUpperCase() === method) && (typeof r.path === 'string' ? r.path === path || r.path === route : r.path.test(path)));
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    if (rule.status === 429) {
      const e = rateLimitedError(rule.retryAfter ?? 0.05, rule.global ?? false, bucketHash(`${method}:${route ?? path}`), 1);
      Object.assign(e.extra, rule.body ?? {});
      return e;
    }
    const defaults: Record<number, [number, string]> = {
      400: [50035, 'Invalid Form Body'],
      401: [0, '401: Unauthorized'],
      403: [50013, 'Missing Permissions'],
      404: [0, '404: Not Found'],
      500: [0, '500: Internal Server Error'],
      502: [0, '502: Bad Gateway'],
      503: [0, '503: Service Unavailable'],
    };
    const [code, message] = defaults[rule.status] ?? [0, `${rule.status}`];
    return new DiscordHttpError(rule.status, rule.code ?? code, rule.message ?? message, undefined, {}, rule.body ?? {});
  }
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Window>();
  private global: Window = { start: 0, count: 0 };
  /** Every 429 this limiter produced. */
  readonly limited: Array<{ method: string; path: string; global: boolean; at: number }> = [];

  constructor(private readonly options: FakeRateLimitOptions = {}) {}

  /**
   * Counts a request. Returns headers for the response, or throws a 429.
   * `majorKey` is the route template with major parameters filled in.
   */
  check(method: string, path: string, route: string, majorKey: string, exemptFromGlobal: boolean): Record<string, string> {
    const now = Date.now();
    const headers: Record<string, string> = {};
    const g = this.options.globalPerSecond;
    if (g && !exemptFromGlobal) {
      if (now - this.global.start >= 1000) this.global = { start: now, count: 0 };
      if (this.global.count >= g) {
        const retry = Math.max(0.001, (this.global.start + 1000 - now) / 1000);
        this.limited.push({ method, path, global: true, at: now });
        throw rateLimitedError(Number(retry.toFixed(3)), true, bucketHash(`${method}:${route}`), g);
      }
      this.global.count++;
    }
    const pr = this.options.perRoute;
    if (pr) {
      const key = `${method} ${majorKey}`;
      const hash = bucketHash(`${method}:${route}`);
      let w = this.buckets.get(key);
      if (!w || now - w.start >= pr.windowMs) {
        w = { start: now, count: 0 };
        this.buckets.set(key, w);
      }
      const resetAfter = Math.max(0.001, (w.start + pr.windowMs - now) / 1000);
      if (w.count >= pr.limit) {
        this.limited.push({ method, path, global: false, at: now });
        throw rateLimitedError(Number(resetAfter.toFixed(3)), false, hash, pr.limit);
      }
      w.count++;
      headers['X-RateLimit-Limit'] = String(pr.limit);
      headers['X-RateLimit-Remaining'] = String(pr.limit - w.count);
      headers['X-RateLimit-Reset'] = ((w.start + pr.windowMs) / 1000).toFixed(3);
      headers['X-RateLimit-Reset-After'] = resetAfter.toFixed(3);
      headers['X-RateLimit-Bucket'] = hash;
    }
    return headers;
  }
}
