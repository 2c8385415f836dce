/**
 * lag.svg (Jepsen's realtime-lag plot): for every successful poll and
 * every key its process held, how stale the poll was on that key, with the
 * checker's definition (realtime-lag.ts): a process whose highest offset of
 * key k is o, polling at time t, lags by t - (when offset o+1 was first
 * known to exist), or 0. realtime-lag.ts finds each key's worst lag
 * without visiting every (poll, key); a plot needs every point, so this
 * walks them all (polls x keys held: about ten keys a process).
 */
import type { Op, Process } from '../../maelstrom/history/op.js';
import { existedAt, type Existence } from '../realtime-lag.js';
import { factsOf } from './mops.js';
import { dots, escapeXml, legend, MARGIN, niceStep, PANEL_HEIGHT, panelAt, panelFrame, svgDocument, thin } from './svg.js';
import { endOf, partitionSpans } from './timeline.js';

export interface LagPoint {
  readonly time_s: number;
  readonly key: string;
  readonly lag_s: number;
}

/** Per key, the offsets' first-known times as breakpoints: offsets ascending, and every offset up to offsets[j] known at times[j]. */
const existenceOf = (history: readonly Op[]): Map<string, Existence> => {
  const existence = new Map<string, Existence>();
  for (const op of history) {
    if (op.type !== 'ok' && op.type !== 'info') continue;
    const most = new Map<string, number>();
    for (const f of factsOf(op)) if (f.offset !== null) most.set(f.key, Math.max(most.get(f.key) ?? -1, f.offset));
    for (const [key, offset] of most) {
      let e = existence.get(key);
      if (e === undefined) existence.set(key, (e = { offsets: [], times: [] }));
      if (e.offsets.length === 0 || offset > e.offsets[e.offsets.length - 1]!) {
        e.offsets.push(offset);
        e.times.push(op.time);
      }
    }
  }
  return existence;
};

export const lagSeries = (history: readonly Op[]): LagPoint[] => {
  const existence = existenceOf(history);
  const held = new Map<Process, Map<string, number>>();
  const invoked = new Map<Process, number>();
  const points: LagPoint[] = [];
  for (const op of history) {
    if (op.process === 'nemesis') continue;
    if (op.type === 'invoke') {
      invoked.set(op.process, op.time);
      continue;
    }
    if (op.f === 'crash') {
      held.delete(op.process);
      continue;
    }
    if (op.type !== 'ok') continue;
    const cursors = held.get(op.process) ?? new Map<string, number>();
    held.set(op.process, cursors);
    if (op.f === 'assign' || op.f === 'subscribe') {
      const named = op.f === 'assign' && Array.isArray(op.value) ? new Set((op.value as unknown[]).map(String)) : new Set<string>();
      for (const key of [...cursors.keys()]) if (!named.has(key)) cursors.delete(key);
      for (const key of named) if (!cursors.has(key)) cursors.set(key, -1);
      continue;
    }
    const reads = factsOf(op).filter((f) => f.mop === 'poll' || op.f === 'txn');
    if (op.f !== 'poll' && op.f !== 'txn') continue;
    for (const f of reads) if (f.offset !== null && f.offset > (cursors.get(f.key) ?? -1)) cursors.set(f.key, f.offset);
    const start = invoked.get(op.process) ?? op.time;
    for (const [key, offset] of cursors) {
      points.push({ time_s: start / 1e9, key, lag_s: Math.max(0, start - existedAt(existence.get(key), offset + 1)) / 1e9 });
    }
  }
  return points;
};

const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4', '#b2182b', '#4d4d4d'];
const MAX_DOTS = 6000;

export const lagSvg = (history: readonly Op[]): string => {
  const all = lagSeries(history);
  const end_s = endOf(history);
  const spans = partitionSpans(history, end_s);
  // The highest point of each key in each 3-pixel column: what the eye reads off a lag plot.
  const keyIndex = new Map<string, number>();
  for (const point of all) if (!keyIndex.has(point.key)) keyIndex.set(point.key, keyIndex.size);
  const columns = new Map<number, LagPoint>();
  for (const point of all) {
    const id = Math.floor((point.time_s / end_s) * 280) * keyIndex.size + keyIndex.get(point.key)!;
    const kept = columns.get(id);
    if (kept === undefined || point.lag_s > kept.lag_s) columns.set(id, point);
  }
  const points = thin([...columns.values()], MAX_DOTS);
  const most = points.reduce((m, q) => Math.max(m, q.lag_s), 0.01);
  const step = niceStep(most, 5);
  const scale = { lo: 0, hi: Math.ceil(most / step) * step, log: false };
  const p = panelAt(0, 0, end_s, scale, PANEL_HEIGHT + 120);
  const keys = [...keyIndex.keys()];
  const colourOf = new Map(keys.map((key, i) => [key, PALETTE[i % PALETTE.length]!]));
  const byColour = new Map<string, (readonly [number, number])[]>();
  for (const q of points) {
    const colour = colourOf.get(q.key)!;
    let list = byColour.get(colour);
    if (list === undefined) byColour.set(colour, (list = []));
    list.push([p.x(q.time_s), p.y(q.lag_s)]);
  }
  let worst: LagPoint | undefined;
  for (const q of all) if (worst === undefined || q.lag_s > worst.lag_s) worst = q;
  const title = `realtime lag per key, ok polls (${keys.length} keys; worst ${worst === undefined ? 0 : worst.lag_s.toFixed(3)} s${worst === undefined || worst.lag_s === 0 ? '' : ` on key ${worst.key} at ${worst.time_s.toFixed(1)} s`})`;
  const height = PANEL_HEIGHT + 120 + 24;
  const note = `<text x="${MARGIN.left}" y="${height - 8}" font-size="11">${escapeXml(`one colour per key (colours repeat every ${PALETTE.length} keys); each key's highest point per 3 px`)}</text>`;
  return svgDocument(height, [
    panelFrame(p, title, 'lag (s)', scale, 0, end_s, spans),
    ...[...byColour].map(([colour, list]) => dots(list, colour, 3, 0.8)),
    spans.length > 0 ? legend([{ label: 'partition', colour: '#e9dca0', shape: 'band' }], height - 24) : '',
    note,
  ]);
};
