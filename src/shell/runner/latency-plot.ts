/**
 * latency.svg: one panel per f, operation latency (log scale) against the
 * time it was invoked, coloured by outcome as Jepsen's perf plots are (ok
 * blue, info orange, fail red), with partitions shaded. Plain SVG, no
 * library: a few thousand points per panel, thinned evenly when there are more.
 */
import type { Op } from '../../maelstrom/history/op.js';
import type { Completed } from '../../maelstrom/workload/summary.js';

const WIDTH = 900;
const PANEL_HEIGHT = 220;
const MARGIN = { left: 64, right: 16, top: 28, bottom: 36 };
const MAX_POINTS_PER_PANEL = 4000;
const COLOURS: Readonly<Record<Completed['type'], string>> = { ok: '#3a6fd8', info: '#f0a030', fail: '#d83a3a' };

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Start and end (seconds) of every partition, from the nemesis ops. */
const partitionSpans = (history: readonly Op[], end_s: number): [number, number][] => {
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

const thin = <T>(items: readonly T[], limit: number): readonly T[] => {
  if (items.length <= limit) return items;
  const stride = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * stride)] as T);
};

export const latencySvg = (history: readonly Op[], completed: readonly Completed[]): string => {
  const ops = completed.filter((op) => op.f !== 'crash');
  const fs = [...new Set(ops.map((op) => op.f))].sort();
  const end_s = history.reduce((max, op) => Math.max(max, op.time / 1e9), 1);
  let least_ms = 1;
  let most_ms = 10;
  for (const op of ops) {
    const ms = Math.max(0.01, (op.completed_ns - op.invoked_ns) / 1e6);
    least_ms = Math.min(least_ms, ms);
    most_ms = Math.max(most_ms, ms);
  }
  const lo = Math.pow(10, Math.floor(Math.log10(least_ms)));
  const hi = Math.pow(10, Math.ceil(Math.log10(most_ms)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (s: number): number => MARGIN.left + (s / end_s) * plotW;
  const y = (ms: number): number => MARGIN.top + plotH - ((Math.log10(ms) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;
  const spans = partitionSpans(history, end_s);
  const panels = fs.map((f, i) => {
    const parts: string[] = [`<g transform="translate(0,${i * PANEL_HEIGHT})">`];
    parts.push(`<text x="${MARGIN.left}" y="18" font-size="13" font-weight="bold">${escape(f)} latency (ms)</text>`);
    for (const [a, b] of spans) {
      parts.push(`<rect x="${x(a).toFixed(1)}" y="${MARGIN.top}" width="${Math.max(1, x(b) - x(a)).toFixed(1)}" height="${plotH}" fill="#e9dca0" opacity="0.6"/>`);
    }
    for (let decade = lo; decade <= hi; decade *= 10) {
      const yy = y(decade).toFixed(1);
      parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
      parts.push(`<text x="${MARGIN.left - 6}" y="${yy}" font-size="10" text-anchor="end" dominant-baseline="middle">${decade >= 1 ? decade : decade.toPrecision(1)}</text>`);
    }
    const ticks = Math.min(10, Math.ceil(end_s));
    for (let k = 0; k <= ticks; k++) {
      const s = (end_s * k) / ticks;
      parts.push(`<text x="${x(s).toFixed(1)}" y="${PANEL_HEIGHT - 14}" font-size="10" text-anchor="middle">${s.toFixed(s < 10 ? 1 : 0)}s</text>`);
    }
    parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
    const points = thin(ops.filter((op) => op.f === f), MAX_POINTS_PER_PANEL);
    for (const op of points) {
      const ms = Math.max(0.01, (op.completed_ns - op.invoked_ns) / 1e6);
      parts.push(`<circle cx="${x(op.invoked_ns / 1e9).toFixed(1)}" cy="${y(ms).toFixed(1)}" r="1.6" fill="${COLOURS[op.type]}" opacity="0.7"/>`);
    }
    parts.push('</g>');
    return parts.join('');
  });
  const height = Math.max(1, fs.length) * PANEL_HEIGHT + 24;
  const legend = (['ok', 'info', 'fail'] as const)
    .map((type, i) => `<circle cx="${MARGIN.left + i * 70}" cy="${height - 10}" r="4" fill="${COLOURS[type]}"/><text x="${MARGIN.left + i * 70 + 8}" y="${height - 6}" font-size="11">${type}</text>`)
    .join('');
  const partitionLegend = spans.length > 0 ? `<rect x="${MARGIN.left + 220}" y="${height - 15}" width="12" height="10" fill="#e9dca0"/><text x="${MARGIN.left + 236}" y="${height - 6}" font-size="11">partition</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels,
    legend,
    partitionLegend,
    '</svg>',
  ].join('\n');
};
