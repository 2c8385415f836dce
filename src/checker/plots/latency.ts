/**
 * latency.svg: one panel per f, each operation's latency (log scale, ms)
 * against the time it was invoked, coloured by outcome (Jepsen's
 * latency-raw), with the partitions as bands. At most MAX_DOTS dots per
 * panel, taken evenly when there are more.
 */
import type { Op } from '../../maelstrom/history/op.js';
import { completedOps } from '../../maelstrom/workload/summary.js';
import { dots, legend, OUTCOME_COLOURS, OUTCOMES, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, svgDocument, thin, type Scale } from './svg.js';
import { endOf, partitionSpans } from './timeline.js';

const MAX_DOTS = 3000;

const latency_ms = (invoked_ns: number, completed_ns: number): number => Math.max(0.01, (completed_ns - invoked_ns) / 1e6);

export const latencySvg = (history: readonly Op[]): string => {
  const ops = completedOps(history).filter((op) => op.f !== 'crash');
  const fs = [...new Set(ops.map((op) => op.f))].sort();
  const end_s = endOf(history);
  let least = 1;
  let most = 10;
  for (const op of ops) {
    const ms = latency_ms(op.invoked_ns, op.completed_ns);
    least = Math.min(least, ms);
    most = Math.max(most, ms);
  }
  const scale: Scale = { lo: Math.pow(10, Math.floor(Math.log10(least))), hi: Math.pow(10, Math.ceil(Math.log10(most))), log: true };
  const spans = partitionSpans(history, end_s);
  const body = fs.map((f, i) => {
    const p = panelAt(i * PANEL_HEIGHT, 0, end_s, scale);
    const mine = thin(ops.filter((op) => op.f === f), MAX_DOTS);
    const marks = OUTCOMES.map((type) =>
      dots(
        mine.filter((op) => op.type === type).map((op) => [p.x(op.invoked_ns / 1e9), p.y(latency_ms(op.invoked_ns, op.completed_ns))] as const),
        OUTCOME_COLOURS[type],
      ),
    );
    return [panelFrame(p, `${f}: latency`, 'latency (ms, log)', scale, 0, end_s, spans), ...marks].join('\n');
  });
  const height = Math.max(1, fs.length) * PANEL_HEIGHT + 24;
  return svgDocument(height, [...body, legend(outcomeLegend(spans.length > 0, 'dot'), height - 8)]);
};
