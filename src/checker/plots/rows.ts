/**
 * A Lamport diagram's vertical layout: one row per event (a message leaving,
 * a message arriving), in time order, as Maelstrom's messages.svg lays out
 * its events. Time-proportional rows would pile a zero-latency request, its
 * reply and the next request onto one line; rows in event order keep every
 * arrow apart and every arrow's head below its tail.
 *
 * Events at the same instant keep causal order: arrows come sorted by
 * departure and recorded in the order the replay saw them, and an arrow's
 * departure comes before its arrival.
 */
import type { Arrow } from './arrows.js';

export interface Rows {
  /** Per arrow: its departure's row, or -1 if it left before `from_ms` (drawn from the top). */
  readonly sendRow: Int32Array;
  /** Per arrow: its arrival's row, or -1 if it was lost. */
  readonly recvRow: Int32Array;
  /** Each row's time, ascending. */
  readonly rowTime: Float64Array;
}

export const rowsOf = (arrows: readonly Arrow[], from_ms: number): Rows => {
  const events: [time: number, arrow: number, arrival: number][] = [];
  arrows.forEach((a, i) => {
    if (a.sent_ms >= from_ms) events.push([a.sent_ms, i, 0]);
    if (a.received_ms !== null) events.push([a.received_ms, i, 1]);
  });
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const sendRow = new Int32Array(arrows.length).fill(-1);
  const recvRow = new Int32Array(arrows.length).fill(-1);
  const rowTime = new Float64Array(events.length);
  events.forEach(([time, i, arrival], row) => {
    (arrival === 1 ? recvRow : sendRow)[i] = row;
    rowTime[row] = time;
  });
  return { sendRow, recvRow, rowTime };
};

/** The arrows around position `at` of the departures (at most `before` before it, `after` from it), with those still in flight at the first: what a window of a diagram shows. */
export const arrowsAround = (
  all: readonly Arrow[],
  inWindow: (from_ms: number, to_ms: number) => Arrow[],
  at: number,
  before: number,
  after: number,
): { readonly arrows: Arrow[]; readonly from_ms: number; readonly to_ms: number } => {
  if (all.length === 0) return { arrows: [], from_ms: 0, to_ms: 0 };
  const lo = Math.max(0, Math.min(at - before, all.length - 1));
  const hi = Math.max(lo, Math.min(all.length - 1, at + after - 1));
  const from_ms = all[lo]!.sent_ms;
  const to_ms = all[hi]!.sent_ms;
  return { arrows: inWindow(from_ms, to_ms), from_ms, to_ms };
};
