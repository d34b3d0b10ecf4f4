import type { Store } from '../store/store.ts';
import type { QaChannel, QaChannelKind } from '../store/qa-repo.ts';
import type { KnowledgeSearch, SearchOutcome, SearchHit } from '../search/index.ts';
import type { Clock } from '../shared/clock.ts';
import { looksLikeQuestion, normalizeQuestion } from './question.ts';
import { capUserText } from '../answers/limits.ts';
import { levelOf } from '../search/confidence.ts';
import type { Language } from '../knowledge/schema.ts';

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
  constructor(
    private readonly deps: { store: Store; search: KnowledgeSearch; clock: Clock; onCountError?: (error: unknown) => void; observeAnswer?: (outcome: SearchOutcome, lang: string) => void },
  ) {}

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
    // Title, tags and first message are read together; only an answer-level match is posted.
    const outcome = this.deps.search.search(capUserText(postText(post)));
    if (!outcome.answered) {
      await qa.updatePost(post.threadId, { status: 'silent' }, this.deps.clock.now());
      await this.recordGap(post.title);
      return null;
    }
    // Only what is itself at the answer level: a post that names two topics may get both.
    const hits = outcome.hits.filter((h) => levelOf(h.probability) === 'answer').slice(0, 3);
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
    if (!outcome.answered || !best) return null;
    const now = this.deps.clock.now();
    if (!(await this.deps.store.qa.takeCooldown(channelId, best.entry.id, now, new Date(now.getTime() + SUGGESTION_COOLDOWN_MS)))) return null;
    await this.deps.store.qa.recordHit(best.entry.id, now);
    return best;
  }

  /** The language a post or message is written in, when it is long enough to tell. */
  languageOf(text: string): Language | null {
    return this.deps.search.languageOf(text);
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
}

/** What a forum post is about: its title, tags and first message, as the search reads them. */
function postText(post: ForumPost): string {
  return [post.title, post.tags.join(' '), post.body].filter((part) => part.trim()).join('\n');
}
