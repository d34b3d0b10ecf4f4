import { getText, type TextRequest, type TextResponse } from '../../shared/http.ts';
import { findKernelRefs, type KernelRef } from './detect.ts';
import { parseCgitCommit, parseCveAtom, parseRawMessage } from './kernel-org.ts';
import type { ChannelAccess } from '../../releases/announcements.ts';
import type { ChannelProblem } from '../../i18n/problems.ts';

/**
 * Explains kernel references in chat messages: looks each one up on kernel.org (through a cache in
 * the database, a rate limit and a short timeout) and returns what it found. A miss, a failure or an
 * exhausted rate limit yields nothing for that reference: the channel never sees an error.
 */

export type RefView =
  | { kind: 'commit'; id: string; subject: string; author: string; date: string; tags: string[]; url: string }
  | { kind: 'cve'; id: string; subject: string; date: string | null; fixedIn: string[]; url: string }
  | { kind: 'lore'; subject: string; author: string; date: string | null; url: string };

export interface CachedRef {
  /** False: kernel.org answered, but there is no such thing (cached for a while). */
  found: boolean;
  view: RefView | null;
  fetchedAt: Date;
}

export interface RefsCache {
  get(key: string): Promise<CachedRef | null>;
  put(key: string, entry: CachedRef): Promise<void>;
}

export interface RefChannels {
  isEnabled(channelId: string): Promise<boolean>;
  enable(channel: { channelId: string; guildId: string }, by: string | null): Promise<void>;
  disable(channelId: string): Promise<boolean>;
  channelsOf(guildId: string): Promise<string[]>;
}

export interface RefsServiceOptions {
  /** cgit web of the tree commits are looked up in (KERNEL_GIT_URL). */
  gitUrl: string;
  loreUrl?: string;
  cache: RefsCache;
  channels: RefChannels;
  now?: () => number;
  timeoutMs?: number;
  /** Lookups allowed per minute across all channels. */
  perMinute?: number;
  fetchText?: (request: TextRequest) => Promise<TextResponse>;
  /** Checks the bot may reply in a channel before /refs on enables it. */
  access?: ChannelAccess;
}

const MISS_TTL_MS = 60 * 60_000;
const CVE_TTL_MS = 24 * 60 * 60_000;

export class RefsService {
  private tokens: number;
  private refilledAt: number;
  readonly loreUrl: string;

  constructor(private readonly options: RefsServiceOptions) {
    this.tokens = options.perMinute ?? 20;
    this.refilledAt = this.now();
    this.loreUrl = (options.loreUrl ?? 'https://lore.kernel.org').replace(/\/+$/, '');
  }

  get channels(): RefChannels {
    return this.options.channels;
  }

  async checkChannel(channelId: string): Promise<{ ok: true } | { ok: false; problem: ChannelProblem }> {
    if (!this.options.access) return { ok: true };
    const result = await this.options.access.check(channelId, { roleId: null });
    return result.ok ? { ok: true } : result;
  }

  /** Everything the message references that kernel.org could explain, at most three, in order. */
  async explain(text: string): Promise<RefView[]> {
    const views: RefView[] = [];
    for (const ref of findKernelRefs(text)) {
      const view = await this.lookup(ref);
      if (view) views.push(view);
    }
    return views;
  }

  async lookup(ref: KernelRef): Promise<RefView | null> {
    const key = ref.kind === 'commit' ? `commit:${ref.id.slice(0, 12)}` : ref.kind === 'cve' ? `cve:${ref.id}` : `lore:${ref.messageId}`;
    const cached = await this.options.cache.get(key);
    const age = cached ? this.now() - cached.fetchedAt.getTime() : Infinity;
    if (cached && (cached.found ? ref.kind !== 'cve' || age < CVE_TTL_MS : age < MISS_TTL_MS)) return cached.view;
    if (!this.takeToken()) return cached?.view ?? null;
    const result = await this.fetch(ref);
    if (result === 'failed') return cached?.view ?? null;
    await this.options.cache.put(key, { found: result !== null, view: result, fetchedAt: new Date(this.now()) });
    return result;
  }

  /** null: kernel.org has no such thing; 'failed': no usable answer (timeout, 5xx, garbage). */
  private async fetch(ref: KernelRef): Promise<RefView | null | 'failed'> {
    const get = (url: string, accept?: string) => (this.options.fetchText ?? getText)({ url, timeoutMs: this.options.timeoutMs ?? 5_000, maxBytes: 2_000_000, accept });
    if (ref.kind === 'commit') {
      const url = `${this.options.gitUrl}/commit/?id=${ref.id}`;
      const response = await get(url, 'text/html');
      if (response.status === 'error') return response.httpStatus === 404 ? null : 'failed';
      if (response.status !== 'ok') return 'failed';
      const info = parseCgitCommit(response.body);
      // cgit answers an unknown id with an error page (404, or 200 on old versions).
      if (!info) return /Bad object|Not found|bad commit/i.test(response.body) ? null : 'failed';
      return { kind: 'commit', ...info, url: `${this.options.gitUrl}/commit/?id=${info.id}` };
    }
    if (ref.kind === 'cve') {
      const search = `${this.loreUrl}/linux-cve-announce/?q=${encodeURIComponent(ref.id)}&x=A`;
      const response = await get(search, 'application/atom+xml');
      if (response.status !== 'ok') return response.status === 'error' && response.httpStatus === 404 ? null : 'failed';
      const info = parseCveAtom(response.body, ref.id);
      return info ? { kind: 'cve', ...info, url: info.url || `${this.loreUrl}/linux-cve-announce/?q=${encodeURIComponent(ref.id)}` } : null;
    }
    const raw = `${this.loreUrl}/${ref.list ?? 'all'}/${encodeURIComponent(ref.messageId)}/raw`;
    const response = await get(raw, 'text/plain');
    if (response.status !== 'ok') return response.status === 'error' && response.httpStatus === 404 ? null : 'failed';
    const info = parseRawMessage(response.body);
    return info ? { kind: 'lore', ...info, url: ref.url } : 'failed';
  }

  private takeToken(): boolean {
    const perMinute = this.options.perMinute ?? 20;
    const now = this.now();
    this.tokens = Math.min(perMinute, this.tokens + ((now - this.refilledAt) / 60_000) * perMinute);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
