/**
 * What the scrubber moves over. With a trace, the replay's steps (every
 * input to any node; a Replay is a Stepper); with a history alone (Maelstrom's history.edn), the
 * history's events, one step per op, so the client view still scrubs.
 */
import type { Op } from '../../src/maelstrom/history/op.js';

export interface Stepper {
  /** Steps go from 0 (nothing happened yet) to `length` (the end). */
  readonly length: number;
  /** The time of the last event applied at step s, in ms (0 at step 0). */
  timeAt(s: number): number;
  /** The number of events at or before `time_ms`. */
  stepAtTime(time_ms: number): number;
}

export const historyStepper = (history: readonly Op[]): Stepper => {
  const times = new Float64Array(history.length);
  let latest = 0;
  history.forEach((op, i) => (times[i] = latest = Math.max(latest, op.time / 1e6)));
  return {
    length: history.length,
    timeAt: (s) => (s <= 0 || times.length === 0 ? 0 : times[Math.min(times.length, s) - 1]!),
    stepAtTime: (time_ms) => {
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid]! <= time_ms) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
};
