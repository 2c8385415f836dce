/**
 * unseen.svg (Jepsen's unseen plot): at each moment, how many sent
 * messages no successful poll had returned yet. Acknowledged sends (ok)
 * are owed to every reader: their line must come back to 0 by the end, or
 * the checker reports them `unseen`. Indefinite sends (info) are not owed
 * (they may never have been appended) and are drawn apart. A message is
 * its key and value (the workload's values are unique per key).
 */
import type { Op } from '../../maelstrom/history/op.js';
import { forEachFact } from './mops.js';
import { legend, niceStep, OUTCOME_COLOURS, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, polyline, svgDocument } from './svg.js';
import { endOf, type Timeline } from './timeline.js';

const SAMPLE_S = 0.1;

export interface UnseenPoint {
  readonly time_s: number;
  readonly ok: number;
  readonly info: number;
}

/**
 * A message's identity within its key, as its JSON text would tell it: a
 * finite number is itself (the workload's values are numbers: no text is
 * made for them), anything else its JSON text.
 */
const messageId = (msg: unknown): unknown => (typeof msg === 'number' && Number.isFinite(msg) ? msg : JSON.stringify(msg));

/** One key's messages: those some ok poll returned, and those sent and still owed. */
interface KeyMessages {
  readonly seen: Set<unknown>;
  readonly owed: Map<unknown, 'ok' | 'info'>;
}

/**
 * The unseen counts, gathered one op at a time: the sent messages no ok
 * poll has returned yet, sampled every SAMPLE_S up to each op's time.
 */
export class UnseenCounts {
  private readonly byKey = new Map<string, KeyMessages>();
  private readonly counts = { ok: 0, info: 0 };
  private readonly samples: UnseenPoint[] = [];
  private next_s = 0;

  add(op: Op): void {
    if (op.type !== 'ok' && op.type !== 'info') return;
    this.sampleUntil(op.time / 1e9 - 1e-12);
    forEachFact(op, (mop, key, _, msg) => {
      let messages = this.byKey.get(key);
      if (messages === undefined) this.byKey.set(key, (messages = { seen: new Set(), owed: new Map() }));
      const { seen, owed } = messages;
      const id = messageId(msg);
      if (mop === 'send') {
        if (seen.has(id) || owed.has(id)) return;
        const type = op.type === 'ok' ? 'ok' : 'info';
        owed.set(id, type);
        this.counts[type]++;
      } else if (op.type === 'ok' && !seen.has(id)) {
        seen.add(id);
        const type = owed.get(id);
        if (type !== undefined) {
          owed.delete(id);
          this.counts[type]--;
        }
      }
    });
  }

  /** The samples up to `end_s`, the history's end, and one at the end. */
  series(end_s: number): UnseenPoint[] {
    this.sampleUntil(end_s);
    return [...this.samples, { time_s: end_s, ok: this.counts.ok, info: this.counts.info }];
  }

  private sampleUntil(t_s: number): void {
    while (this.next_s <= t_s) {
      this.samples.push({ time_s: this.next_s, ok: this.counts.ok, info: this.counts.info });
      this.next_s += SAMPLE_S;
    }
  }
}

/** The unseen counts at every SAMPLE_S, and at the end. */
export const unseenSeries = (history: readonly Op[]): UnseenPoint[] => {
  const unseen = new UnseenCounts();
  for (const op of history) unseen.add(op);
  return unseen.series(endOf(history));
};

export const unseenSvg = (unseen: UnseenCounts, timeline: Timeline): string => {
  const end_s = timeline.end_s;
  const series = unseen.series(end_s);
  const spans = timeline.partitions();
  const most = series.reduce((m, p) => Math.max(m, p.ok, p.info), 1);
  const step = niceStep(most, 5);
  const scale = { lo: 0, hi: Math.ceil(most / step) * step, log: false };
  const p = panelAt(0, 0, end_s, scale, PANEL_HEIGHT + 60);
  const last = series[series.length - 1]!;
  const body = [
    panelFrame(p, `unseen messages (at the end: ${last.ok} acknowledged, ${last.info} indefinite)`, 'messages not yet polled', scale, 0, end_s, spans),
    polyline(series.map((s) => [p.x(s.time_s), p.y(s.info)] as const), OUTCOME_COLOURS.info),
    polyline(series.map((s) => [p.x(s.time_s), p.y(s.ok)] as const), OUTCOME_COLOURS.ok),
  ];
  const height = PANEL_HEIGHT + 60 + 24;
  const items = outcomeLegend(spans.length > 0, 'line').filter((item) => item.label !== 'fail').map((item) => (item.label === 'ok' ? { ...item, label: 'acknowledged sends (ok)' } : item.label === 'info' ? { ...item, label: 'indefinite sends (info)' } : item));
  return svgDocument(height, [...body, legend(items, height - 8)]);
};
