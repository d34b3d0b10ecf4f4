import type { FeedErrorReason } from '../shared/release.ts';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly reason: FeedErrorReason,
    message: string,
  ) {
    super(message);
  }
}
