/** What every time plot of a history needs: how long it ran, and when the network was partitioned. */
import type { Op } from '../../maelstrom/history/op.js';

/** The time of the history's last event, in seconds (at least 1). */
export const endOf = (history: readonly Op[]): number => history.reduce((max, op) => Math.max(max, op.time / 1e9), 1);

/** Start and end (seconds) of every partition, from the nemesis's ops; one still open ends at `end_s`. */
export const partitionSpans = (history: readonly Op[], end_s: number): [number, number][] => {
  const spans: [number, number][] = [];
  let start: number | null = null;
  for (const op of history) {
    if (op.process !== 'nemesis') continue;
    const t = op.time / 1e9;
    if (op.f === 'start-partition' && start === null) start = t;
    if (op.f === 'stop-partition' && start !== null) {
      spans.push([start, t]);
      start = null;
    }
  }
  if (start !== null) spans.push([start, end_s]);
  return spans;
};
