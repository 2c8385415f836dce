/**
 * What a simulated run's summary needs from the files it streamed
 * (stream.ts), read back once the run is over and its node states are let
 * go: of the history, the checker's verdict, the results' figures, the
 * plots and the first operations, all gathered in two passes over the file
 * (the checker's own, as kafka-check streams it) without holding it; of the
 * trace, only the beginning that messages.svg draws.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { firstAnomaly, HistoryPlots } from '../../checker/plots/index.js';
import { MAX_ARROWS } from '../../checker/plots/messages.js';
import type { CheckResult } from '../../checker/types.js';
import { HistoryRows } from '../../sim/render.js';
import { checkStreamed } from '../check/read-history.js';
import { HistoryFigures } from '../runner/results.js';
import { forEachLine } from '../runner/store.js';

export interface HistorySummary {
  readonly check: CheckResult;
  readonly figures: HistoryFigures;
  /** The history's plots, by file name. */
  readonly plots: readonly (readonly [string, string])[];
  /** The first `shown_ops` operations, as renderHistory shows them. */
  readonly head: readonly string[];
}

/** The history file checked, summed up and drawn, and its first operations, read twice and never held. */
export const summariseHistory = (path: string, time_limit_ms: number, shown_ops: number): HistorySummary => {
  const figures = new HistoryFigures(time_limit_ms);
  const plots = new HistoryPlots();
  const rows = new HistoryRows(shown_ops);
  const checked = checkStreamed(path, 'jsonl', {
    first: (op) => {
      figures.add(op);
      plots.add(op);
      rows.add(op);
    },
    second: () => (op) => plots.again(op),
  });
  if (E.isLeft(checked)) throw new Error(checked.left);
  return { check: checked.right, figures, plots: plots.draw(figures.completions), head: rows.lines() };
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
