/**
 * Which keys a process keeps tracking after an op, for the checks that follow
 * one process from op to op (poll order, send order).
 *
 * - A completed (ok or info) `assign` or `subscribe` keeps only the keys it
 *   names, as in Jepsen: the client keeps its position on those and may move
 *   anywhere (most likely the committed offset) on the others.
 * - An assign with `seek-to-beginning?` rewinds every key it names to offset
 *   0, so for reads it keeps nothing. (Jepsen does not special-case it
 *   because Maelstrom crashes the client first; this only matters to a
 *   history whose rewinds are not preceded by a crash.)
 * - A completed `crash` forgets everything: the client is replaced, and a
 *   runner that reused the process number must not inherit old positions.
 * - Invocations and failed ops change nothing.
 */
import { F_ASSIGN, F_CRASH, F_SUBSCRIBE, TYPE_FAIL, TYPE_INVOKE, assignedAt, type HistoryIndex } from './history-index.js';

/** Updates a process's positions (key id -> state) for op o, in place. */
export function updatePositions<T>(ix: HistoryIndex, o: number, tracked: Map<number, T>, honourRewinds: boolean): void {
  const type = ix.opType[o];
  const f = ix.opF[o];
  if (type === TYPE_INVOKE || type === TYPE_FAIL) return;
  if (f === F_CRASH || (honourRewinds && ix.rewinds.has(o))) {
    tracked.clear();
  } else if (f === F_ASSIGN || f === F_SUBSCRIBE) {
    const kept = assignedAt(ix, o);
    // Deleting the entry being visited is allowed during Map#forEach.
    tracked.forEach((_, k) => {
      if (!kept.includes(k)) tracked.delete(k);
    });
  }
}
