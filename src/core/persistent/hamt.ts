/**
 * A persistent map from string keys to values: a hash array mapped trie.
 *
 * `set` copies only the path from the root to the changed leaf (at most seven
 * nodes of at most 32 slots), so a node holding tens of thousands of keys pays
 * the same per request as one holding ten, and every old version of the map
 * stays valid. Nothing here is mutated after it is built.
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const MAX_SHIFT = 30;

interface Leaf<V> {
  readonly tag: 'leaf';
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}

/** Keys whose 32-bit hashes are equal, kept in a small list. */
interface Collision<V> {
  readonly tag: 'collision';
  readonly hash: number;
  readonly leaves: readonly Leaf<V>[];
}

/** Bit i of `bitmap` says slot i is present; `children` holds present slots in order. */
interface Branch<V> {
  readonly tag: 'branch';
  readonly bitmap: number;
  readonly children: readonly Trie<V>[];
}

type Trie<V> = Leaf<V> | Collision<V> | Branch<V>;

export interface PMap<V> {
  readonly size: number;
  readonly root: Branch<V>;
}

const EMPTY_BRANCH: Branch<never> = { tag: 'branch', bitmap: 0, children: [] };

export const emptyMap = <V>(): PMap<V> => ({ size: 0, root: EMPTY_BRANCH });

/** FNV-1a over UTF-16 code units: cheap, and well spread for short keys. */
export const hashKey = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
};

const slotOf = (hash: number, shift: number): number => (hash >>> shift) & MASK;
const indexOf = (bitmap: number, bit: number): number => popcount(bitmap & (bit - 1));

export const get = <V>(map: PMap<V>, key: string): V | undefined => {
  const hash = hashKey(key);
  let node: Trie<V> = map.root;
  let shift = 0;
  for (;;) {
    switch (node.tag) {
      case 'leaf':
        return node.key === key ? node.value : undefined;
      case 'collision':
        return node.hash === hash ? node.leaves.find((leaf) => leaf.key === key)?.value : undefined;
      case 'branch': {
        const bit = 1 << slotOf(hash, shift);
        if ((node.bitmap & bit) === 0) return undefined;
        node = node.children[indexOf(node.bitmap, bit)]!;
        shift += BITS;
      }
    }
  }
};

export const has = <V>(map: PMap<V>, key: string): boolean => get(map, key) !== undefined;

/** Two leaves with different keys under one slot: push them down until they part. */
const merge = <V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Trie<V> => {
  if (a.hash === b.hash) {
    const leaves = a.tag === 'leaf' ? [a, b] : [...a.leaves, b];
    return { tag: 'collision', hash: a.hash, leaves };
  }
  if (shift > MAX_SHIFT) throw new Error('hamt: distinct hashes agree on every slot');
  const slotA = slotOf(a.hash, shift);
  const slotB = slotOf(b.hash, shift);
  if (slotA === slotB) {
    return { tag: 'branch', bitmap: 1 << slotA, children: [merge(a, b, shift + BITS)] };
  }
  const children = slotA < slotB ? [a, b] : [b, a];
  return { tag: 'branch', bitmap: (1 << slotA) | (1 << slotB), children };
};

/** Returns the new subtree and whether a key was added (rather than replaced). */
const insert = <V>(node: Trie<V>, leaf: Leaf<V>, shift: number): readonly [Trie<V>, boolean] => {
  switch (node.tag) {
    case 'leaf':
      if (node.key === leaf.key) return [leaf, false];
      return [merge(node, leaf, shift), true];
    case 'collision': {
      if (node.hash !== leaf.hash) return [merge(node, leaf, shift), true];
      const at = node.leaves.findIndex((l) => l.key === leaf.key);
      if (at < 0) return [{ ...node, leaves: [...node.leaves, leaf] }, true];
      const leaves = node.leaves.slice();
      leaves[at] = leaf;
      return [{ ...node, leaves }, false];
    }
    case 'branch': {
      const bit = 1 << slotOf(leaf.hash, shift);
      const index = indexOf(node.bitmap, bit);
      const children = node.children.slice();
      if ((node.bitmap & bit) === 0) {
        children.splice(index, 0, leaf);
        return [{ tag: 'branch', bitmap: node.bitmap | bit, children }, true];
      }
      const [child, added] = insert(node.children[index]!, leaf, shift + BITS);
      children[index] = child;
      return [{ tag: 'branch', bitmap: node.bitmap, children }, added];
    }
  }
};

export const set = <V>(map: PMap<V>, key: string, value: V): PMap<V> => {
  const [root, added] = insert(map.root, { tag: 'leaf', hash: hashKey(key), key, value }, 0);
  return { size: added ? map.size + 1 : map.size, root: root as Branch<V> };
};

/** Every entry, in hash order (stable for a given set of keys, not insertion order). */
export function* entries<V>(map: PMap<V>): Generator<readonly [string, V]> {
  const stack: Trie<V>[] = [map.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.tag === 'leaf') yield [node.key, node.value];
    else if (node.tag === 'collision') for (const leaf of node.leaves) yield [leaf.key, leaf.value];
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}
