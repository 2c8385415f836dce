/**
 * What a simulated run's summary needs from the files it streamed
 * (stream.ts), read back once the run is over and its node states are let
 * go: the whole history, for the checker, the results and the plots; and of
 * the trace only the beginning that messages.svg draws.
 */
import type { OffsetMessage, Op } from '../../maelstrom/history/op.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { firstAnomaly } from '../../checker/plots/index.js';
import { MAX_ARROWS } from '../../checker/plots/messages.js';
import type { CheckResult } from '../../checker/types.js';
import { forEachLine } from '../runner/store.js';

/**
 * The whole history. Polls return each message many times (every consumer
 * reads it, the final reads once more): an [offset, msg] pair equal to one
 * already read for its key (a scalar msg, as the workload sends) is shared,
 * not held again, which saves about a quarter of the history's memory. The
 * history is read, never changed, so sharing is invisible to its readers.
 */
export const readHistory = (path: string): Op[] => {
  const history: Op[] = [];
  const pairs = new Map<string, OffsetMessage[]>();
  forEachLine(path, (line) => {
    if (line === '') return;
    const op = JSON.parse(line) as Op;
    if (op.type === 'ok' && op.f === 'poll') sharePairs(op, pairs);
    history.push(op);
  });
  return history;
};

const sharePairs = (op: Op, pairs: Map<string, OffsetMessage[]>): void => {
  if (!Array.isArray(op.value)) return;
  for (const mop of op.value as unknown[]) {
    if (!Array.isArray(mop) || mop[0] !== 'poll' || typeof mop[1] !== 'object' || mop[1] === null) continue;
    for (const [key, list] of Object.entries(mop[1] as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      let byOffset = pairs.get(key);
      if (byOffset === undefined) pairs.set(key, (byOffset = []));
      for (let i = 0; i < list.length; i++) {
        const pair: unknown = list[i];
        if (!Array.isArray(pair) || pair.length !== 2 || !Number.isSafeInteger(pair[0]) || pair[0] < 0 || typeof pair[1] === 'object') continue;
        const known = byOffset[pair[0] as number];
        if (known === undefined) byOffset[pair[0] as number] = pair as unknown as OffsetMessage;
        else if (known[1] === pair[1]) list[i] = known;
      }
    }
  }
};

/**
 * More than messages.svg replays past the moments it draws (plots/index.ts,
 * REPLAY_BEYOND_MS): it reads only entries up to its own bound, so any
 * prefix reaching past that bound draws the same picture.
 */
const MARGIN_MS = 5000;

/**
 * The trace's entries up to the moments messages.svg draws, and a margin:
 * its first MAX_ARROWS deliveries, and those before the first anomaly
 * `result` shows (if any). A valid run reads a second or so of its trace.
 */
export const readTraceForMessages = (path: string, result: CheckResult | undefined): TraceEntry[] => {
  const anomaly_ms = (result === undefined ? undefined : firstAnomaly(result))?.time_ms ?? 0;
  const entries: TraceEntry[] = [];
  let deliveries = 0;
  let bound_ms = Infinity;
  forEachLine(path, (line) => {
    if (line === '') return true;
    const entry = JSON.parse(line) as TraceEntry;
    // Entries are in time order: the first one past the bound ends the read.
    if (entry.time_ms > bound_ms) return false;
    entries.push(entry);
    if ('message' in entry && ++deliveries === MAX_ARROWS) bound_ms = Math.max(entry.time_ms, anomaly_ms) + MARGIN_MS;
    return true;
  });
  return entries;
};
