/**
 * The kafka checker: every analysis of Jepsen's `jepsen.tests.kafka/checker`
 * that a Maelstrom kafka history can trigger, composed into one result.
 *
 * Pure and total: any history that decodes into `Op`s gets a verdict, never
 * an exception. Linear in the history: one index of flat arrays
 * (history-index.ts), then a handful of passes over it.
 *
 * `check` takes the ops in memory. A caller that streams a history (the
 * command line) feeds a `HistoryBuilder` op by op instead, `analyse`s its
 * index, and hands `complete` the few ops the result cites (citations.ts).
 */
import type { Op } from '../maelstrom/history/op.js';
import { abortedReads } from './g1a.js';
import type { OpLookup } from './citations.js';
import { indexHistory, type HistoryIndex } from './history-index.js';
import { internalOrderAnomalies } from './internal-order.js';
import { logShapeAnomalies } from './log-shape.js';
import { lostWrites } from './lost-write.js';
import { maelstromCrashWarning } from './maelstrom-crash.js';
import { observe } from './observations.js';
import { processOrderAnomalies } from './process-order.js';
import { realtimeLag } from './realtime-lag.js';
import { findResultlessPolls, resultlessPollsWarning } from './resultless-polls.js';
import { completionStats, infoCauses } from './stats.js';
import { ALLOWED_ANOMALY_TYPES, ANOMALY_TYPES, type AnomalyOf, type AnomalyType, type CheckResult } from './types.js';
import { unseenMessages } from './unseen.js';
import { buildVersionOrders } from './version-order.js';

export function check(history: readonly Op[]): CheckResult {
  const ix = indexHistory(history);
  const lookup: OpLookup = (seq) => history[seq];
  // The ops are at hand: cite them directly (callers compare them by identity).
  ix.citations.lookUpAt(lookup);
  return analyse(ix).complete(lookup);
}

/** A result whose cited ops are still to be found. */
export interface PendingResult {
  /** The positions (among all ops fed to the builder, from 0) of the ops the result cites, ascending. */
  readonly wanted: readonly number[];
  /** The result, once the cited ops are found; `lookup` must find each of `wanted`. */
  complete(lookup: OpLookup): CheckResult;
}

export function analyse(ix: HistoryIndex): PendingResult {
  const result = analyseIndex(ix);
  return {
    wanted: ix.citations.wanted(),
    complete: (lookup) => {
      ix.citations.fill(lookup);
      return result;
    },
  };
}

function analyseIndex(ix: HistoryIndex): CheckResult {
  const obs = observe(ix);
  const orders = buildVersionOrders(ix, obs);
  const internal = internalOrderAnomalies(ix, orders);
  const external = processOrderAnomalies(ix, orders);
  const shape = logShapeAnomalies(ix, orders);
  const resultless = findResultlessPolls(ix);
  const lost = lostWrites(ix, orders, obs, resultless.mayHaveRead);
  const unseen = unseenMessages(ix, obs, resultless.mayHaveRead);

  const found: { [T in AnomalyType]: readonly AnomalyOf[T][] } = {
    G1a: abortedReads(ix, obs),
    duplicate: shape.duplicates,
    'inconsistent-offsets': shape.inconsistentOffsets,
    'int-nonmonotonic-poll': internal.pollNonmonotonic,
    'int-nonmonotonic-send': internal.sendNonmonotonic,
    'int-poll-skip': internal.pollSkips,
    'int-send-skip': internal.sendSkips,
    'lost-write': lost.found,
    'nonmonotonic-poll': external.pollNonmonotonic,
    'nonmonotonic-send': external.sendNonmonotonic,
    'poll-skip': external.pollSkips,
    unseen: unseen.found,
  };
  const warnings = [resultlessPollsWarning(resultless, unseen.excused, lost.excused), maelstromCrashWarning(ix, orders, obs)].filter(
    (w): w is string => w !== null,
  );

  const errorTypes = ANOMALY_TYPES.filter((t) => found[t].length > 0);
  const badErrorTypes = errorTypes.filter((t) => !ALLOWED_ANOMALY_TYPES.has(t));
  const counts: { [T in AnomalyType]?: number } = {};
  const anomalies: { [T in AnomalyType]?: readonly AnomalyOf[T][] } = {};
  for (const t of errorTypes) {
    counts[t] = found[t].length;
    (anomalies as Record<AnomalyType, unknown>)[t] = found[t];
  }
  const lag = realtimeLag(ix);
  return {
    'valid?': badErrorTypes.length === 0,
    'error-types': errorTypes,
    'bad-error-types': badErrorTypes,
    counts,
    'info-txn-causes': infoCauses(ix),
    'worst-realtime-lag': lag.worst,
    'worst-realtime-lag-by-key': lag.byKey,
    stats: completionStats(ix),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...anomalies,
  };
}
