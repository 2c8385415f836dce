/**
 * What a simulated run's summary needs from the files it streamed
 * (stream.ts), read back once the run is over and its node states are let
 * go: the whole history, for the checker, the results and the plots; and of
 * the trace only the beginning that messages.svg draws.
 */
import type { Op } from '../../maelstrom/history/op.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { firstAnomaly } from '../../checker/plots/index.js';
import { MAX_ARROWS } from '../../checker/plots/messages.js';
import type { CheckResult } from '../../checker/types.js';
import { forEachLine } from '../runner/store.js';

export const readHistory = (path: string): Op[] => {
  const history: Op[] = [];
  forEachLine(path, (line) => {
    if (line !== '') history.push(JSON.parse(line) as Op);
  });
  return history;
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
