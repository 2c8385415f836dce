/**
 * A map from message values to numbers (digests, indexes), with a fast path
 * for what Maelstrom actually sends: small non-negative integers, which index
 * a plain array. Anything else goes to a Map made on first need.
 *
 * The checker keeps several of these per key (who read a value, who wrote
 * it, where it sits in the order); as Maps they were most of its allocation
 * and a good part of its time.
 */
import type { ValueKey } from './values.js';

/**
 * Values below this index the array. A larger or sparse value is still
 * safe there (V8 switches a very sparse array to a dictionary by itself),
 * but it is not what the array is for.
 */
const SMALL_LIMIT = 1 << 20;

function isSmall(v: ValueKey): v is number {
  return typeof v === 'number' && v >= 0 && v < SMALL_LIMIT && (v | 0) === v;
}

export interface ReadonlyValueTable {
  get(v: ValueKey): number | undefined;
  has(v: ValueKey): boolean;
  /** Calls `visit` with every (number, value), small integers first, ascending. */
  forEach(visit: (n: number, v: ValueKey) => void): void;
}

export class ValueTable implements ReadonlyValueTable {
  /** value -> number for small integer values; holes are absent values. */
  private readonly small: number[] = [];
  private other: Map<ValueKey, number> | null = null;

  get(v: ValueKey): number | undefined {
    return isSmall(v) ? this.small[v] : this.other?.get(v);
  }

  has(v: ValueKey): boolean {
    return this.get(v) !== undefined;
  }

  set(v: ValueKey, n: number): void {
    if (isSmall(v)) this.small[v] = n;
    else (this.other ??= new Map()).set(v, n);
  }

  /** Sets v to n unless v already has a number; true if it set. */
  setIfAbsent(v: ValueKey, n: number): boolean {
    if (this.has(v)) return false;
    this.set(v, n);
    return true;
  }

  forEach(visit: (n: number, v: ValueKey) => void): void {
    this.small.forEach(visit);
    this.other?.forEach(visit);
  }
}
