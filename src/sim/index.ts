/**
 * The simulator's public face: the whole cluster (the node reducers, the
 * runner's workload, clients, services and network) as one pure, seeded
 * state machine on virtual time. Everything here is pure and runs in the
 * browser as well as in Node.
 *
 *   simConfigOf(options, fields?)    -> SimConfig (runner-style options: seconds, counts)
 *   initialSimulation(config)        -> SimState
 *   simStep(state)                   -> [SimState, SimEvent | null]   one event
 *   runSimulation(config)            -> SimState, done or failed
 *   judge(state)                     -> SimOutcome: verdict, reasons, checker result, history
 *   historyOf(state) / traceOf(state) the history and the trace, as the store holds them
 *   drainSim(state)                  -> [SimState, SimRecords]: what was recorded since the last drain, out of the state
 *   judgeRun(run, history, checked?) -> SimOutcome, for a run drained as it went
 *   judgeChecked(run, result, ops)   -> SimJudgement, for one whose history was streamed through the checker, never held
 *   renderHistory(history, limit?)   -> lines a person can read (HistoryRows: the same, op by op)
 *   explore(options)                 -> exhaustive exploration of a tiny cluster (exhaustive/)
 */
export { harnessConfigOf, simConfig, simConfigOf, SIM_DEFAULTS, type NodeStep, type SimConfig, type SimOptions } from './config.js';
export type { SimEvent } from './events.js';
export { brokenInvariant, type InvariantContext, type WaitingRequest } from './invariants.js';
export { drainSim, type SimRecords } from './drain.js';
export { historyOf, judge, judgeChecked, judgeRun, traceOf, type FinishedRun, type SimJudgement, type SimOutcome, type Verdict } from './outcome.js';
export { HistoryRows, renderHistory } from './render.js';
export {
  initialSimulation,
  runSimulation,
  simStep,
  type LogLine,
  type SimFailure,
  type SimFailureKind,
  type SimNode,
  type SimState,
} from './simulation.js';
