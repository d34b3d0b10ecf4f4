/** Binary search over keys sorted by code unit (as `Array.prototype.sort` sorts strings). */

/** The index of the first key not below `text`: where the keys starting with it begin. */
export function lowerBound(sortedKeys: readonly string[], text: string): number {
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedKeys[middle]! < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether a non-empty `text` is the beginning of some key in `sortedKeys`: exactly what a set of
 * every key's non-empty prefixes would say.
 */
export function beginsSortedKey(sortedKeys: readonly string[], text: string): boolean {
  if (text === '') return false;
  const at = lowerBound(sortedKeys, text);
  return at < sortedKeys.length && sortedKeys[at]!.startsWith(text);
}
