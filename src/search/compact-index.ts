import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/**
 * MiniSearch keeps, for every term, a Map of fields and for every field a Map from document to term
 * frequency: about 40,000 Maps for our knowledge base, nearly all with one to three entries, each
 * about 190 bytes. Once built, the index is only read (search, autoSuggest, toJSON), so the small
 * ones become a flat key/value array with the read side of Map's interface and the same iteration
 * order: the same arithmetic in the same order, so the same results to the last bit
 * (tests/index-equivalence.test.ts). The small nodes of the term tree (Maps from key fragments to
 * child nodes) likewise. About 4.5 MB less heap.
 */
class SmallMap<K, V> {
  /** Keys and values alternating, in the Map's insertion order. */
  private readonly pairs: (K | V)[];

  constructor(entries: Iterable<readonly [K, V]>, size: number) {
    this.pairs = new Array<K | V>(size * 2);
    let i = 0;
    for (const [key, value] of entries) {
      this.pairs[i++] = key;
      this.pairs[i++] = value;
    }
  }

  get size(): number {
    return this.pairs.length / 2;
  }

  get(key: K): V | undefined {
    for (let i = 0; i < this.pairs.length; i += 2) if (this.pairs[i] === key) return this.pairs[i + 1] as V;
    return undefined;
  }

  has(key: K): boolean {
    for (let i = 0; i < this.pairs.length; i += 2) if (this.pairs[i] === key) return true;
    return false;
  }

  *keys(): IterableIterator<K> {
    for (let i = 0; i < this.pairs.length; i += 2) yield this.pairs[i] as K;
  }

  *values(): IterableIterator<V> {
    for (let i = 1; i < this.pairs.length; i += 2) yield this.pairs[i] as V;
  }

  *entries(): IterableIterator<[K, V]> {
    for (let i = 0; i < this.pairs.length; i += 2) yield [this.pairs[i] as K, this.pairs[i + 1] as V];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: this) => void): void {
    for (let i = 0; i < this.pairs.length; i += 2) callback(this.pairs[i + 1] as V, this.pairs[i] as K, this);
  }

  set(): never {
    throw new Error('the search index is read-only once built');
  }

  delete(): never {
    throw new Error('the search index is read-only once built');
  }
}

/** Maps up to this size become SmallMaps; a linear scan over them is as fast as hashing. */
const SMALL = 8;

type Postings = Map<number, number>;
type TermData = Map<number, Postings>;
interface TermTree {
  [Symbol.iterator](): IterableIterator<[string, TermData]>;
  set(term: string, data: unknown): unknown;
}

const compact = <K, V>(map: Map<K, V>): Map<K, V> => (map.size <= SMALL ? (new SmallMap(map, map.size) as unknown as Map<K, V>) : map);

function treeOf<T>(index: MiniSearch<T>): TermTree {
  return (index as unknown as { _index: TermTree })._index;
}

/** The radix tree's nodes below the root: Maps from key fragments to child nodes, '' to a term's data. */
type TreeNode = Map<string, unknown>;

/** Compacts the small nodes of the term tree (after the last term was set; the root stays a Map). */
function compactTree(tree: TermTree): void {
  const compactNode = (node: TreeNode): TreeNode => {
    for (const [key, child] of node) if (key !== '') node.set(key, compactNode(child as TreeNode));
    return compact(node);
  };
  const root = (tree as unknown as { _tree: TreeNode })._tree;
  for (const [key, child] of root) if (key !== '') root.set(key, compactNode(child as TreeNode));
}

/** Replaces the small per-term and per-field Maps of a built index; nothing may be added or removed afterwards. */
export function compactIndex<T>(index: MiniSearch<T>): void {
  const tree = treeOf(index);
  const replaced: [string, TermData][] = [];
  for (const [term, fields] of tree) {
    const data = new Map<number, Postings>();
    for (const [field, postings] of fields) data.set(field, compact(postings));
    replaced.push([term, compact(data)]);
  }
  for (const [term, data] of replaced) tree.set(term, data);
  compactTree(tree);
}

/** A serialised `{ "docId": frequency }` as MiniSearch's loadJS reads it (keys in Object.keys order), compact when small. */
function postingsOf(serialised: Record<string, number>): Postings {
  const keys = Object.keys(serialised);
  const entries = keys.map((key) => [parseInt(key, 10), serialised[key]!] as const);
  return keys.length <= SMALL ? (new SmallMap(entries, keys.length) as unknown as Postings) : new Map(entries);
}

/**
 * `MiniSearch.loadJS` followed by `compactIndex`, without building the Maps that compacting would
 * drop: the terms are read here the way loadJS reads them (serialisation version 2), the rest by loadJS.
 */
export function loadCompactIndex<T>(js: AsPlainObject, options: Options<T>): MiniSearch<T> {
  if (js.serializationVersion !== 2) {
    const index = MiniSearch.loadJS<T>(js, options);
    compactIndex(index);
    return index;
  }
  const index = MiniSearch.loadJS<T>({ ...js, index: [] }, options);
  const tree = treeOf(index);
  for (const [term, fields] of js.index) {
    const data = new Map<number, Postings>();
    for (const fieldId of Object.keys(fields)) data.set(parseInt(fieldId, 10), postingsOf(fields[fieldId]!));
    tree.set(term, compact(data));
  }
  compactTree(tree);
  return index;
}
