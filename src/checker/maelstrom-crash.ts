/**
 * Histories on which real Maelstrom's checker crashes, so that a user who
 * compares our verdict with Maelstrom's knows why Maelstrom says `:unknown`.
 * Either crash makes `check-safe` report `{:valid? :unknown}` for the whole
 * kafka workload. Both were confirmed by running Jepsen 0.3.1's
 * `jepsen.tests.kafka/analysis` (from Maelstrom 0.2.3's jar) on small
 * histories.
 *
 * 1. `lost-write-cases`: for every key k of `(:ok reads-by-type)` (every key
 *    that some successful poll lists, even with an empty list of messages)
 *    `bound` is the highest index of k's version order that a successful
 *    poll read, -1 if none, and `(nth last-index->values -1)` throws
 *    IndexOutOfBoundsException. So: a successful poll lists a key of which no
 *    successful poll ever returned a message at a known offset, e.g. a node
 *    answering `{"k": []}` for a key nobody sends to. (A key that no poll
 *    lists does not crash it.)
 * 2. `wr-graph` (the Elle cycle search): every value that a completed poll
 *    (ok, info or fail) read must have a writer, a completed op that tried
 *    to send it to that key, or it throws `:no-writer-of-value`. So: a poll
 *    returned a message nobody sent to that key.
 *
 * Our own checker handles both; this only produces the warning.
 */
import { TYPE_OK, opIndexOf, valueAt, type HistoryIndex } from './history-index.js';
import { highestReadIndex } from './lost-write.js';
import type { Observations } from './observations.js';
import { msgOf } from './values.js';
import type { VersionOrders } from './version-order.js';

const SHOWN = 3;

export function maelstromCrashWarning(ix: HistoryIndex, orders: VersionOrders, obs: Observations): string | null {
  const reasons = [neverReadKeys(ix, orders, obs), unwrittenReads(ix, obs)].filter((r): r is string => r !== null);
  if (reasons.length === 0) return null;
  return (
    `Real Maelstrom 0.2.3 would crash checking this history and report :valid? :unknown: ${reasons.join('; and ')}. ` +
    `This verdict is ours; Maelstrom would give none.`
  );
}

/** Condition 1, in words, or null. */
function neverReadKeys(ix: HistoryIndex, orders: VersionOrders, obs: Observations): string | null {
  const keys: number[] = [];
  for (let k = 0; k < ix.keyName.length; k++) {
    const readers = obs.okReaders[k];
    if (readers === undefined) continue;
    const order = orders[k];
    if (order === undefined || highestReadIndex(order, readers) < 0) keys.push(k);
  }
  if (keys.length === 0) return null;
  const shown = keys.slice(0, SHOWN).map((k) => {
    const poll = firstOkPollListing(ix, k);
    return `key ${JSON.stringify(ix.keyName[k])}${poll < 0 ? '' : ` (e.g. ${opRef(ix, poll)})`}`;
  });
  return (
    `(IndexOutOfBoundsException in jepsen.tests.kafka/lost-write-cases) successful polls list ${shown.join(', ')}${more(keys.length)}, ` +
    `but none of them ever returned a message of ${keys.length === 1 ? 'that key' : 'those keys'} at a known offset`
  );
}

/** Condition 2, in words, or null. */
function unwrittenReads(ix: HistoryIndex, obs: Observations): string | null {
  const found: string[] = [];
  let count = 0;
  for (let d = 0; d < ix.digestCount; d++) {
    for (let r = ix.runStart[d] as number, readsEnd = ix.writeStart[d] as number; r < readsEnd; r++) {
      const k = ix.runKey[r] as number;
      const writers = obs.writerOf[k];
      for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
        const v = valueAt(ix, p);
        if (writers?.has(v) === true) continue;
        count++;
        if (found.length < SHOWN) found.push(`${JSON.stringify(msgOf(v))} on key ${JSON.stringify(ix.keyName[k])} (${opRef(ix, ix.digestOp[d] as number)})`);
      }
    }
  }
  if (count === 0) return null;
  return `(:no-writer-of-value in jepsen.tests.kafka/wr-graph) polls returned messages that no op ever sent to that key: ${found.join(', ')}${more(count)}`;
}

/** The op position of the first successful poll that lists key k, or -1. */
function firstOkPollListing(ix: HistoryIndex, k: number): number {
  for (let d = 0; d < ix.digestCount; d++) {
    if (ix.opType[ix.digestOp[d] as number] !== TYPE_OK) continue;
    for (let r = ix.runStart[d] as number, end = ix.writeStart[d] as number; r < end; r++) {
      if (ix.runKey[r] === k) return ix.digestOp[d] as number;
    }
  }
  return -1;
}

function opRef(ix: HistoryIndex, o: number): string {
  return `op ${opIndexOf(ix, o)}, process ${String(ix.processNames[ix.opProcess[o] as number])}`;
}

function more(total: number): string {
  return total > SHOWN ? ` and ${total - SHOWN} more` : '';
}
