/**
 * latency.svg: one panel per f, each operation's latency (log scale, ms)
 * against the time it was invoked, coloured by outcome (Jepsen's
 * latency-raw), with the partitions as bands. At most MAX_DOTS dots per
 * panel, taken evenly when there are more.
 */
import type { Completions } from '../../maelstrom/workload/summary.js';
import { dots, legend, OUTCOME_COLOURS, OUTCOMES, outcomeLegend, PANEL_HEIGHT, panelAt, panelFrame, svgDocument, thin, type Scale } from './svg.js';
import type { Timeline } from './timeline.js';

const MAX_DOTS = 3000;

const latency_ms = (c: Completions, i: number): number => Math.max(0.01, (c.completed_ns(i) - c.invoked_ns(i)) / 1e6);

/** The completions of each f but crash, by name: positions in `c`, in history order. */
export const completionsByF = (c: Completions): Map<string, number[]> => {
  const byF = new Map<string, number[]>();
  for (const f of c.sortedFs()) if (f !== 'crash') byF.set(f, []);
  for (let i = 0; i < c.length; i++) byF.get(c.f(i))?.push(i);
  return byF;
};

export const latencySvg = (c: Completions, timeline: Timeline): string => {
  const byF = completionsByF(c);
  const end_s = timeline.end_s;
  let least = 1;
  let most = 10;
  for (const mine of byF.values()) {
    for (const i of mine) {
      const ms = latency_ms(c, i);
      least = Math.min(least, ms);
      most = Math.max(most, ms);
    }
  }
  const scale: Scale = { lo: Math.pow(10, Math.floor(Math.log10(least))), hi: Math.pow(10, Math.ceil(Math.log10(most))), log: true };
  const spans = timeline.partitions();
  const body = [...byF].map(([f, all], panel) => {
    const p = panelAt(panel * PANEL_HEIGHT, 0, end_s, scale);
    const mine = thin(all, MAX_DOTS);
    const marks = OUTCOMES.map((type) =>
      dots(
        mine.filter((i) => c.type(i) === type).map((i) => [p.x(c.invoked_ns(i) / 1e9), p.y(latency_ms(c, i))] as const),
        OUTCOME_COLOURS[type],
      ),
    );
    return [panelFrame(p, `${f}: latency`, 'latency (ms, log)', scale, 0, end_s, spans), ...marks].join('\n');
  });
  const height = Math.max(1, byF.size) * PANEL_HEIGHT + 24;
  return svgDocument(height, [...body, legend(outcomeLegend(spans.length > 0, 'dot'), height - 8)]);
};
