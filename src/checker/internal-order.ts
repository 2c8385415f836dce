/**
 * Inside one op: successive reads of a key must be neighbours in the key's
 * version order, and so must successive sends (Jepsen's
 * `int-poll-skip+nonmonotonic-cases` and `int-send-skip+nonmonotonic-cases`).
 * A gap is a skip; a step backwards or in place is nonmonotonic.
 */
import type { Op } from '../core/history/op.js';
import type { KeyRun, OpDigest } from './digest.js';
import type { IntNonmonotonicPoll, IntPollSkip, SkipFields } from './types.js';
import { msgOf } from './values.js';
import { orderDelta, valuesBetween, type VersionOrders } from './version-order.js';

type OrderFields = Omit<SkipFields, 'skipped'>;

export interface InternalOrderAnomalies {
  readonly pollSkips: IntPollSkip[];
  readonly pollNonmonotonic: IntNonmonotonicPoll[];
  /** Same shapes for sends (IntSendSkip and IntNonmonotonicSend are structurally the poll ones). */
  readonly sendSkips: IntPollSkip[];
  readonly sendNonmonotonic: IntNonmonotonicPoll[];
}

export function internalOrderAnomalies(digests: readonly OpDigest[], orders: VersionOrders): InternalOrderAnomalies {
  const found: InternalOrderAnomalies = { pollSkips: [], pollNonmonotonic: [], sendSkips: [], sendNonmonotonic: [] };
  for (const d of digests) {
    for (const run of d.reads) {
      if (run.values.length > 1) scanRun(run, d.op, orders, found.pollSkips, found.pollNonmonotonic);
    }
    for (const run of d.writes) {
      if (run.values.length > 1) scanRun(run, d.op, orders, found.sendSkips, found.sendNonmonotonic);
    }
  }
  return found;
}

function scanRun(
  run: KeyRun,
  op: Op,
  orders: VersionOrders,
  skips: IntPollSkip[],
  nonmonotonic: IntNonmonotonicPoll[],
): void {
  const order = orders.get(run.key);
  for (let i = 1; i < run.values.length; i++) {
    const v1 = run.values[i - 1];
    const v2 = run.values[i];
    const delta = orderDelta(order, v1, v2);
    if (delta === 1) continue;
    const fields: OrderFields = {
      key: run.key,
      values: [msgOf(v1), msgOf(v2)],
      offsets: [run.offsets[i - 1] ?? null, run.offsets[i] ?? null],
      delta,
    };
    if (delta > 1 && order !== undefined) {
      skips.push({ ...fields, skipped: valuesBetween(order, v1, v2).map(msgOf), op });
    } else {
      nonmonotonic.push({ ...fields, op });
    }
  }
}
