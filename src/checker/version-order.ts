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
import { clojureSetFirst } from './clojure-set-order.js';
import { UNKNOWN_OFFSET, pairOffsetAt, type HistoryIndex, valueAt } from './history-index.js';
import { mustHaveCommitted, type Observations } from './observations.js';
import { ValueTable, type ReadonlyValueTable } from './value-table.js';
import type { ValueKey } from './values.js';

export interface KeyOrder {
  /** Dense index -> offset, ascending. */
  readonly offsets: readonly number[];
  /** Dense index -> the value that stands for that offset: Jepsen's `(first set)` of the values seen there (clojure-set-order.ts). */
  readonly byIndex: readonly ValueKey[];
  /** Dense index -> the other values seen at that offset, in the order seen; only offsets with a conflict appear. */
  readonly others: ReadonlyMap<number, readonly ValueKey[]>;
  /** Value -> index of the last offset it stands for (Jepsen's `by-value`); absent if it stands for none. */
  readonly byValue: ReadonlyValueTable;
  /** Value -> the earliest index it appears at (standing for it or not). */
  readonly firstIndex: ReadonlyValueTable;
  /** Value -> the latest index it appears at. */
  readonly lastIndex: ReadonlyValueTable;
  /** Some value appears at more than one offset. */
  readonly hasDuplicates: boolean;
  /** Some offset holds more than one value. */
  readonly hasConflicts: boolean;
}

/** Key id -> its order; undefined for a key no op gave an offset of. */
export type VersionOrders = readonly (KeyOrder | undefined)[];

/** Every value seen at index i, the standing one first. */
export function valuesAt(order: KeyOrder, i: number): readonly ValueKey[] {
  const others = order.others.get(i);
  const standing = order.byIndex[i] as ValueKey;
  return others === undefined ? [standing] : [standing, ...others];
}

/**
 * One key's observations while they are being collected. Offsets index a
 * plain array: dense offsets (the usual case) make it a compact list, and V8
 * turns a sparse one into a dictionary by itself.
 */
class KeyLog {
  /** Offset -> the first value seen there (undefined: none yet). */
  readonly first: ValueKey[] = [];
  /** Offsets in the order first seen. */
  readonly offsets: number[] = [];
  /** Offset -> the other values seen there, for the rare conflicting offset; made on first need. */
  others: Map<number, ValueKey[]> | null = null;

  add(offset: number, v: ValueKey): void {
    const standing = this.first[offset];
    if (standing === undefined) {
      this.first[offset] = v;
      this.offsets.push(offset);
      return;
    }
    if (standing === v) return;
    this.others ??= new Map();
    const others = this.others.get(offset);
    if (others === undefined) this.others.set(offset, [v]);
    else if (!others.includes(v)) others.push(v);
  }
}

const NO_OTHERS: ReadonlyMap<number, readonly ValueKey[]> = new Map();

export function buildVersionOrders(ix: HistoryIndex, obs: Observations): VersionOrders {
  const logs = new Array<KeyLog | undefined>(ix.keyName.length);
  const record = (rFrom: number, rTo: number): void => {
    for (let r = rFrom; r < rTo; r++) {
      const k = ix.runKey[r] as number;
      for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
        const offset = pairOffsetAt(ix, p);
        if (offset !== UNKNOWN_OFFSET) (logs[k] ??= new KeyLog()).add(offset, valueAt(ix, p));
      }
    }
  };
  for (let d = 0; d < ix.digestCount; d++) {
    const writesFrom = ix.writeStart[d] as number;
    const runsEnd = ix.runStart[d + 1] as number;
    if (writesFrom < runsEnd && mustHaveCommitted(ix, obs, d)) record(writesFrom, runsEnd);
    record(ix.runStart[d] as number, writesFrom);
  }
  return logs.map((log) => (log === undefined ? undefined : finalize(log)));
}

function finalize(log: KeyLog): KeyOrder {
  const offsets = log.offsets;
  if (!isAscending(offsets)) offsets.sort((a, b) => a - b);
  const byIndex = offsets.map((o) => log.first[o] as ValueKey);
  let others = NO_OTHERS;
  if (log.others !== null) {
    const byIndexOthers = new Map<number, ValueKey[]>();
    for (let i = 0; i < offsets.length; i++) {
      const more = log.others.get(offsets[i] as number);
      if (more === undefined) continue;
      const all = [byIndex[i] as ValueKey, ...more];
      const standing = clojureSetFirst(all);
      byIndex[i] = standing;
      byIndexOthers.set(i, all.filter((v) => v !== standing));
    }
    others = byIndexOthers;
  }
  const hasConflicts = others.size > 0;
  const lastIndex = new ValueTable();
  let hasDuplicates = false;
  const note = (v: ValueKey, i: number): void => {
    if (lastIndex.has(v)) hasDuplicates = true;
    lastIndex.set(v, i);
  };
  for (let i = 0; i < byIndex.length; i++) {
    note(byIndex[i] as ValueKey, i);
    const more = hasConflicts ? others.get(i) : undefined;
    if (more !== undefined) for (const v of more) note(v, i);
  }
  // Without duplicates a value's first and last index agree; without
  // conflicts every value stands for its offset. Share the map then.
  const firstIndex = hasDuplicates ? firstIndexes(byIndex, others) : lastIndex;
  const byValue = hasConflicts ? standingIndexes(byIndex) : lastIndex;
  return { offsets, byIndex, others, byValue, firstIndex, lastIndex, hasDuplicates, hasConflicts };
}

function valuesAtRaw(byIndex: readonly ValueKey[], others: ReadonlyMap<number, readonly ValueKey[]>, i: number): ValueKey[] {
  const more = others.get(i);
  const standing = byIndex[i] as ValueKey;
  return more === undefined ? [standing] : [standing, ...more];
}

function isAscending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) <= (xs[i - 1] as number)) return false;
  return true;
}

function firstIndexes(byIndex: readonly ValueKey[], others: ReadonlyMap<number, readonly ValueKey[]>): ValueTable {
  const first = new ValueTable();
  for (let i = 0; i < byIndex.length; i++) {
    for (const v of valuesAtRaw(byIndex, others, i)) first.setIfAbsent(v, i);
  }
  return first;
}

function standingIndexes(byIndex: readonly ValueKey[]): ValueTable {
  const m = new ValueTable();
  for (let i = 0; i < byIndex.length; i++) m.set(byIndex[i] as ValueKey, i);
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

/** The standing values strictly between two values' positions (both must be known). */
export function valuesBetween(order: KeyOrder, v1: ValueKey, v2: ValueKey): ValueKey[] {
  const i1 = order.byValue.get(v1) as number;
  const i2 = order.byValue.get(v2) as number;
  return order.byIndex.slice(i1 + 1, i2);
}
