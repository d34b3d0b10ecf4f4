import type { Store } from '../store/store.ts';
import type { QaChannel, QaChannelKind } from '../store/qa-repo.ts';
import type { KnowledgeSearch, SearchOutcome, SearchHit } from '../search/index.ts';
import type { Clock } from '../releases/ports.ts';
import { looksLikeQuestion, normalizeQuestion } from './question.ts';
import { capUserText } from '../answers/limits.ts';

export interface ForumPost {
  threadId: string;
  channelId: string;
  authorId: string | null;
  title: string;
  body: string;
  tags: string[];
}

/** How long one entry is not suggested again in the same text channel. */
export const SUGGESTION_COOLDOWN_MS = 30 * 60_000;

/**
 * The Q&A logic without Discord: which channels are watched, what to suggest for a forum post or
 * a question in a text channel, the once-per-post claim, and the knowledge-gap and hit counters.
 */
export class QaService {
  constructor(private readonly deps: { store: Store; search: KnowledgeSearch; clock: Clock; onCountError?: (error: unknown) => void; observeAnswer?: (outcome: SearchOutcome, lang: string) => void }) {}

  async watch(channel: QaChannel, addedBy: string | null): Promise<void> {
    await this.deps.store.qa.addChannel({ ...channel, addedBy }, this.deps.clock.now());
  }

  unwatch(channelId: string): Promise<boolean> {
    return this.deps.store.qa.removeChannel(channelId);
  }

  async watched(channelId: string | null | undefined, kind?: QaChannelKind): Promise<boolean> {
    const channel = channelId ? await this.deps.store.qa.channel(channelId) : undefined;
    return channel !== undefined && (kind === undefined || channel.kind === kind);
  }

  channelsOf(guildId: string): Promise<QaChannel[]> {
    return this.deps.store.qa.channelsOf(guildId);
  }

  /**
   * Up to three confident entries for a new forum post, or null (post nothing). Claims the post
   * first, so a repeated thread-create event or a restart never answers it twice.
   */
  async suggestForPost(post: ForumPost): Promise<SearchHit[] | null> {
    const { qa } = this.deps.store;
    if (!(await qa.claimPost(post, this.deps.clock.now()))) return null;
    // The title speaks for the post; the body alone only counts when it matches an entry very well.
    const title = capUserText(post.title);
    const outcome =
      this.answered(title) ??
      this.answered(capUserText(`${title} ${post.tags.join(' ')}`)) ??
      this.answered(post.body.slice(0, 300), 'high');
    if (!outcome) {
      await qa.updatePost(post.threadId, { status: 'silent' }, this.deps.clock.now());
      await this.recordGap(post.title);
      return null;
    }
    const hits = outcome.hits.slice(0, 3);
    await qa.updatePost(post.threadId, { status: 'suggested', entryIds: hits.map((h) => h.entry.id) }, this.deps.clock.now());
    for (const hit of hits.slice(0, 1)) await qa.recordHit(hit.entry.id, this.deps.clock.now());
    return hits;
  }

  async suggestionPosted(threadId: string, messageId: string): Promise<void> {
    await this.deps.store.qa.updatePost(threadId, { status: 'suggested', messageId }, this.deps.clock.now());
  }

  /** "Solved it" / "Not helpful" on a suggestion; "not helpful" counts the post's title as a gap. */
  async resolvePost(threadId: string, verdict: 'solved' | 'unhelpful', title: string): Promise<void> {
    await this.deps.store.qa.updatePost(threadId, { status: verdict }, this.deps.clock.now());
    if (verdict === 'unhelpful') await this.recordGap(title, 'unhelpful');
  }

  solvedCount(): Promise<number> {
    return this.deps.store.qa.countPosts('solved');
  }

  /** One high-confidence entry for a question in a watched text channel, respecting the cool-down. */
  async suggestForMessage(channelId: string, text: string): Promise<SearchHit | null> {
    if (!looksLikeQuestion(text)) return null;
    const outcome = this.deps.search.search(capUserText(text));
    const best = outcome.hits[0];
    if (outcome.confidence !== 'high' || !best) return null;
    const now = this.deps.clock.now();
    if (!(await this.deps.store.qa.takeCooldown(channelId, best.entry.id, now, new Date(now.getTime() + SUGGESTION_COOLDOWN_MS)))) return null;
    await this.deps.store.qa.recordHit(best.entry.id, now);
    return best;
  }

  /** Counts what a slash command, mention or context menu answered, or did not. */
  /** Never rejects: a counter that cannot be written (database away) must not cost the answer. */
  async recordOutcome(question: string, outcome: SearchOutcome, lang = 'unknown'): Promise<void> {
    this.deps.observeAnswer?.(outcome, lang);
    const best = outcome.hits[0];
    await this.counting(() => (outcome.answered && best ? this.deps.store.qa.recordHit(best.entry.id, this.deps.clock.now()) : this.recordGap(question)));
  }

  /** Never rejects, like recordOutcome. */
  async recordHit(entryId: string): Promise<void> {
    await this.counting(() => this.deps.store.qa.recordHit(entryId, this.deps.clock.now()));
  }

  private async counting(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.deps.onCountError?.(error);
    }
  }

  gaps(limit = 20) {
    return this.deps.store.qa.gaps(limit);
  }

  hits(limit = 20) {
    return this.deps.store.qa.hits(limit);
  }

  private async recordGap(question: string, kind: 'asked' | 'unhelpful' = 'asked'): Promise<void> {
    const normalized = normalizeQuestion(question);
    if (normalized) await this.deps.store.qa.recordGap(normalized, kind, this.deps.clock.now());
  }

  private answered(text: string, needs: 'medium' | 'high' = 'medium'): SearchOutcome | null {
    if (!text.trim()) return null;
    const outcome = this.deps.search.search(text);
    if (!outcome.answered || outcome.hits.length === 0) return null;
    return needs === 'high' && outcome.confidence !== 'high' ? null : outcome;
  }
}
