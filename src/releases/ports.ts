import type { Release } from '../shared/release.ts';
import type { Language } from '../knowledge/schema.ts';
import type { SkippedVersions } from './events.ts';

/** The ports the release services are built on; tests and the bot pass their own implementations. */

/**
 * One thing a message announces; a release row, an EOL row or the row of a note about the versions
 * one poll left out (more than MAX_RELEASES_PER_POLL new ones) of the delivery ledger.
 */
export type AnnouncementItem = { type: 'release'; release: Release; knowledge?: ReleaseKnowledge } | { type: 'eol'; series: string; release: Release } | { type: 'skipped'; skipped: SkippedVersions };

/** The knowledge-base entries about a release's version, listed in the post of a final mainline release. */
export interface ReleaseKnowledge {
  /** The release entry ("Linux 6.18 (November 2025)"), linked first. */
  releaseEntry: KnowledgeRef | null;
  /** Entries about what landed in that version. */
  entries: KnowledgeRef[];
}

/**
 * One announcement message, platform-neutral: the core decides what is said and to whom; the
 * platform adapter (src/discord/release-posts.ts) decides how it looks.
 */
export interface AnnouncementPost {
  /** Ordered oldest first, as planned. */
  items: AnnouncementItem[];
  /** Pinged (and the only thing that may be pinged) when set. */
  roleId: string | null;
  /** The subscription's language, fixed with the nonce: a resend is the same post. */
  lang: Language;
  /** Resent as is after an interruption, so the platform can drop a duplicate. */
  nonce?: string;
  /** The /announce test post: the real layout, marked as a test, never a ping. */
  sample?: boolean;
}

type SendFailureKind =
  /** 5xx or a network error: the same message may be sent again (nonce protects against doubles). */
  | 'retry'
  /** 429: wait retryAfterMs, then send again. */
  | 'rate-limited'
  /** 404 Unknown Channel: stop posting there. */
  | 'gone'
  /** 403 Missing Access / Missing Permissions: stop posting there. */
  | 'forbidden';

export type SendResult = { ok: true; messageId: string } | { ok: false; kind: SendFailureKind; status: number; reason: string; retryAfterMs?: number };

/**
 * Posts announcements to channels. Should return failures rather than throw; a throw is treated
 * as "outcome unknown" and the message is retried with the same nonce on the next run.
 */
export interface MessageSender {
  /** Splits items (already ordered) into messages within the platform's limits, as they are written in `lang`. */
  plan(items: AnnouncementItem[], lang: Language): AnnouncementItem[][];
  send(channelId: string, post: AnnouncementPost): Promise<SendResult>;
  /**
   * Optional look-back before resending an interrupted message: the id of a message this bot
   * already posted in the channel with the same content (in any language), or null. Discord only honours a nonce for
   * a few minutes, so after a long outage this is what keeps a resend from posting twice. Messages
   * older than `since` (before the intent was recorded) cannot be the post and need not be read.
   */
  findPosted?(channelId: string, post: AnnouncementPost, since: Date): Promise<string | null>;
}

interface KnowledgeRef {
  id: string;
  /** Entries are bilingual: a German post names them in German. */
  title: Record<Language, string>;
}

/** Knowledge-base entries about a kernel version ("6.18"), listed in the post of that release. */
export interface KnowledgeLookup {
  /** The release entry of that version and the entries about what landed in it, in one call. */
  forVersion(version: string): ReleaseKnowledge;
}
