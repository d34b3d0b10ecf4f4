import { DEFAULT_MAINTAINERS_URL } from '../../config.ts';
import { getText, type TextResponse } from '../../shared/http.ts';
import { MaintainersIndex, MIN_SECTIONS } from './index.ts';
import type { MaintainersFailure } from '../../i18n/lookups.ts';

/**
 * Keeps the current MAINTAINERS file: the last good download is stored (text and validators) and
 * parsed into memory, so answers never wait for kernel.org and survive its outages. refresh() makes
 * one conditional request; a failure keeps the previous file and is reported, never thrown.
 */

/** The real file is about 0.9 MB; ten times that is not it. */
const MAINTAINERS_MAX_BYTES = 10_000_000;

export interface StoredMaintainers {
  url: string;
  text: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
}

/** Where the last good file is kept (a database table in the bot, memory in tests). */
export interface MaintainersStore {
  load(): Promise<StoredMaintainers | null>;
  save(file: StoredMaintainers): Promise<void>;
  /** A 304 or a failure: remember when we last asked and what went wrong. */
  noteCheck(checkedAt: Date, error: string | null): Promise<void>;
}

/** How the file arrives: the bot fetches it at start and then in the background, the terminal at a lookup that finds none. */
type MaintainersFetch = 'daily' | 'onDemand';

export type MaintainersState =
  { status: 'ready'; index: MaintainersIndex; fetchedAt: Date; url: string; sections: number } | { status: 'missing'; lastError: MaintainersFailure | null; fetch: MaintainersFetch };

export type RefreshResult = { status: 'updated'; sections: number } | { status: 'not-modified' } | { status: 'error'; message: string };

export interface MaintainersServiceOptions {
  url?: string;
  store: MaintainersStore;
  now?: () => Date;
  timeoutMs?: number;
  fetchText?: (request: Parameters<typeof getText>[0]) => Promise<TextResponse>;
  /** Terminal mode: the first lookup fetches the file when none is stored (the bot fetches at start). */
  fetchOnDemand?: boolean;
}

export class MaintainersService {
  readonly url: string;
  private current: { index: MaintainersIndex; fetchedAt: Date; url: string } | null = null;
  private lastError: MaintainersFailure | null = null;
  private inFlight: Promise<RefreshResult> | null = null;
  private loaded: Promise<void> | null = null;
  private stored: { etag: string | null; lastModified: string | null; url: string } | null = null;

  constructor(private readonly options: MaintainersServiceOptions) {
    this.url = options.url ?? DEFAULT_MAINTAINERS_URL;
  }

  /** Reads and parses the stored copy (once): after a restart answers are there before any fetch. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await this.options.store.load();
      if (!stored || this.current) return;
      const index = MaintainersIndex.fromText(stored.text);
      if (index.sections.length < MIN_SECTIONS) return;
      this.current = { index, fetchedAt: stored.fetchedAt, url: stored.url };
      this.stored = { etag: stored.etag, lastModified: stored.lastModified, url: stored.url };
    })();
    return this.loaded;
  }

  state(): MaintainersState {
    if (!this.current) return { status: 'missing', lastError: this.lastError, fetch: this.options.fetchOnDemand ? 'onDemand' : 'daily' };
    return { status: 'ready', ...this.current, sections: this.current.index.sections.length };
  }

  /** One conditional request; concurrent callers share it. */
  refresh(): Promise<RefreshResult> {
    this.inFlight ??= this.fetchOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** What a lookup should use: in terminal mode the file is fetched once when none is stored yet. */
  async forLookup(): Promise<MaintainersState> {
    await this.load();
    if (!this.current && this.options.fetchOnDemand) await this.refresh();
    return this.state();
  }

  private async fetchOnce(): Promise<RefreshResult> {
    await this.load();
    const now = this.options.now?.() ?? new Date();
    const stored = this.current ? this.stored : null;
    const sameUrl = stored?.url === this.url;
    const response = await (this.options.fetchText ?? getText)({
      url: this.url,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      maxBytes: MAINTAINERS_MAX_BYTES,
      etag: sameUrl ? stored?.etag : null,
      lastModified: sameUrl ? stored?.lastModified : null,
    });
    if (response.status === 'not-modified') {
      this.lastError = null;
      await this.options.store.noteCheck(now, null);
      return { status: 'not-modified' };
    }
    if (response.status === 'error') return await this.fail(now, { reason: response.reason, httpStatus: response.httpStatus, message: `${response.message} (${this.url})` });
    const index = MaintainersIndex.fromText(response.body);
    if (index.sections.length < MIN_SECTIONS)
      return await this.fail(now, { reason: 'not-maintainers', message: `the answer from ${this.url} is not a MAINTAINERS file (${index.sections.length} sections)` });
    await this.options.store.save({ url: this.url, text: response.body, etag: response.etag, lastModified: response.lastModified, fetchedAt: now });
    this.current = { index, fetchedAt: now, url: this.url };
    this.stored = { etag: response.etag, lastModified: response.lastModified, url: this.url };
    this.lastError = null;
    return { status: 'updated', sections: index.sections.length };
  }

  private async fail(now: Date, failure: MaintainersFailure): Promise<RefreshResult> {
    this.lastError = failure;
    await this.options.store.noteCheck(now, failure.message);
    return { status: 'error', message: failure.message };
  }
}

/** A store that lives as long as the process (tests, a terminal without a database). */
export function memoryMaintainersStore(): MaintainersStore & { checks: { at: Date; error: string | null }[] } {
  let file: StoredMaintainers | null = null;
  const checks: { at: Date; error: string | null }[] = [];
  return {
    load: async () => file,
    save: async (f) => void (file = f),
    noteCheck: async (at, error) => void checks.push({ at, error }),
    checks,
  };
}
