/**
 * The iteration order of a Clojure hash set of integers, against what the
 * Maelstrom 0.2.3 jar's Clojure prints: `(seq (into #{} (range 1 40)))` and
 * `(map hash [1 2 3 -1 100000 5000000000])`.
 */
import { describe, expect, it } from 'vitest';
import { clojureHashLong, clojureSetFirst } from '../../src/checker/clojure-set-order.js';

const CLOJURE_ORDER_1_TO_39 = [
  7, 20, 27, 1, 24, 39, 4, 15, 21, 31, 32, 33, 13, 22, 36, 29, 6, 28, 25, 34, 17, 3, 12, 2, 23, 35, 19, 11, 9, 5, 14, 26, 16, 38, 30, 10,
  18, 37, 8,
];

describe('clojure set order', () => {
  it("hashes integers as Clojure's Murmur3 hashLong does", () => {
    expect([1, 2, 3, -1, 100000, 5000000000].map(clojureHashLong)).toEqual([1392991556, -971005196, -1556392013, 1651860712, -1888663678, 34580477]);
    expect(clojureHashLong(0)).toBe(0);
  });

  it('gives first the member Clojure gives first, whatever the insertion order', () => {
    const order: number[] = [];
    let rest = [...Array(39).keys()].map((i) => 39 - i);
    while (rest.length > 0) {
      const first = clojureSetFirst(rest);
      order.push(first as number);
      rest = rest.filter((v) => v !== first);
    }
    expect(order).toEqual(CLOJURE_ORDER_1_TO_39);
  });

  it('keeps insertion order for values whose hashes it does not model', () => {
    expect(clojureSetFirst(['b', 'a'])).toBe('b');
    expect(clojureSetFirst([20, 'x', 7])).toBe(20);
  });
});
