/**
 * The shape of each key's log itself: one value at two offsets is a
 * `duplicate` (Jepsen's `duplicate-cases`), two values at one offset are
 * `inconsistent-offsets` (the errors of Jepsen's `version-orders`).
 *
 * The witnesses (the ops that reported each offset) are found in a second
 * pass, only when there is something to explain.
 */
import type { Op } from '../core/history/op.js';
import type { OpDigest } from './digest.js';
import type { Duplicate, InconsistentOffsets } from './types.js';
import { compareMsgs, msgOf, type ValueKey } from './values.js';
import type { KeyOrder, VersionOrders } from './version-order.js';

/** At most this many ops are cited for one duplicate or one inconsistent offset. */
export const WITNESS_LIMIT = 10;

export interface LogShapeAnomalies {
  readonly duplicates: Duplicate[];
  readonly inconsistentOffsets: InconsistentOffsets[];
}

export function logShapeAnomalies(orders: VersionOrders, digests: readonly OpDigest[]): LogShapeAnomalies {
  const duplicates: Duplicate[] = [];
  const inconsistentOffsets: InconsistentOffsets[] = [];
  // Witness lists, filled by one scan of the digests below.
  const dupWitnesses = new Map<string, Map<ValueKey, Op[]>>();
  const offsetWitnesses = new Map<string, Map<number, Op[]>>();
  for (const order of orders.values()) {
    if (order.hasConflicts) {
      const byOffset = new Map<number, Op[]>();
      offsetWitnesses.set(order.key, byOffset);
      order.slots.forEach((slot, index) => {
        if (slot.length < 2) return;
        const offset = order.offsets[index] as number;
        const ops: Op[] = [];
        byOffset.set(offset, ops);
        const values = slot.map(msgOf).sort(compareMsgs);
        inconsistentOffsets.push({ key: order.key, offset, index, values, ops });
      });
    }
    if (order.hasDuplicates) {
      const byValue = new Map<ValueKey, Op[]>();
      dupWitnesses.set(order.key, byValue);
      for (const [v, offsets] of duplicatedValues(order)) {
        const ops: Op[] = [];
        byValue.set(v, ops);
        duplicates.push({ key: order.key, value: msgOf(v), count: offsets.length, offsets, ops });
      }
    }
  }
  if (duplicates.length > 0 || inconsistentOffsets.length > 0) {
    collectWitnesses(digests, dupWitnesses, offsetWitnesses);
  }
  return { duplicates, inconsistentOffsets };
}

/** Values of the order that sit at more than one offset, with those offsets ascending. */
function duplicatedValues(order: KeyOrder): Map<ValueKey, number[]> {
  const offsetsOf = new Map<ValueKey, number[]>();
  order.slots.forEach((slot, index) => {
    for (const v of slot) {
      if (order.firstIndex.get(v) === order.lastIndex.get(v)) continue;
      let offsets = offsetsOf.get(v);
      if (offsets === undefined) offsetsOf.set(v, (offsets = []));
      offsets.push(order.offsets[index] as number);
    }
  });
  return offsetsOf;
}

function collectWitnesses(
  digests: readonly OpDigest[],
  dupWitnesses: Map<string, Map<ValueKey, Op[]>>,
  offsetWitnesses: Map<string, Map<number, Op[]>>,
): void {
  for (const d of digests) {
    for (const run of [...d.writes, ...d.reads]) {
      const byValue = dupWitnesses.get(run.key);
      const byOffset = offsetWitnesses.get(run.key);
      if (byValue === undefined && byOffset === undefined) continue;
      for (let i = 0; i < run.values.length; i++) {
        const offset = run.offsets[i];
        if (offset === null || offset === undefined) continue;
        cite(byValue?.get(run.values[i]), d.op);
        cite(byOffset?.get(offset), d.op);
      }
    }
  }
}

function cite(ops: Op[] | undefined, op: Op): void {
  if (ops !== undefined && ops.length < WITNESS_LIMIT && ops[ops.length - 1] !== op) ops.push(op);
}
