/**
 * rate.svg: throughput, one panel per f: completions per second (in
 * buckets of BUCKET_S) by outcome, each outcome a line in its colour
 * (Jepsen's rate plot), with the partitions as bands.
 */
import type { Completions } from '../../maelstrom/workload/summary.js';
import { completionsByF } from './latency.js';
import { legend, OUTCOME_COLOURS, OUTCOMES, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, polyline, svgDocument, niceStep } from './svg.js';
import type { Timeline } from './timeline.js';

const BUCKET_S = 0.5;

export const rateSvg = (c: Completions, timeline: Timeline): string => {
  const byF = completionsByF(c);
  const end_s = timeline.end_s;
  const buckets = Math.ceil(end_s / BUCKET_S);
  const spans = timeline.partitions();
  const body = [...byF].map(([f, mine], panel) => {
    const counts = new Map<string, Float64Array>();
    for (const i of mine) {
      const type = c.type(i);
      let series = counts.get(type);
      if (series === undefined) counts.set(type, (series = new Float64Array(buckets)));
      const b = Math.min(buckets - 1, Math.floor(c.completed_ns(i) / 1e9 / BUCKET_S));
      series[b]! += 1 / BUCKET_S;
    }
    let most = 1;
    for (const type of OUTCOMES) for (const v of counts.get(type) ?? []) most = Math.max(most, v);
    const step = niceStep(most, 5);
    const scale = { lo: 0, hi: Math.ceil(most / step) * step, log: false };
    const p = panelAt(panel * PANEL_HEIGHT, 0, end_s, scale);
    const lines = OUTCOMES.map((type) => {
      const series = counts.get(type);
      if (series === undefined) return '';
      return polyline(Array.from(series, (v, b) => [p.x(Math.min(end_s, (b + 0.5) * BUCKET_S)), p.y(v)] as const), OUTCOME_COLOURS[type]);
    });
    return [panelFrame(p, `${f}: throughput`, 'ops/s', scale, 0, end_s, spans), ...lines].join('\n');
  });
  const height = Math.max(1, byF.size) * PANEL_HEIGHT + 24;
  return svgDocument(height, [...body, legend(outcomeLegend(spans.length > 0, 'line'), height - 8)]);
};
