/**
 * Remembers the results of a pure function for recently seen keys, never more than `limit` of them:
 * when full it starts over. A long-running bot meets an endless stream of new words; an unbounded
 * (or very large) cache would turn them into megabytes of idle memory, while the words that recur
 * ("kernel", "treiber") are back in the cache after a few questions.
 */
export class Memo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(
    private readonly limit: number,
    private readonly compute: (key: K) => V,
  ) {}

  get(key: K): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    const value = this.compute(key);
    if (this.values.size >= this.limit) this.values.clear();
    this.values.set(key, value);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}
