/**
 * Between one process's successive ops on a key: a poll must resume right
 * after the last value the process's previous successful poll of that key
 * read (`poll-skip`, `nonmonotonic-poll`), and a send must land after the
 * process's previous send to that key (`nonmonotonic-send`). Jepsen's
 * `poll-skip+nonmonotonic-cases` and `nonmonotonic-send-cases`.
 *
 * Failed and indefinite polls are checked against the position but never
 * move it; assigns and crashes reset it (see process-keys.ts), and so does a
 * successful poll without results (resultless-polls.ts).
 */
import { TYPE_INFO, TYPE_OK, offsetAt, runOp, type HistoryIndex, valueAt } from './history-index.js';
import { updatePositions } from './process-keys.js';
import type { NonmonotonicPoll, NonmonotonicSend, PollSkip } from './types.js';
import { msgOf } from './values.js';
import { orderDelta, valuesBetween, type VersionOrders } from './version-order.js';

export interface ProcessOrderAnomalies {
  readonly pollSkips: PollSkip[];
  readonly pollNonmonotonic: NonmonotonicPoll[];
  readonly sendNonmonotonic: NonmonotonicSend[];
}

/**
 * A process's position on each key is the run in which it last saw the key
 * (key id -> run). The run's last pair is the value to continue from; an
 * empty run leaves nothing to compare with, as in Jepsen.
 */
type Positions = Map<number, number>;

export function processOrderAnomalies(ix: HistoryIndex, orders: VersionOrders): ProcessOrderAnomalies {
  const found: ProcessOrderAnomalies = { pollSkips: [], pollNonmonotonic: [], sendNonmonotonic: [] };
  const reads: (Positions | undefined)[] = new Array<Positions | undefined>(ix.processCount);
  const sends: (Positions | undefined)[] = new Array<Positions | undefined>(ix.processCount);
  // Null in the usual case (every poll has its results), which keeps the hot loop free of it.
  const resultless = ix.resultless.length > 0 ? new Set(ix.resultless) : null;
  for (let o = 0; o < ix.opCount; o++) {
    const process = ix.opProcess[o] as number;
    const d = ix.opDigest[o] as number;
    if (d < 0) {
      const readPositions = reads[process];
      if (readPositions !== undefined) updatePositions(ix, o, readPositions, true);
      const sendPositions = sends[process];
      if (sendPositions !== undefined) updatePositions(ix, o, sendPositions, false);
      continue;
    }
    const type = ix.opType[o];
    // A successful poll whose results the history lacks may have moved the process anywhere.
    if (resultless !== null && type === TYPE_OK && resultless.has(d)) reads[process]?.clear();
    const readsFrom = ix.runStart[d] as number;
    const writesFrom = ix.writeStart[d] as number;
    const runsEnd = ix.runStart[d + 1] as number;
    if (readsFrom < writesFrom) {
      const positions = (reads[process] ??= new Map());
      for (let r = readsFrom; r < writesFrom; r++) checkStep(ix, orders, positions, r, found.pollSkips, found.pollNonmonotonic);
      // Only a successful poll moves the process's position.
      if (type === TYPE_OK) for (let r = readsFrom; r < writesFrom; r++) positions.set(ix.runKey[r] as number, r);
    }
    if (writesFrom < runsEnd && (type === TYPE_OK || type === TYPE_INFO)) {
      const positions = (sends[process] ??= new Map());
      for (let r = writesFrom; r < runsEnd; r++) checkStep(ix, orders, positions, r, null, found.sendNonmonotonic);
      for (let r = writesFrom; r < runsEnd; r++) positions.set(ix.runKey[r] as number, r);
    }
  }
  return found;
}

/** Compares run r's first value with the process's last value of the key. */
function checkStep(
  ix: HistoryIndex,
  orders: VersionOrders,
  positions: Positions,
  r: number,
  skips: PollSkip[] | null,
  nonmonotonic: NonmonotonicPoll[],
): void {
  const k = ix.runKey[r] as number;
  const last = positions.get(k);
  if (last === undefined) return;
  const lastPair = (ix.pairStart[last + 1] as number) - 1;
  const firstPair = ix.pairStart[r] as number;
  if (lastPair < (ix.pairStart[last] as number) || firstPair === (ix.pairStart[r + 1] as number)) return;
  const order = orders[k];
  const v1 = valueAt(ix, lastPair);
  const v2 = valueAt(ix, firstPair);
  const delta = orderDelta(order, v1, v2);
  if (delta === 1 || (delta > 1 && skips === null)) return;
  const fields = {
    key: ix.keyName[k] as string,
    values: [msgOf(v1), msgOf(v2)] as const,
    offsets: [offsetAt(ix, lastPair), offsetAt(ix, firstPair)] as const,
    delta,
    ops: [runOp(ix, last), runOp(ix, r)] as const,
  };
  if (delta > 1 && order !== undefined && skips !== null) skips.push({ ...fields, skipped: valuesBetween(order, v1, v2).map(msgOf) });
  else nonmonotonic.push(fields);
}
