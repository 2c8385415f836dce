/**
 * The kafka checker: every analysis of Jepsen's `jepsen.tests.kafka/checker`
 * that a Maelstrom kafka history can trigger, composed into one result.
 *
 * Pure and total: any history that decodes into `Op`s gets a verdict, never
 * an exception. Linear in the history (one digest per op, a handful of
 * passes over plain arrays and Maps).
 */
import type { Op } from '../core/history/op.js';
import { digestOp, isClientOp, type OpDigest } from './digest.js';
import { abortedReads } from './g1a.js';
import { internalOrderAnomalies } from './internal-order.js';
import { logShapeAnomalies } from './log-shape.js';
import { lostWrites } from './lost-write.js';
import { observe } from './observations.js';
import { processOrderAnomalies } from './process-order.js';
import { realtimeLag } from './realtime-lag.js';
import { completionStats, infoCauses } from './stats.js';
import { ALLOWED_ANOMALY_TYPES, ANOMALY_TYPES, type AnomalyOf, type AnomalyType, type CheckResult } from './types.js';
import { unseenMessages } from './unseen.js';
import { buildVersionOrders } from './version-order.js';

export function check(history: readonly Op[]): CheckResult {
  const ops = history.filter(isClientOp);
  const digestAt: (OpDigest | null)[] = new Array<OpDigest | null>(ops.length);
  const digests: OpDigest[] = [];
  for (let i = 0; i < ops.length; i++) {
    const d = digestOp(ops[i] as Op);
    digestAt[i] = d;
    if (d !== null) digests.push(d);
  }
  const obs = observe(digests);
  const orders = buildVersionOrders(digests, obs);
  const internal = internalOrderAnomalies(digests, orders);
  const external = processOrderAnomalies(ops, digestAt, orders);
  const shape = logShapeAnomalies(orders, digests);

  const found: { [T in AnomalyType]: readonly AnomalyOf[T][] } = {
    G1a: abortedReads(digests, obs),
    duplicate: shape.duplicates,
    'inconsistent-offsets': shape.inconsistentOffsets,
    'int-nonmonotonic-poll': internal.pollNonmonotonic,
    'int-nonmonotonic-send': internal.sendNonmonotonic,
    'int-poll-skip': internal.pollSkips,
    'int-send-skip': internal.sendSkips,
    'lost-write': lostWrites(orders, obs),
    'nonmonotonic-poll': external.pollNonmonotonic,
    'nonmonotonic-send': external.sendNonmonotonic,
    'poll-skip': external.pollSkips,
    unseen: unseenMessages(digests, obs),
  };

  const errorTypes = ANOMALY_TYPES.filter((t) => found[t].length > 0);
  const badErrorTypes = errorTypes.filter((t) => !ALLOWED_ANOMALY_TYPES.has(t));
  const counts: { [T in AnomalyType]?: number } = {};
  const anomalies: { [T in AnomalyType]?: readonly AnomalyOf[T][] } = {};
  for (const t of errorTypes) {
    counts[t] = found[t].length;
    (anomalies as Record<AnomalyType, unknown>)[t] = found[t];
  }
  const lag = realtimeLag(ops, digestAt);
  return {
    'valid?': badErrorTypes.length === 0,
    'error-types': errorTypes,
    'bad-error-types': badErrorTypes,
    counts,
    'info-txn-causes': infoCauses(ops),
    'worst-realtime-lag': lag.worst,
    'worst-realtime-lag-by-key': lag.byKey,
    stats: completionStats(ops),
    ...anomalies,
  };
}
