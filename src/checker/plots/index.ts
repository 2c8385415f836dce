/**
 * The pictures of a run that the store keeps beside its history, as
 * Maelstrom's store does (latency-raw.png, rate.png, messages.svg...), but
 * as small SVG files built by pure functions:
 *
 *   latency.svg   each op's latency against time, by f and outcome
 *   rate.svg      completions per second, by f and outcome
 *   lag.svg       realtime lag per key, of every successful poll
 *   unseen.svg    sent messages no poll had returned yet, over time
 *   messages.svg  a Lamport diagram of the first moments and of those
 *                 before the first anomaly
 *
 * Every time plot shades the nemesis's partitions.
 */
import type { NodeConfig } from '../../core/node/config.js';
import type { Op } from '../../maelstrom/history/op.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { completionsOf, type Completions } from '../../maelstrom/workload/summary.js';
import type { CheckResult } from '../types.js';
import { firstAnomaly } from './anomaly-moment.js';
import { arrowsOfTrace } from './trace-arrows.js';
import { Existences, LagColumns, LagWalk, lagSvg } from './lag.js';
import { latencySvg } from './latency.js';
import { firstWindow, MAX_ARROWS, messagesSvg, windowBefore, type MessageWindow } from './messages.js';
import { rateSvg } from './rate.js';
import { Timeline } from './timeline.js';
import { UnseenCounts, unseenSvg } from './unseen.js';

export { ArrowRecorder, MessageArrows, arrowKindOf, arrowsOfDeliveries, type Arrow, type ArrowKind } from './arrows.js';
export { arrowsOfTrace } from './trace-arrows.js';
export { citedOps, firstAnomaly } from './anomaly-moment.js';
export { ARROW_COLOURS, LOST_COLOUR, describeArrow, laneOrder } from './messages.js';
export { arrowsAround, rowsOf, type Rows } from './rows.js';
export { lagSeries } from './lag.js';
export { unseenSeries } from './unseen.js';
export { messagesSvg };

export const HISTORY_PLOTS = ['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg'] as const;

/**
 * The plots drawn from the history alone, gathered in two passes over it,
 * one op at a time, so that a history streamed from a file is drawn without
 * being held: `add` every op, then `again` every op in the same order
 * (lag.svg measures each poll against when its offsets came to exist, known
 * only once every op has been seen), then `draw`.
 */
export class HistoryPlots {
  readonly timeline = new Timeline();
  private readonly unseen = new UnseenCounts();
  private readonly existence = new Existences();
  /** Made by the second pass's first op: the first pass is over then. */
  private lag: { readonly walk: LagWalk; readonly columns: LagColumns } | null = null;

  add(op: Op): void {
    this.timeline.add(op);
    this.unseen.add(op);
    this.existence.add(op);
  }

  again(op: Op): void {
    const { walk, columns } = this.secondPass();
    walk.add(op, (point) => columns.add(point));
  }

  /** The plots by file name; `completions` of the same history. */
  draw(completions: Completions): [string, string][] {
    return [
      ['latency.svg', latencySvg(completions, this.timeline)],
      ['rate.svg', rateSvg(completions, this.timeline)],
      ['lag.svg', lagSvg(this.secondPass().columns, this.timeline)],
      ['unseen.svg', unseenSvg(this.unseen, this.timeline)],
    ];
  }

  private secondPass(): { readonly walk: LagWalk; readonly columns: LagColumns } {
    return (this.lag ??= { walk: new LagWalk(this.existence), columns: new LagColumns(this.timeline.end_s) });
  }
}

/** The plots drawn from a history held whole, by file name. */
export const historyPlots = (history: readonly Op[]): [string, string][] => {
  const plots = new HistoryPlots();
  for (const op of history) plots.add(op);
  for (const op of history) plots.again(op);
  return plots.draw(completionsOf(history));
};

/** The trace is replayed this far past what the windows show, so that the messages in flight then have arrived. */
const REPLAY_BEYOND_MS = 1000;

/**
 * messages.svg from a trace: the first moments, and the moments before the
 * first anomaly that makes the history invalid (when the checker found one).
 */
export const messagesPlot = (trace: readonly TraceEntry[], config: NodeConfig, result: CheckResult | undefined): string => {
  const anomaly = result === undefined ? undefined : firstAnomaly(result);
  // The first window's messages have all left by the MAX_ARROWS-th delivery (every delivery is one of them, or later).
  let deliveries = 0;
  const firstWindowEnd_ms = trace.find((e) => 'message' in e && ++deliveries >= MAX_ARROWS)?.time_ms ?? Infinity;
  const until_ms = Math.max(firstWindowEnd_ms, anomaly?.time_ms ?? 0) + REPLAY_BEYOND_MS;
  const arrows = arrowsOfTrace(trace, config, until_ms);
  const windows: MessageWindow[] = [firstWindow()];
  if (anomaly !== undefined) windows.push(windowBefore(arrows, anomaly.time_ms, `around the first anomaly (${anomaly.type} on key ${anomaly.key}; the latest op it cites ended at ${(anomaly.time_ms / 1000).toFixed(3)} s)`));
  const source = trace.some((e) => 'tick' in e)
    ? 'Replayed through the node reducer: every message a node sent is drawn, from its departure to its arrival.'
    : 'This trace records no ticks (not our node): only the messages delivered to nodes are drawn, as leaving when they arrived.';
  return messagesSvg(arrows, windows, `${source} Hover an arrow for its body.`);
};
