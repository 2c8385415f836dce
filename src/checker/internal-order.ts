/**
 * Inside one op: successive reads of a key must be neighbours in the key's
 * version order, and so must successive sends (Jepsen's
 * `int-poll-skip+nonmonotonic-cases` and `int-send-skip+nonmonotonic-cases`).
 * A gap is a skip; a step backwards or in place is nonmonotonic.
 */
import { offsetAt, runOp, type HistoryIndex, valueAt } from './history-index.js';
import type { IntNonmonotonicPoll, IntPollSkip } from './types.js';
import { msgOf } from './values.js';
import { orderDelta, valuesBetween, type VersionOrders } from './version-order.js';

/** IntSendSkip and IntNonmonotonicSend have the same shapes as their poll twins. */
export interface InternalOrderAnomalies {
  readonly pollSkips: IntPollSkip[];
  readonly pollNonmonotonic: IntNonmonotonicPoll[];
  readonly sendSkips: IntPollSkip[];
  readonly sendNonmonotonic: IntNonmonotonicPoll[];
}

export function internalOrderAnomalies(ix: HistoryIndex, orders: VersionOrders): InternalOrderAnomalies {
  const found: InternalOrderAnomalies = { pollSkips: [], pollNonmonotonic: [], sendSkips: [], sendNonmonotonic: [] };
  for (let d = 0; d < ix.digestCount; d++) {
    const writesFrom = ix.writeStart[d] as number;
    const runsEnd = ix.runStart[d + 1] as number;
    for (let r = ix.runStart[d] as number; r < runsEnd; r++) {
      const from = ix.pairStart[r] as number;
      const to = ix.pairStart[r + 1] as number;
      if (to - from < 2) continue;
      if (r < writesFrom) scanRun(ix, orders, r, from, to, found.pollSkips, found.pollNonmonotonic);
      else scanRun(ix, orders, r, from, to, found.sendSkips, found.sendNonmonotonic);
    }
  }
  return found;
}

function scanRun(
  ix: HistoryIndex,
  orders: VersionOrders,
  r: number,
  from: number,
  to: number,
  skips: IntPollSkip[],
  nonmonotonic: IntNonmonotonicPoll[],
): void {
  const k = ix.runKey[r] as number;
  const order = orders[k];
  for (let p = from + 1; p < to; p++) {
    const v1 = valueAt(ix, p - 1);
    const v2 = valueAt(ix, p);
    const delta = orderDelta(order, v1, v2);
    if (delta === 1) continue;
    const op = runOp(ix, r);
    const fields = {
      key: ix.keyName[k] as string,
      values: [msgOf(v1), msgOf(v2)] as const,
      offsets: [offsetAt(ix, p - 1), offsetAt(ix, p)] as const,
      delta,
    };
    if (delta > 1 && order !== undefined) skips.push({ ...fields, skipped: valuesBetween(order, v1, v2).map(msgOf), op });
    else nonmonotonic.push({ ...fields, op });
  }
}
