import { fetchFeed, type HttpFeedOptions } from '../releases/fetch-feed.ts';
import type { FeedFailure, KernelReleases } from '../releases/current.ts';
import type { CurrentReleases, Release } from '../shared/release.ts';

/**
 * /kernel in the terminal: the terminal runs no schedule, so the first /kernel fetches kernel.org's
 * feed once (same fetch and parser as the bot) and later ones show that result with its age. A
 * failed fetch is tried again on the next /kernel; meanwhile the bot's last fetch from the database
 * (when there is one) is shown. Nothing is written to the database: the bot's feed state stays its own.
 */
export class OnDemandKernelReleases implements KernelReleases {
  private fetched: { releases: Release[]; at: Date } | null = null;
  private inFlight: Promise<{ current: CurrentReleases | null; failure?: FeedFailure }> | null = null;

  constructor(
    private readonly options: {
      url: string;
      /** The bot's last fetch, from the database the terminal shares with it. */
      stored?: () => Promise<CurrentReleases | null>;
      now?: () => Date;
      feed?: Omit<HttpFeedOptions, 'url'>;
    },
  ) {}

  releases(): Promise<{ current: CurrentReleases | null; failure?: FeedFailure }> {
    if (this.fetched) return Promise.resolve({ current: this.view(this.fetched) });
    this.inFlight ??= this.fetchOnce().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetchOnce(): Promise<{ current: CurrentReleases | null; failure?: FeedFailure }> {
    const result = await fetchFeed({ timeoutMs: 15_000, ...this.options.feed, url: this.options.url });
    if (result.status === 'ok') {
      this.fetched = { releases: result.releases, at: this.now() };
      return { current: this.view(this.fetched) };
    }
    // No validators were sent, so "not modified" cannot happen; treat it as a failure all the same.
    const failure: FeedFailure = result.status === 'error' ? { url: this.options.url, reason: result.reason, httpStatus: result.httpStatus } : { url: this.options.url, reason: 'empty' };
    const stored = (await this.options.stored?.().catch(() => null)) ?? null;
    return { current: stored, failure };
  }

  private view(fetched: { releases: Release[]; at: Date }): CurrentReleases {
    return { releases: fetched.releases, checkedAt: fetched.at, ageMs: Math.max(0, this.now().getTime() - fetched.at.getTime()), lastError: null };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
