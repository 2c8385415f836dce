/**
 * A replayed run, read side: every node's state at any step, rebuilt from
 * the snapshot below it (builder.ts makes the snapshots and everything else
 * a Replay holds).
 *
 * Steps are global: step i is the i-th input delivered to any node, in the
 * trace's order. "At step s" means after the first s steps were applied, so
 * step 0 is the initial state and step `length` the end of the run. A jump
 * anywhere costs at most `snapshotEvery` reducer steps; a step forward from
 * the last answer costs one.
 */
import type { Effect, Message, Step } from '../../../src/core/machine.js';
import type { NodeConfig } from '../../../src/core/node/config.js';
import type { NodeInput } from '../../../src/core/node/input.js';
import type { NodeState } from '../../../src/core/node/state.js';
import type { MessageArrows } from '../../../src/checker/plots/arrows.js';
import type { Fidelity } from './fidelity.js';
import type { MessageLog } from './messages.js';

export type NodeStep = Step<NodeState, NodeInput>;

export interface ReplayStep {
  /** Index into `nodeIds`. */
  readonly node: number;
  readonly time_ms: number;
  /** What the reducer consumed; undefined when the shell would have skipped the entry (not a message it can answer). */
  readonly input: NodeInput | undefined;
  /** Why the shell would have skipped it. */
  readonly skipped: string | undefined;
  /** The trace entry's line in trace.jsonl, from 1; 0 for a tick inferred from the node's timer. */
  readonly traceLine: number;
  /** The message as the trace holds it (undefined for ticks). */
  readonly message: Message | undefined;
}

export type TickSource = 'recorded' | 'inferred';

/** What the page shows at one step: every node's state, and what the step that led here did. */
export interface StepView {
  readonly step: number;
  readonly states: readonly NodeState[];
  /** The step just applied (step - 1); undefined at step 0. */
  readonly last: ReplayStep | undefined;
  /** Its node's state before it. */
  readonly before: NodeState | undefined;
  readonly effects: readonly Effect[];
  /** The reducer threw on it: the shell would have dropped the input. */
  readonly error: string | undefined;
}

export type Applied = { readonly state: NodeState; readonly effects: readonly Effect[]; readonly error: string | undefined };

export const apply = (reducer: NodeStep, state: NodeState, s: ReplayStep): Applied => {
  if (s.input === undefined) return { state, effects: [], error: undefined };
  try {
    const [next, effects] = reducer(state, s.input);
    return { state: next, effects, error: undefined };
  } catch (error) {
    return { state, effects: [], error: error instanceof Error ? error.message : String(error) };
  }
};

export class Replay {
  private cache: { step: number; states: NodeState[] } | undefined;
  /** Step i's time, or an earlier step's if later (a trace is in delivery order; this keeps the search monotone). */
  private readonly timesSoFar: Float64Array;

  constructor(
    readonly nodeIds: readonly string[],
    readonly steps: readonly ReplayStep[],
    private readonly snapshots: readonly (readonly NodeState[])[],
    readonly snapshotEvery: number,
    readonly messages: MessageLog,
    readonly fidelity: Readonly<Fidelity>,
    readonly tickSource: TickSource,
    readonly initTimes: ReadonlyMap<string, number>,
    readonly config: NodeConfig,
    private readonly reducer: NodeStep,
    /** Every message of the run as an arrow from departure to arrival, for the message diagram. */
    readonly arrows: MessageArrows,
  ) {
    this.timesSoFar = new Float64Array(steps.length);
    let latest = -Infinity;
    for (let i = 0; i < steps.length; i++) this.timesSoFar[i] = latest = Math.max(latest, steps[i]!.time_ms);
  }

  get length(): number {
    return this.steps.length;
  }

  /** Every node's state after the first `s` steps, from the nearest snapshot (or the last answer, when nearer). */
  private statesAt(s: number): NodeState[] {
    const base = Math.floor(s / this.snapshotEvery) * this.snapshotEvery;
    const cached = this.cache !== undefined && this.cache.step >= base && this.cache.step <= s ? this.cache : undefined;
    const from = cached?.step ?? base;
    const states = (cached?.states ?? this.snapshots[base / this.snapshotEvery]!).slice();
    for (let i = from; i < s; i++) {
      const stepRecord = this.steps[i]!;
      states[stepRecord.node] = apply(this.reducer, states[stepRecord.node]!, stepRecord).state;
    }
    return states;
  }

  /** The page's view of step `s` (clamped to [0, length]). Costs at most K reducer steps. */
  at(s: number): StepView {
    const step = Math.max(0, Math.min(this.length, Math.floor(s)));
    if (step === 0) {
      const states = this.snapshots[0]!.slice();
      this.cache = { step, states };
      return { step, states: states.slice(), last: undefined, before: undefined, effects: [], error: undefined };
    }
    const states = this.statesAt(step - 1);
    const last = this.steps[step - 1]!;
    const before = states[last.node]!;
    const applied = apply(this.reducer, before, last);
    states[last.node] = applied.state;
    this.cache = { step, states };
    return { step, states: states.slice(), last, before, effects: applied.effects, error: applied.error };
  }

  /** The number of steps whose time is at most `time_ms`: the step at which a moment of the run is shown. */
  stepAtTime(time_ms: number): number {
    let lo = 0;
    let hi = this.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timesSoFar[mid]! <= time_ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The time of the last step applied at step `s` (0 at step 0). */
  timeAt(s: number): number {
    if (s <= 0 || this.steps.length === 0) return 0;
    return this.timesSoFar[Math.min(this.steps.length, s) - 1]!;
  }
}
