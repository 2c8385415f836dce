/**
 * Taking what a simulation has recorded out of its state, so that a long run
 * can stream it to a store rather than hold it: the history ops, the trace
 * entries and the log lines recorded since the last drain (since the start
 * if never drained).
 *
 *   drainSim(state) -> [state without them, what was recorded]
 *
 * Pure like the rest: the state given keeps what it held, and the drained
 * one steps exactly as it would have (nothing in a run reads its own
 * history, trace or logs back). Concatenating the drains of a run, in order,
 * gives exactly historyOf, traceOf and the logs of the same run never
 * drained (test/sim/drain.test.ts).
 */
import type { Op } from '../maelstrom/history/op.js';
import type { TraceEntry } from '../maelstrom/history/trace.js';
import { drainHarness } from '../maelstrom/workload/harness.js';
import { emptyLog } from '../core/persistent/append-log.js';
import type { LogLine, SimState } from './simulation.js';

export interface SimRecords {
  readonly history: readonly Op[];
  readonly trace: readonly TraceEntry[];
  readonly logs: readonly LogLine[];
}

export const drainSim = (state: SimState): readonly [SimState, SimRecords] => {
  const [history, harness] = drainHarness(state.harness);
  const records: SimRecords = {
    history,
    trace: state.trace.backing.slice(0, state.trace.length),
    logs: state.logs.backing.slice(0, state.logs.length),
  };
  if (history.length === 0 && records.trace.length === 0 && records.logs.length === 0) return [state, records];
  return [{ ...state, harness, trace: emptyLog(), logs: emptyLog() }, records];
};
