/** Why a feed could not be used. Every failure of the fetch-and-parse path is one of these. */
export type FeedErrorReason =
  | 'timeout'
  /** Cut short on purpose: the bot is shutting down. */
  | 'aborted'
  | 'network'
  | 'http-status'
  | 'too-large'
  | 'not-a-feed'
  | 'invalid-xml'
  | 'empty'
  | 'no-valid-items';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly reason: FeedErrorReason,
    message: string,
  ) {
    super(message);
  }
}
