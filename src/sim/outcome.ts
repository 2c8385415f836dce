/**
 * The verdict on a finished simulation, in the two parts TigerBeetle's VOPR
 * separates:
 *
 *   safety    no invariant broke, no node step threw, no protocol problem
 *             (a reply to nothing, a malformed reply...), and the checker
 *             finds no anomaly but `unseen`
 *   liveness  once the faults healed, the final reads saw every
 *             acknowledged send (no `unseen`), and ended before their bound
 *
 * A run that stalled or hit its step limit proves neither: it failed.
 */
import { check, type CheckResult } from '../checker/index.js';
import type { Op } from '../maelstrom/history/op.js';
import type { TraceEntry } from '../maelstrom/history/trace.js';
import { runProblems } from '../maelstrom/workload/harness.js';
import { completionsOf } from '../maelstrom/workload/summary.js';
import type { ProblemKind, Report } from '../maelstrom/workload/problems.js';
import type { SimFailure, SimState } from './simulation.js';

export type Verdict = 'valid' | 'invalid' | 'failed';

/** The verdict and what it rests on, for a run whose history is not held (drained to a file, and streamed back through the checker). */
export interface SimJudgement {
  readonly seed: number;
  readonly verdict: Verdict;
  /** Why the run is not valid, one line each (empty when valid). */
  readonly reasons: readonly string[];
  readonly safe: boolean;
  readonly live: boolean;
  readonly failure: SimFailure | null;
  readonly problems: readonly Report<ProblemKind>[];
  readonly check: CheckResult;
  /** Client operations invoked (crashes aside). */
  readonly ops: number;
  readonly steps: number;
  readonly end_ms: number;
}

export interface SimOutcome extends SimJudgement {
  readonly history: readonly Op[];
}

export const historyOf = (state: SimState): readonly Op[] => state.harness.workload.history.backing.slice(0, state.harness.workload.history.length);

export const traceOf = (state: SimState): readonly TraceEntry[] => state.trace.backing.slice(0, state.trace.length);

/** What judging needs of a finished run besides its history: no node states, so a long run's can be let go first. */
export type FinishedRun = Pick<SimState, 'harness' | 'failure' | 'now_ms' | 'steps'>;

/** Checks the history (unless given the checker's result for it already) and weighs everything the run saw. */
export const judge = (state: SimState, checked?: CheckResult): SimOutcome => judgeRun(state, historyOf(state), checked);

/** `judge` for a run whose history was drained as it went (drain.ts): `history` is the whole of it, read back. */
export const judgeRun = (state: FinishedRun, history: readonly Op[], checked?: CheckResult): SimOutcome => ({
  ...judgeChecked(state, checked ?? check(history), completionsOf(history).operations),
  history,
});

/** `judge` for a run whose history was streamed through the checker (`result`) and counted (`ops`: client operations invoked, crashes aside), never held. */
export const judgeChecked = (state: FinishedRun, result: CheckResult, ops: number): SimJudgement => {
  const problems = runProblems(state.harness);
  const { failure } = state;
  const workload = state.harness.workload;
  const reasons: string[] = [];

  if (failure !== null) reasons.push(`${failure.kind} at step ${failure.step} (${failure.time_ms.toFixed(3)} ms): ${failure.text}`);
  for (const problem of problems) reasons.push(`problem: ${problem.text}`);
  const unsafeTypes = result['bad-error-types'].filter((type) => type !== 'unseen');
  for (const type of unsafeTypes) reasons.push(`anomaly: ${type} (${result.counts[type] ?? 0})`);
  const safe = (failure === null || failure.kind === 'stalled' || failure.kind === 'step-limit') && problems.length === 0 && unsafeTypes.length === 0;

  // Liveness is judged only on a run that reached its end: a history cut short has no final reads.
  const finished = failure === null && workload.phase === 'done';
  // The final phase ends early when every thread has read every key; at its bound otherwise.
  const finalInTime = finished && state.now_ms < workload.deadline_ms;
  const unseen = result.counts.unseen ?? 0;
  if (finished && unseen > 0) reasons.push(`anomaly: unseen (${unseen}): acknowledged sends no final read saw`);
  if (finished && !finalInTime) reasons.push(`the final reads did not catch up within their bound`);
  const live = finished && unseen === 0 && finalInTime;

  const ranOut = failure !== null && (failure.kind === 'stalled' || failure.kind === 'step-limit');
  const verdict: Verdict = ranOut ? 'failed' : safe && live ? 'valid' : 'invalid';
  return {
    seed: workload.config.seed,
    verdict,
    reasons,
    safe,
    live,
    failure,
    problems,
    check: result,
    ops,
    steps: state.steps,
    end_ms: state.now_ms,
  };
};
