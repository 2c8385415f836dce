/**
 * The version order of each key: which values sit at which offsets, as far as
 * the history can tell.
 *
 * Following Jepsen's `version-orders`: every poll contributes what it read
 * (ok, info and fail alike: a poll should only ever return committed data),
 * and a send contributes its acknowledged offset only if it must have
 * committed (ok, or info and later read). Offsets may be sparse; the dense
 * *index* of an offset is its position among the offsets seen, and every
 * skip or inversion is measured in indexes.
 */
import type { OpDigest } from './digest.js';
import { mustHaveCommitted, type Observations } from './observations.js';
import type { ValueKey } from './values.js';

export interface KeyOrder {
  readonly key: string;
  /** Dense index -> offset, ascending. */
  readonly offsets: readonly number[];
  /** Dense index -> every distinct value seen at that offset, first seen first. Never empty. */
  readonly slots: readonly (readonly ValueKey[])[];
  /** Dense index -> the value that stands for that offset (the first seen). */
  readonly byIndex: readonly ValueKey[];
  /** Value -> index of the last offset it stands for (Jepsen's `by-value`); absent if it never stands for one. */
  readonly byValue: ReadonlyMap<ValueKey, number>;
  /** Value -> the earliest index it appears at (in any slot). */
  readonly firstIndex: ReadonlyMap<ValueKey, number>;
  /** Value -> the latest index it appears at (in any slot). */
  readonly lastIndex: ReadonlyMap<ValueKey, number>;
  /** Some value appears at more than one offset. */
  readonly hasDuplicates: boolean;
  /** Some offset holds more than one value. */
  readonly hasConflicts: boolean;
}

export type VersionOrders = ReadonlyMap<string, KeyOrder>;

export function buildVersionOrders(digests: readonly OpDigest[], obs: Observations): VersionOrders {
  const logs = new Map<string, Map<number, ValueKey[]>>();
  const record = (key: string, offsets: readonly (number | null)[], values: readonly ValueKey[]): void => {
    let log = logs.get(key);
    if (log === undefined) logs.set(key, (log = new Map()));
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i];
      if (offset === null || offset === undefined) continue;
      const v = values[i];
      const slot = log.get(offset);
      if (slot === undefined) log.set(offset, [v]);
      else if (!slot.includes(v)) slot.push(v);
    }
  };
  for (const d of digests) {
    if (d.writes.length > 0 && mustHaveCommitted(obs, d)) {
      for (const run of d.writes) record(run.key, run.offsets, run.values);
    }
    for (const run of d.reads) record(run.key, run.offsets, run.values);
  }
  const orders = new Map<string, KeyOrder>();
  for (const [key, log] of logs) {
    if (log.size > 0) orders.set(key, finalize(key, log));
  }
  return orders;
}

function finalize(key: string, log: Map<number, ValueKey[]>): KeyOrder {
  const offsets = [...log.keys()].sort((a, b) => a - b);
  const slots: ValueKey[][] = new Array<ValueKey[]>(offsets.length);
  const byIndex: ValueKey[] = new Array<ValueKey>(offsets.length);
  const lastIndex = new Map<ValueKey, number>();
  let hasDuplicates = false;
  let hasConflicts = false;
  for (let i = 0; i < offsets.length; i++) {
    const slot = log.get(offsets[i] as number) as ValueKey[];
    slots[i] = slot;
    byIndex[i] = slot[0];
    if (slot.length > 1) hasConflicts = true;
    for (const v of slot) {
      if (lastIndex.has(v)) hasDuplicates = true;
      lastIndex.set(v, i);
    }
  }
  // Without duplicates, a value's first and last index agree; without
  // conflicts, every value stands for its offset. Share the map then.
  const firstIndex = hasDuplicates ? firstIndexes(slots) : lastIndex;
  const byValue = hasConflicts ? representativeIndexes(byIndex) : lastIndex;
  return { key, offsets, slots, byIndex, byValue, firstIndex, lastIndex, hasDuplicates, hasConflicts };
}

function firstIndexes(slots: readonly (readonly ValueKey[])[]): Map<ValueKey, number> {
  const first = new Map<ValueKey, number>();
  for (let i = 0; i < slots.length; i++) {
    for (const v of slots[i] as readonly ValueKey[]) {
      if (!first.has(v)) first.set(v, i);
    }
  }
  return first;
}

function representativeIndexes(byIndex: readonly ValueKey[]): Map<ValueKey, number> {
  const m = new Map<ValueKey, number>();
  for (let i = 0; i < byIndex.length; i++) m.set(byIndex[i], i);
  return m;
}

/**
 * How far `v2` sits after `v1` in the key's order, in indexes; 1 (nothing to
 * report) when either value has no known position, as in Jepsen.
 */
export function orderDelta(order: KeyOrder | undefined, v1: ValueKey, v2: ValueKey): number {
  if (order === undefined) return 1;
  const i1 = order.byValue.get(v1);
  const i2 = order.byValue.get(v2);
  return i1 === undefined || i2 === undefined ? 1 : i2 - i1;
}

/** The representative values strictly between two values' positions. */
export function valuesBetween(order: KeyOrder, v1: ValueKey, v2: ValueKey): ValueKey[] {
  const i1 = order.byValue.get(v1) as number;
  const i2 = order.byValue.get(v2) as number;
  return order.byIndex.slice(i1 + 1, i2);
}
