/**
 * Histories on which real Maelstrom's checker crashes, so that a user who
 * compares our verdict with Maelstrom's knows why Maelstrom says `:unknown`.
 *
 * In Jepsen 0.3.1's `jepsen.tests.kafka/lost-write-cases`, for every key k of
 * `(:ok reads-by-type)` (every key that some successful poll lists, even with
 * an empty list of messages) `bound` is the highest index of k's version
 * order that a successful poll read, -1 if none, and then
 * `(nth last-index->values bound)` throws IndexOutOfBoundsException for -1.
 * `check-safe` turns that into `{:valid? :unknown}` for the whole workload.
 *
 * So Maelstrom crashes exactly when some successful poll lists a key and no
 * successful poll ever read a message of that key at a known offset: a node
 * that answers `{"k": []}` for a key nobody sends to. (A key that no poll
 * lists at all does not crash it.) Our own checker handles such keys; this
 * only produces the warning.
 */
import { TYPE_OK, digestOpOf, type HistoryIndex } from './history-index.js';
import { highestReadIndex } from './lost-write.js';
import type { Observations } from './observations.js';
import type { VersionOrders } from './version-order.js';

export function maelstromCrashWarning(ix: HistoryIndex, orders: VersionOrders, obs: Observations): string | null {
  const keys: number[] = [];
  for (let k = 0; k < ix.keyName.length; k++) {
    const readers = obs.okReaders[k];
    if (readers === undefined) continue;
    const order = orders[k];
    if (order === undefined || highestReadIndex(order, readers) < 0) keys.push(k);
  }
  if (keys.length === 0) return null;
  const shown = keys.slice(0, 3).map((k) => {
    const poll = firstOkPollListing(ix, k);
    return `key ${JSON.stringify(ix.keyName[k])}${poll === null ? '' : ` (e.g. op ${poll.index}, process ${String(poll.process)})`}`;
  });
  const more = keys.length > shown.length ? ` and ${keys.length - shown.length} more` : '';
  return (
    `Real Maelstrom 0.2.3 would crash checking this history and report :valid? :unknown ` +
    `(IndexOutOfBoundsException in jepsen.tests.kafka/lost-write-cases): successful polls list ` +
    `${shown.join(', ')}${more}, but none of them ever returned a message of ${keys.length === 1 ? 'that key' : 'those keys'} at a known offset. ` +
    `This verdict is ours; Maelstrom would give none.`
  );
}

function firstOkPollListing(ix: HistoryIndex, k: number): { readonly index: number; readonly process: unknown } | null {
  for (let d = 0; d < ix.digestCount; d++) {
    if (ix.opType[ix.digestOp[d] as number] !== TYPE_OK) continue;
    for (let r = ix.runStart[d] as number, end = ix.writeStart[d] as number; r < end; r++) {
      if (ix.runKey[r] === k) return digestOpOf(ix, d);
    }
  }
  return null;
}
