/**
 * The few pieces every plot of the store is made of, as plain SVG text:
 * a panel with time across (seconds) and a value up, its axes and units,
 * the nemesis's partitions as bands, dots and lines, a legend. Small pure
 * functions returning strings; no DOM, no library (what they draw is a few
 * thousand marks, and plain SVG opens in any browser).
 */
import type { OpOutcome } from '../../maelstrom/workload/summary.js';

export const WIDTH = 900;
export const MARGIN = { left: 70, right: 20, top: 30, bottom: 40 } as const;
export const PANEL_HEIGHT = 230;

/** Jepsen's outcome colours: ok blue, info orange, fail red. */
export const OUTCOME_COLOURS: Readonly<Record<OpOutcome, string>> = { ok: '#3a6fd8', info: '#f0a030', fail: '#d83a3a' };
export const OUTCOMES = ['ok', 'info', 'fail'] as const;
export const PARTITION_FILL = '#e9dca0';

export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A number short enough for an attribute: one decimal. */
export const px = (x: number): string => (Math.round(x * 10) / 10).toString();

/** 1, 2 or 5 times a power of ten: a step that gives about `count` ticks over `span`. */
export const niceStep = (span: number, count: number): number => {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const mantissa = raw / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
};

const tickLabel = (value: number, step: number): string => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return value.toFixed(Math.min(decimals, 6));
};

/** A panel: a plotting area at a vertical offset, with its scales. */
export interface Panel {
  readonly top: number;
  readonly plotW: number;
  readonly plotH: number;
  /** Seconds to x. */
  readonly x: (s: number) => number;
  /** The value to y. */
  readonly y: (v: number) => number;
}

export interface Scale {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
}

export const panelAt = (top: number, start_s: number, end_s: number, scale: Scale, height = PANEL_HEIGHT): Panel => {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const span_s = Math.max(end_s - start_s, 1e-9);
  const f = scale.log ? Math.log10 : (v: number): number => v;
  const lo = f(scale.lo);
  const hi = f(scale.hi);
  return {
    top,
    plotW,
    plotH,
    x: (s) => MARGIN.left + ((s - start_s) / span_s) * plotW,
    y: (v) => top + MARGIN.top + plotH - ((f(Math.min(Math.max(v, scale.lo), scale.hi)) - lo) / Math.max(hi - lo, 1e-12)) * plotH,
  };
};

/** Title, partition bands, grid, axes with ticks and units, frame. */
export const panelFrame = (p: Panel, title: string, yUnit: string, scale: Scale, start_s: number, end_s: number, partitions: readonly (readonly [number, number])[]): string => {
  const parts: string[] = [];
  const top = p.top + MARGIN.top;
  const right = MARGIN.left + p.plotW;
  parts.push(`<text x="${MARGIN.left}" y="${p.top + 19}" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
  for (const [a, b] of partitions) {
    const x0 = Math.max(MARGIN.left, p.x(a));
    const x1 = Math.min(right, p.x(b));
    if (x1 > x0) parts.push(`<rect x="${px(x0)}" y="${top}" width="${px(Math.max(1, x1 - x0))}" height="${p.plotH}" fill="${PARTITION_FILL}" opacity="0.7"/>`);
  }
  const yTicks: number[] = [];
  if (scale.log) for (let d = scale.lo; d <= scale.hi * 1.0001; d *= 10) yTicks.push(d);
  else {
    const step = niceStep(scale.hi - scale.lo, 5);
    for (let v = Math.ceil(scale.lo / step) * step; v <= scale.hi + step * 1e-9; v += step) yTicks.push(v);
  }
  const yStep = scale.log ? 1 : niceStep(scale.hi - scale.lo, 5);
  for (const v of yTicks) {
    const yy = px(p.y(v));
    parts.push(`<line x1="${MARGIN.left}" x2="${right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    const label = scale.log ? (v >= 1 ? String(v) : v.toPrecision(1)) : tickLabel(v, yStep);
    parts.push(`<text x="${MARGIN.left - 6}" y="${yy}" font-size="10" text-anchor="end" dominant-baseline="middle">${label}</text>`);
  }
  const xStep = niceStep(end_s - start_s, 10);
  for (let s = Math.ceil(start_s / xStep) * xStep; s <= end_s + xStep * 1e-9; s += xStep) {
    const xx = px(p.x(s));
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${top + p.plotH}" y2="${top + p.plotH + 4}" stroke="#888"/>`);
    parts.push(`<text x="${xx}" y="${top + p.plotH + 16}" font-size="10" text-anchor="middle">${tickLabel(s, xStep)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + p.plotW / 2}" y="${top + p.plotH + 32}" font-size="11" text-anchor="middle">time (s)</text>`);
  const mid = top + p.plotH / 2;
  parts.push(`<text x="14" y="${mid}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${mid})">${escapeXml(yUnit)}</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${top}" width="${p.plotW}" height="${p.plotH}" fill="none" stroke="#888"/>`);
  return parts.join('\n');
};

/** Dots as one path of zero-length round-capped strokes: about a dozen bytes a dot. */
export const dots = (points: readonly (readonly [number, number])[], colour: string, size = 3.2, opacity = 0.75): string => {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `M${px(x)} ${px(y)}h0`).join('');
  return `<path d="${d}" stroke="${colour}" stroke-width="${size}" stroke-linecap="round" opacity="${opacity}" fill="none"/>`;
};

export const polyline = (points: readonly (readonly [number, number])[], colour: string, width = 1.5, dash?: string): string =>
  points.length === 0
    ? ''
    : `<polyline points="${points.map(([x, y]) => `${px(x)},${px(y)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${width}"${dash === undefined ? '' : ` stroke-dasharray="${dash}"`}/>`;

export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly shape: 'dot' | 'line' | 'band';
}

export const legend = (items: readonly LegendItem[], y: number): string => {
  let x = MARGIN.left;
  const parts: string[] = [];
  for (const item of items) {
    if (item.shape === 'dot') parts.push(`<circle cx="${x + 5}" cy="${y - 4}" r="4" fill="${item.colour}"/>`);
    else if (item.shape === 'line') parts.push(`<line x1="${x}" x2="${x + 14}" y1="${y - 4}" y2="${y - 4}" stroke="${item.colour}" stroke-width="2"/>`);
    else parts.push(`<rect x="${x}" y="${y - 10}" width="14" height="11" fill="${item.colour}"/>`);
    parts.push(`<text x="${x + 18}" y="${y}" font-size="11">${escapeXml(item.label)}</text>`);
    x += 26 + item.label.length * 6.5;
  }
  return parts.join('');
};

export const outcomeLegend = (partitions: boolean, shape: 'dot' | 'line'): LegendItem[] => [
  ...OUTCOMES.map((type) => ({ label: type, colour: OUTCOME_COLOURS[type], shape })),
  ...(partitions ? [{ label: 'partition', colour: PARTITION_FILL, shape: 'band' as const }] : []),
];

export const svgDocument = (height: number, body: readonly string[], width = WIDTH): string =>
  [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    '</svg>',
  ].join('\n');

/** At most `limit` items, taken evenly. */
export const thin = <T>(items: readonly T[], limit: number): readonly T[] => {
  if (items.length <= limit) return items;
  const stride = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * stride)] as T);
};
