import type { FeedErrorReason } from '../shared/release.ts';
import type { StoredFeedError } from '../i18n/problems.ts';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly reason: FeedErrorReason,
    message: string,
  ) {
    super(message);
  }
}

const REASONS: Record<FeedErrorReason | 'internal', true> = {
  timeout: true,
  aborted: true,
  network: true,
  'http-status': true,
  'too-large': true,
  'not-a-feed': true,
  'invalid-xml': true,
  empty: true,
  'no-valid-items': true,
  internal: true,
};

/** Reads back what the watcher stores for a failed fetch ("<reason>: <message>"), so replies can word it. */
export function parseFeedFailure(stored: string): StoredFeedError {
  const match = /^([a-z-]+): /.exec(stored);
  const reason = match && Object.hasOwn(REASONS, match[1]!) ? (match[1] as FeedErrorReason | 'internal') : null;
  const httpStatus = reason === 'http-status' ? Number(/\bHTTP (\d{3})\b/.exec(stored)?.[1]) || undefined : undefined;
  return { reason, ...(httpStatus ? { httpStatus } : {}), text: stored };
}
