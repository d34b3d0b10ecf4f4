import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

/** The ports the release services are built on; tests and the bot pass their own implementations. */

export type MessageBody = RESTPostAPIChannelMessageJSONBody;

export type SendFailureKind =
  /** 5xx or a network error: the same message may be sent again (nonce protects against doubles). */
  | 'retry'
  /** 429: wait retryAfterMs, then send again. */
  | 'rate-limited'
  /** 404 Unknown Channel: stop posting there. */
  | 'gone'
  /** 403 Missing Access / Missing Permissions: stop posting there. */
  | 'forbidden';

export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; kind: SendFailureKind; status: number; reason: string; retryAfterMs?: number };

/**
 * Posts one message to one channel. Should return failures rather than throw; a throw is treated
 * as "outcome unknown" and the message is retried with the same nonce on the next run.
 */
export interface MessageSender {
  send(channelId: string, body: MessageBody): Promise<SendResult>;
  /**
   * Optional look-back before resending an interrupted message: the id of a message this bot
   * already posted in the channel with the same content, or null. Discord only honours a nonce for
   * a few minutes, so after a long outage this is what keeps a resend from posting twice. Messages
   * older than `since` (before the intent was recorded) cannot be the post and need not be read.
   */
  findPosted?(channelId: string, body: MessageBody, since: Date): Promise<string | null>;
}

export interface KnowledgeRef {
  id: string;
  title: string;
}

/** Knowledge-base entries about a kernel version ("6.18"), listed in the post of that release. */
export interface KnowledgeLookup {
  entriesForVersion(series: string): KnowledgeRef[];
  /** The release entry of that version ("Linux 6.18 (November 2025)"), linked from the post of a final mainline release. */
  releaseEntry(series: string): KnowledgeRef | null;
}
