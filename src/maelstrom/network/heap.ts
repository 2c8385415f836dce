/**
 * A persistent min-heap (a leftist heap): insert and pop copy only one spine,
 * O(log n) nodes, so every older version stays valid and the network's state
 * can be kept, compared and replayed like any other value.
 *
 * Invariant (leftist): a node's left rank is at least its right rank, so the
 * right spine, the only path `merge` walks, has O(log n) nodes.
 */

export interface Heap<T> {
  readonly rank: number;
  readonly item: T;
  readonly left: Heap<T> | null;
  readonly right: Heap<T> | null;
}

export type Before<T> = (a: T, b: T) => boolean;

const rankOf = <T>(heap: Heap<T> | null): number => (heap === null ? 0 : heap.rank);

const node = <T>(item: T, a: Heap<T> | null, b: Heap<T> | null): Heap<T> =>
  rankOf(a) >= rankOf(b)
    ? { rank: rankOf(b) + 1, item, left: a, right: b }
    : { rank: rankOf(a) + 1, item, left: b, right: a };

export const merge = <T>(a: Heap<T> | null, b: Heap<T> | null, before: Before<T>): Heap<T> | null => {
  if (a === null) return b;
  if (b === null) return a;
  return before(b.item, a.item) ? node(b.item, b.left, merge(a, b.right, before)) : node(a.item, a.left, merge(a.right, b, before));
};

export const insert = <T>(heap: Heap<T> | null, item: T, before: Before<T>): Heap<T> =>
  merge(heap, { rank: 1, item, left: null, right: null }, before) as Heap<T>;

/** The heap without its minimum; null when that was the last item. */
export const pop = <T>(heap: Heap<T>, before: Before<T>): Heap<T> | null => merge(heap.left, heap.right, before);

export function* drain<T>(heap: Heap<T> | null, before: Before<T>): Generator<T> {
  let rest = heap;
  while (rest !== null) {
    yield rest.item;
    rest = pop(rest, before);
  }
}
