/**
 * The keys whose values differ between two versions of one persistent map.
 *
 * A step changes a handful of keys of a node holding thousands, and `set`
 * copies only the path to the changed leaf, so two versions share every
 * untouched subtree by reference. Walking both tries together and skipping
 * shared subtrees costs what the step changed, not what the node holds: this
 * is what lets the simulator check its invariants after every step.
 *
 * It reads the trie through the shape `PMap` exposes (persistent/hamt.ts);
 * nothing here builds or changes a map.
 */
import { entries, get, type PMap } from '../core/persistent/hamt.js';

type Trie<V> = PMap<V>['root']['children'][number];

/** Calls `visit(key, before, after)` for each key added or changed from `before` to `after` (`before` undefined when added). */
export const forEachChange = <V>(before: PMap<V>, after: PMap<V>, visit: (key: string, before: V | undefined, after: V) => void): void => {
  if (before === after) return;
  walk(before.root, after.root, before, visit);
};

const walk = <V>(a: Trie<V>, b: Trie<V>, before: PMap<V>, visit: (key: string, before: V | undefined, after: V) => void): void => {
  if (a === b) return;
  if (a.tag === 'branch' && b.tag === 'branch') {
    // Children are stored densely in slot order; pair them slot by slot.
    let ia = 0;
    let ib = 0;
    for (let slot = 0; slot < 32; slot++) {
      const bit = 1 << slot;
      const inA = (a.bitmap & bit) !== 0;
      const inB = (b.bitmap & bit) !== 0;
      if (inA && inB) walk(a.children[ia++]!, b.children[ib++]!, before, visit);
      else if (inB) everyKey(b.children[ib++]!, before, visit);
      else if (inA) ia++;
    }
    return;
  }
  // The common change: one key's value replaced, its leaf in the same slot.
  if (a.tag === 'leaf' && b.tag === 'leaf' && a.key === b.key) {
    if (a.value !== b.value) visit(b.key, a.value, b.value);
    return;
  }
  // A leaf became a branch or a collision list (or back), or another key took the slot: compare key by key.
  everyKey(b, before, visit);
};

const everyKey = <V>(trie: Trie<V>, before: PMap<V>, visit: (key: string, before: V | undefined, after: V) => void): void => {
  for (const [key, value] of entries({ size: 0, root: { tag: 'branch', bitmap: 1, children: [trie] } })) {
    const old = get(before, key);
    if (old !== value) visit(key, old, value);
  }
};
