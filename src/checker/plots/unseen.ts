/**
 * unseen.svg (Jepsen's unseen plot): at each moment, how many sent
 * messages no successful poll had returned yet. Acknowledged sends (ok)
 * are owed to every reader: their line must come back to 0 by the end, or
 * the checker reports them `unseen`. Indefinite sends (info) are not owed
 * (they may never have been appended) and are drawn apart. A message is
 * its key and value (the workload's values are unique per key).
 */
import type { Op } from '../../maelstrom/history/op.js';
import { factsOf } from './mops.js';
import { legend, niceStep, OUTCOME_COLOURS, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, polyline, svgDocument } from './svg.js';
import { endOf, partitionSpans } from './timeline.js';

const SAMPLE_S = 0.1;

export interface UnseenPoint {
  readonly time_s: number;
  readonly ok: number;
  readonly info: number;
}

/** The unseen counts at every SAMPLE_S, and at the end. */
export const unseenSeries = (history: readonly Op[]): UnseenPoint[] => {
  const seen = new Set<string>();
  const owed = new Map<string, 'ok' | 'info'>();
  const counts = { ok: 0, info: 0 };
  const series: UnseenPoint[] = [];
  let next_s = 0;
  const sampleUntil = (t_s: number): void => {
    while (next_s <= t_s) {
      series.push({ time_s: next_s, ok: counts.ok, info: counts.info });
      next_s += SAMPLE_S;
    }
  };
  for (const op of history) {
    if (op.type !== 'ok' && op.type !== 'info') continue;
    sampleUntil(op.time / 1e9 - 1e-12);
    for (const fact of factsOf(op)) {
      const id = `${fact.key}\u0000${JSON.stringify(fact.msg)}`;
      if (fact.mop === 'send') {
        if (seen.has(id) || owed.has(id)) continue;
        const type = op.type === 'ok' ? 'ok' : 'info';
        owed.set(id, type);
        counts[type]++;
      } else if (op.type === 'ok' && !seen.has(id)) {
        seen.add(id);
        const type = owed.get(id);
        if (type !== undefined) {
          owed.delete(id);
          counts[type]--;
        }
      }
    }
  }
  sampleUntil(endOf(history));
  series.push({ time_s: endOf(history), ok: counts.ok, info: counts.info });
  return series;
};

export const unseenSvg = (history: readonly Op[]): string => {
  const series = unseenSeries(history);
  const end_s = endOf(history);
  const spans = partitionSpans(history, end_s);
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
