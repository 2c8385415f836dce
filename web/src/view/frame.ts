/**
 * What every panel is given to draw: the opened run (and what was derived
 * from it once, on opening) and the current step (and what was derived for
 * it). Panels draw from a Frame and call Actions; they hold no other state
 * of the run.
 */
import type { CheckResult, MaelstromComparison } from '../../../src/checker/index.js';
import type { MessageArrows } from '../../../src/checker/plots/arrows.js';
import type { AnomalyItem } from '../anomaly-list.js';
import type { OpTimeline } from '../ops.js';
import type { Replay, StepView } from '../replay/replay.js';
import type { Run } from '../run/run.js';
import type { Stepper } from '../stepper.js';

export interface Loaded {
  readonly run: Run;
  /** Undefined when the run has no trace (node states cannot be shown). */
  readonly replay: Replay | undefined;
  readonly stepper: Stepper;
  readonly check: CheckResult;
  /** The checker's verdict beside the one that came with the run (Maelstrom's results.edn), if one did. */
  readonly maelstrom: MaelstromComparison | undefined;
  readonly anomalies: readonly AnomalyItem[];
  readonly timeline: OpTimeline;
  /** Every key any node ever holds, in natural order (a node's keys only grow, so the last step has them all). */
  readonly keys: readonly string[];
  /** Every message as an arrow, for the message diagram: the replay's, or read from Maelstrom's messages.svg; undefined when neither exists. */
  readonly arrows: MessageArrows | undefined;
}

export interface Highlight {
  readonly anomaly: AnomalyItem;
  readonly opIndexes: ReadonlySet<number>;
}

export interface Frame {
  readonly loaded: Loaded;
  readonly step: number;
  readonly time_ms: number;
  readonly view: StepView | undefined;
  readonly highlight: Highlight | undefined;
}

export interface Actions {
  go(step: number): void;
  goToTime(time_ms: number): void;
  selectAnomaly(item: AnomalyItem | undefined): void;
}
