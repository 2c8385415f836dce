/**
 * The order in which a Clojure hash set hands out its members, for the values
 * Maelstrom sends (integers).
 *
 * Jepsen's `version-orders` keeps, per offset, a *set* of the values seen
 * there, and the value that stands for the offset in the version order is
 * `(first set)`: not the first seen, but whichever comes first in the set's
 * iteration order. A `PersistentHashSet` iterates its hash array mapped trie
 * in index order, the index at each level being five bits of the value's
 * `hasheq`, lowest bits first; a full hash collision keeps insertion order.
 * For an integer `hasheq` is Murmur3's `hashLong`. Which value stands changes
 * which skips `int-poll-skip` reports, so the checker picks the same one.
 */
import type { ValueKey } from './values.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const mixK1 = (k: number): number => Math.imul(rotl(Math.imul(k, C1), 15), C2);
const mixH1 = (h: number, k: number): number => (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number, length: number): number {
  let h1 = h ^ length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 | 0;
}

/** Clojure's `(hash n)` of a long (clojure.lang.Murmur3/hashLong); n a safe integer. */
export function clojureHashLong(n: number): number {
  if (n === 0) return 0;
  const big = BigInt.asUintN(64, BigInt(n));
  const low = Number(big & 0xffffffffn) | 0;
  const high = Number(big >> 32n) | 0;
  return fmix(mixH1(mixH1(0, mixK1(low)), mixK1(high)), 8);
}

/** The trie path of a hash: its five-bit chunks, lowest first, as one comparable unsigned number. */
function triePath(hash: number): number {
  let path = 0;
  for (let shift = 0; shift < 32; shift += 5) path = path * 32 + ((hash >>> shift) & 0x1f);
  return path;
}

/**
 * The member a Clojure hash set of `values` (in insertion order) gives first,
 * when every value is an integer; otherwise (strings, structured values,
 * whose hashes this does not model) the first inserted.
 */
export function clojureSetFirst(values: readonly ValueKey[]): ValueKey {
  let best = values[0] as ValueKey;
  if (!values.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return best;
  let bestPath = triePath(clojureHashLong(best as number));
  for (let i = 1; i < values.length; i++) {
    const path = triePath(clojureHashLong(values[i] as number));
    // Equal paths are a full collision: insertion order, so the earlier stays.
    if (path < bestPath) {
      best = values[i] as ValueKey;
      bestPath = path;
    }
  }
  return best;
}
