/**
 * rate.svg: throughput, one panel per f: completions per second (in
 * buckets of BUCKET_S) by outcome, each outcome a line in its colour
 * (Jepsen's rate plot), with the partitions as bands.
 */
import type { Op } from '../../maelstrom/history/op.js';
import { completedOps } from '../../maelstrom/workload/summary.js';
import { legend, OUTCOME_COLOURS, OUTCOMES, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, polyline, svgDocument, niceStep } from './svg.js';
import { endOf, partitionSpans } from './timeline.js';

const BUCKET_S = 0.5;

export const rateSvg = (history: readonly Op[]): string => {
  const ops = completedOps(history).filter((op) => op.f !== 'crash');
  const fs = [...new Set(ops.map((op) => op.f))].sort();
  const end_s = endOf(history);
  const buckets = Math.ceil(end_s / BUCKET_S);
  const spans = partitionSpans(history, end_s);
  const counts = new Map<string, Float64Array>();
  for (const op of ops) {
    const key = `${op.f} ${op.type}`;
    let series = counts.get(key);
    if (series === undefined) counts.set(key, (series = new Float64Array(buckets)));
    const b = Math.min(buckets - 1, Math.floor(op.completed_ns / 1e9 / BUCKET_S));
    series[b]! += 1 / BUCKET_S;
  }
  const body = fs.map((f, i) => {
    let most = 1;
    for (const type of OUTCOMES) for (const v of counts.get(`${f} ${type}`) ?? []) most = Math.max(most, v);
    const step = niceStep(most, 5);
    const scale = { lo: 0, hi: Math.ceil(most / step) * step, log: false };
    const p = panelAt(i * PANEL_HEIGHT, 0, end_s, scale);
    const lines = OUTCOMES.map((type) => {
      const series = counts.get(`${f} ${type}`);
      if (series === undefined) return '';
      return polyline(Array.from(series, (v, b) => [p.x(Math.min(end_s, (b + 0.5) * BUCKET_S)), p.y(v)] as const), OUTCOME_COLOURS[type]);
    });
    return [panelFrame(p, `${f}: throughput`, 'ops/s', scale, 0, end_s, spans), ...lines].join('\n');
  });
  const height = Math.max(1, fs.length) * PANEL_HEIGHT + 24;
  return svgDocument(height, [...body, legend(outcomeLegend(spans.length > 0, 'line'), height - 8)]);
};
