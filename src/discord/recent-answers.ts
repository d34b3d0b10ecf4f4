/**
 * Remembers public answers per (channel, entry) for a short window, so the same answer is not
 * posted twice in a row; the asker gets a pointer to the earlier one instead. Losing this on a
 * restart is harmless: at worst one answer repeats.
 */
export class RecentAnswers {
  private readonly seen = new Map<string, { at: number; url: string }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

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
