/** The database's answer slots (src/store/leases-repo.ts), so the window holds across processes. */
export interface AnswerSlotStore {
  take(channelId: string, entryId: string, now: Date, until: Date, url: string | null): Promise<boolean>;
  find(channelId: string, entryId: string, now: Date): Promise<string | null>;
  setUrl(channelId: string, entryId: string, url: string): Promise<void>;
  release(channelId: string, entryId: string): Promise<void>;
}

/**
 * Remembers public answers per (channel, entry) for a short window, so the same answer is not
 * posted twice in a row; the asker gets a pointer to the earlier one instead. With a slot store the
 * window is one atomic insert in the database, shared by every process; without (or when the
 * database is away) it is kept in memory. Losing it is harmless: at worst one answer repeats.
 */
export class RecentAnswers {
  private readonly seen = new Map<string, { at: number; url: string }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly slots?: AnswerSlotStore,
  ) {}

  /** Takes the slot for a public answer: null when this caller may post it, else the earlier answer's link. */
  async claim(channelId: string, entryId: string, url: string): Promise<string | null> {
    if (this.slots) {
      const now = new Date(this.now());
      try {
        if (await this.slots.take(channelId, entryId, now, new Date(now.getTime() + this.windowMs), url)) return null;
        return (await this.slots.find(channelId, entryId, now)) ?? url;
      } catch {
        // Database away: fall back to this process's memory rather than failing the answer.
      }
    }
    const earlier = this.find(channelId, entryId);
    if (earlier) return earlier;
    this.remember(channelId, entryId, url);
    return null;
  }

  /** Records where the answer went, for the pointer. */
  async record(channelId: string, entryId: string, url: string): Promise<void> {
    this.remember(channelId, entryId, url);
    await this.slots?.setUrl(channelId, entryId, url).catch(() => undefined);
  }

  /** A claimed answer that never arrived must not block the next ask. */
  async release(channelId: string, entryId: string): Promise<void> {
    this.forget(channelId, entryId);
    await this.slots?.release(channelId, entryId).catch(() => undefined);
  }

  find(channelId: string, entryId: string): string | null {
    const hit = this.seen.get(`${channelId}:${entryId}`);
    return hit && this.now() - hit.at < this.windowMs ? hit.url : null;
  }

  /** A claimed answer that never arrived must not block the next ask. */
  forget(channelId: string, entryId: string): void {
    this.seen.delete(`${channelId}:${entryId}`);
  }

  remember(channelId: string, entryId: string, url: string): void {
    const now = this.now();
    for (const [key, value] of this.seen) if (now - value.at >= this.windowMs) this.seen.delete(key);
    this.seen.set(`${channelId}:${entryId}`, { at: now, url });
  }
}
