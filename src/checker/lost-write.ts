/**
 * Lost writes (Jepsen's `lost-write-cases`): for each key, take the highest
 * position that any successful poll read; every value whose last appearance
 * in the version order is at or below it should have been read by some
 * successful poll. One that was not, and whose send must have committed, was
 * lost.
 *
 * Positions come from the earliest appearance of each read value and the
 * latest appearance of each candidate, so a value written twice, or an
 * offset holding two values, cannot make the answer depend on which copy
 * the order happened to keep.
 *
 * A send that a poll without results may have read is excused (counted, not
 * reported): see resultless-polls.ts.
 */
import { digestOpOf, type HistoryIndex } from './history-index.js';
import { mustHaveCommitted, type Observations } from './observations.js';
import type { ExcuseFn, Excusable } from './resultless-polls.js';
import type { LostWrite } from './types.js';
import type { ReadonlyValueTable } from './value-table.js';
import { msgOf } from './values.js';
import { valuesAt, type KeyOrder, type VersionOrders } from './version-order.js';

export function lostWrites(ix: HistoryIndex, orders: VersionOrders, obs: Observations, mayHaveBeenRead: ExcuseFn): Excusable<LostWrite> {
  const lost: LostWrite[] = [];
  let excused = 0;
  for (let k = 0; k < ix.keyName.length; k++) {
    const readers = obs.okReaders[k];
    const order = orders[k];
    if (readers === undefined || order === undefined) continue;
    const bound = highestReadIndex(order, readers);
    if (bound < 0) continue;
    const writers = obs.writerOf[k];
    // Values in last-index order, as Jepsen lists them.
    for (let i = 0; i <= bound; i++) {
      for (const v of valuesAt(order, i)) {
        if (order.lastIndex.get(v) !== i || readers.has(v)) continue;
        // A value nobody sent cannot be lost (Jepsen would stop with :no-writer-of here).
        const writer = writers?.get(v);
        if (writer === undefined || !mustHaveCommitted(ix, obs, writer)) continue;
        if (mayHaveBeenRead(k, writer)) {
          excused++;
          continue;
        }
        const index = order.firstIndex.get(v) as number;
        lost.push({
          key: ix.keyName[k] as string,
          value: msgOf(v),
          offset: order.offsets[index] as number,
          index,
          'max-read-index': bound,
          'max-read-offset': order.offsets[bound] as number,
          writer: digestOpOf(ix, writer),
          'max-read': maxRead(ix, order, readers, bound),
        });
      }
    }
  }
  return { found: lost, excused };
}

/** The highest index of the key's order that a successful poll read; -1 if none (Jepsen's `bound`). */
export function highestReadIndex(order: KeyOrder, readers: ReadonlyValueTable): number {
  let bound = -1;
  readers.forEach((_, v) => {
    const i = order.firstIndex.get(v);
    if (i !== undefined && i > bound) bound = i;
  });
  return bound;
}

/** The first successful poll that read the value at the bound: the evidence that the key had got that far. */
function maxRead(ix: HistoryIndex, order: KeyOrder, readers: ReadonlyValueTable, bound: number): LostWrite['max-read'] {
  for (const v of valuesAt(order, bound)) {
    const reader = readers.get(v);
    if (reader !== undefined && order.firstIndex.get(v) === bound) return digestOpOf(ix, reader);
  }
  return null;
}
