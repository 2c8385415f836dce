/**
 * Who wrote and who read each value of each key: the indexes that Jepsen
 * calls `reads-by-type`, `writes-by-type` and `writer-of`, built in one pass.
 * Outer arrays are indexed by key id; readers and writers are digests.
 */
import { TYPE_FAIL, TYPE_INFO, TYPE_OK, type HistoryIndex, valueAt } from './history-index.js';
import { ValueTable, type ReadonlyValueTable } from './value-table.js';

export interface Observations {
  /** key -> value -> the first successful poll (digest) that read it. Its values are Jepsen's `(:ok reads-by-type)`. */
  readonly okReaders: (ReadonlyValueTable | undefined)[];
  /** key -> value -> the failed send (digest) of it: Jepsen's `(:fail writes-by-type)`. */
  readonly failedWrites: (ReadonlyValueTable | undefined)[];
  /** key -> value -> the last completion (digest) that tried to send it, any type, as Jepsen's `writer-of`. */
  readonly writerOf: (ReadonlyValueTable | undefined)[];
  readonly anyFailedWrite: boolean;
}

export function observe(ix: HistoryIndex): Observations {
  const keys = ix.keyName.length;
  const okReaders = new Array<ValueTable | undefined>(keys);
  const failedWrites = new Array<ValueTable | undefined>(keys);
  const writerOf = new Array<ValueTable | undefined>(keys);
  let anyFailedWrite = false;
  for (let d = 0; d < ix.digestCount; d++) {
    const type = ix.opType[ix.digestOp[d] as number];
    const writesFrom = ix.writeStart[d] as number;
    const runsEnd = ix.runStart[d + 1] as number;
    if (type === TYPE_OK) {
      for (let r = ix.runStart[d] as number; r < writesFrom; r++) {
        const k = ix.runKey[r] as number;
        const readers = (okReaders[k] ??= new ValueTable());
        for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
          readers.setIfAbsent(valueAt(ix, p), d);
        }
      }
    }
    for (let r = writesFrom; r < runsEnd; r++) {
      const k = ix.runKey[r] as number;
      const writers = (writerOf[k] ??= new ValueTable());
      const failed = type === TYPE_FAIL ? (failedWrites[k] ??= new ValueTable()) : undefined;
      for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
        const v = valueAt(ix, p);
        writers.set(v, d);
        if (failed !== undefined) {
          failed.set(v, d);
          anyFailedWrite = true;
        }
      }
    }
  }
  return { okReaders, failedWrites, writerOf, anyFailedWrite };
}

/**
 * Jepsen's `must-have-committed?`: a send took effect if it was acknowledged,
 * or if it was indefinite and a successful poll read one of its values.
 */
export function mustHaveCommitted(ix: HistoryIndex, obs: Observations, d: number): boolean {
  const type = ix.opType[ix.digestOp[d] as number];
  if (type === TYPE_OK) return true;
  if (type !== TYPE_INFO) return false;
  for (let r = ix.writeStart[d] as number, end = ix.runStart[d + 1] as number; r < end; r++) {
    const readers = obs.okReaders[ix.runKey[r] as number];
    if (readers === undefined) continue;
    for (let p = ix.pairStart[r] as number, pend = ix.pairStart[r + 1] as number; p < pend; p++) {
      if (readers.has(valueAt(ix, p))) return true;
    }
  }
  return false;
}
