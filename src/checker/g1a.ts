/**
 * Aborted reads (Jepsen's `g1a-cases`): a successful poll returned a value
 * whose send definitely failed. A failed send must leave no trace.
 */
import { TYPE_OK, digestOpOf, offsetAt, type HistoryIndex, valueAt } from './history-index.js';
import type { Observations } from './observations.js';
import type { G1a } from './types.js';
import { msgOf } from './values.js';

export function abortedReads(ix: HistoryIndex, obs: Observations): G1a[] {
  const found: G1a[] = [];
  if (!obs.anyFailedWrite) return found;
  for (let d = 0; d < ix.digestCount; d++) {
    if (ix.opType[ix.digestOp[d] as number] !== TYPE_OK) continue;
    for (let r = ix.runStart[d] as number, readsEnd = ix.writeStart[d] as number; r < readsEnd; r++) {
      const k = ix.runKey[r] as number;
      const failed = obs.failedWrites[k];
      if (failed === undefined) continue;
      for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
        const v = valueAt(ix, p);
        if (!failed.has(v)) continue;
        const writer = obs.writerOf[k]?.get(v);
        if (writer === undefined) continue;
        found.push({
          key: ix.keyName[k] as string,
          value: msgOf(v),
          offset: offsetAt(ix, p),
          writer: digestOpOf(ix, writer),
          reader: digestOpOf(ix, d),
        });
      }
    }
  }
  return found;
}
