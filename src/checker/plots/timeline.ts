/** What every time plot of a history needs: how long it ran, and when the network was partitioned. */
import type { Op } from '../../maelstrom/history/op.js';

/** A history's end and its partitions, gathered one op at a time. */
export class Timeline {
  private latest_s = 1;
  private readonly closed: [number, number][] = [];
  private openedAt_s: number | null = null;

  add(op: Op): void {
    this.latest_s = Math.max(this.latest_s, op.time / 1e9);
    if (op.process !== 'nemesis') return;
    const t = op.time / 1e9;
    if (op.f === 'start-partition' && this.openedAt_s === null) this.openedAt_s = t;
    if (op.f === 'stop-partition' && this.openedAt_s !== null) {
      this.closed.push([this.openedAt_s, t]);
      this.openedAt_s = null;
    }
  }

  /** The time of the last event so far, in seconds (at least 1). */
  get end_s(): number {
    return this.latest_s;
  }

  /** Start and end (seconds) of every partition, from the nemesis's ops; one still open ends at `end_s`. */
  partitions(end_s = this.end_s): [number, number][] {
    return this.openedAt_s === null ? [...this.closed] : [...this.closed, [this.openedAt_s, end_s]];
  }
}

export const timelineOf = (history: readonly Op[]): Timeline => {
  const timeline = new Timeline();
  for (const op of history) timeline.add(op);
  return timeline;
};

/** The time of the history's last event, in seconds (at least 1). */
export const endOf = (history: readonly Op[]): number => timelineOf(history).end_s;
