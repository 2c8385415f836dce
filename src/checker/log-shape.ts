/**
 * The shape of each key's log itself: one value at two offsets is a
 * `duplicate` (Jepsen's `duplicate-cases`), two values at one offset are
 * `inconsistent-offsets` (the errors of Jepsen's `version-orders`).
 *
 * The witnesses (the ops that reported each offset) are found in a second
 * pass, only when there is something to explain.
 */
import type { Op } from '../maelstrom/history/op.js';
import { UNKNOWN_OFFSET, pairOffsetAt, runOp, type HistoryIndex, valueAt } from './history-index.js';
import type { Duplicate, InconsistentOffsets } from './types.js';
import { compareMsgs, msgOf, type ValueKey } from './values.js';
import { valuesAt, type KeyOrder, type VersionOrders } from './version-order.js';

/** At most this many ops are cited for one duplicate or one inconsistent offset. */
export const WITNESS_LIMIT = 10;

export interface LogShapeAnomalies {
  readonly duplicates: Duplicate[];
  readonly inconsistentOffsets: InconsistentOffsets[];
}

export function logShapeAnomalies(ix: HistoryIndex, orders: VersionOrders): LogShapeAnomalies {
  const duplicates: Duplicate[] = [];
  const inconsistentOffsets: InconsistentOffsets[] = [];
  // Key id -> what to collect witnesses for; filled by one scan below.
  const dupWitnesses = new Map<number, Map<ValueKey, Op[]>>();
  const offsetWitnesses = new Map<number, Map<number, Op[]>>();
  orders.forEach((order, k) => {
    if (order === undefined) return;
    const key = ix.keyName[k] as string;
    if (order.hasConflicts) {
      const byOffset = new Map<number, Op[]>();
      offsetWitnesses.set(k, byOffset);
      for (const index of [...order.others.keys()].sort((a, b) => a - b)) {
        const offset = order.offsets[index] as number;
        const ops: Op[] = [];
        byOffset.set(offset, ops);
        const values = valuesAt(order, index).map(msgOf).sort(compareMsgs);
        inconsistentOffsets.push({ key, offset, index, values, ops });
      }
    }
    if (order.hasDuplicates) {
      const byValue = new Map<ValueKey, Op[]>();
      dupWitnesses.set(k, byValue);
      for (const [v, offsets] of duplicatedValues(order)) {
        const ops: Op[] = [];
        byValue.set(v, ops);
        duplicates.push({ key, value: msgOf(v), count: offsets.length, offsets, ops });
      }
    }
  });
  if (duplicates.length > 0 || inconsistentOffsets.length > 0) {
    collectWitnesses(ix, dupWitnesses, offsetWitnesses);
  }
  return { duplicates, inconsistentOffsets };
}

/**
 * Values that stand for more than one offset of the order, with those offsets
 * ascending. As Jepsen's `duplicate-cases` counts `:by-index`: a value seen at
 * a second offset only beside the value standing there is not counted (that
 * offset is already `inconsistent-offsets`).
 */
function duplicatedValues(order: KeyOrder): Map<ValueKey, number[]> {
  const offsetsOf = new Map<ValueKey, number[]>();
  order.byIndex.forEach((v, i) => {
    const offsets = offsetsOf.get(v);
    if (offsets === undefined) offsetsOf.set(v, [order.offsets[i] as number]);
    else offsets.push(order.offsets[i] as number);
  });
  for (const [v, offsets] of offsetsOf) if (offsets.length < 2) offsetsOf.delete(v);
  return offsetsOf;
}

/** Cites, per duplicate value and per conflicting offset, the first ops that reported them (writes before reads within an op). */
function collectWitnesses(
  ix: HistoryIndex,
  dupWitnesses: Map<number, Map<ValueKey, Op[]>>,
  offsetWitnesses: Map<number, Map<number, Op[]>>,
): void {
  const scanRun = (r: number): void => {
    const k = ix.runKey[r] as number;
    const byValue = dupWitnesses.get(k);
    const byOffset = offsetWitnesses.get(k);
    if (byValue === undefined && byOffset === undefined) return;
    for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
      const offset = pairOffsetAt(ix, p);
      if (offset === UNKNOWN_OFFSET) continue;
      cite(ix, byValue?.get(valueAt(ix, p)), r);
      cite(ix, byOffset?.get(offset), r);
    }
  };
  for (let d = 0; d < ix.digestCount; d++) {
    const writesFrom = ix.writeStart[d] as number;
    for (let r = writesFrom, end = ix.runStart[d + 1] as number; r < end; r++) scanRun(r);
    for (let r = ix.runStart[d] as number; r < writesFrom; r++) scanRun(r);
  }
}

/** Adds run r's op to `ops` if there is room; cites the op only then (citing costs a re-read). */
function cite(ix: HistoryIndex, ops: Op[] | undefined, r: number): void {
  if (ops === undefined || ops.length >= WITNESS_LIMIT) return;
  const op = runOp(ix, r);
  if (ops[ops.length - 1] !== op) ops.push(op);
}
