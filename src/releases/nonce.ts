import { createHash } from 'node:crypto';

/**
 * Discord nonces are at most 25 characters. Derived from channel and event keys, so the same
 * message composed again after a restart carries the same nonce and enforce_nonce drops a double.
 */
export function messageNonce(channelId: string, eventKeys: string[]): string {
  const digest = createHash('sha256')
    .update(`${channelId}|${[...eventKeys].sort().join(',')}`)
    .digest('hex');
  return `kb${digest.slice(0, 23)}`;
}
