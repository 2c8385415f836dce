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
import { forEachFact } from './mops.js';
import { dots, escapeXml, legend, MARGIN, niceStep, PANEL_HEIGHT, panelAt, panelFrame, svgDocument, thin } from './svg.js';
import type { Timeline } from './timeline.js';

export interface LagPoint {
  readonly time_s: number;
  readonly key: string;
  readonly lag_s: number;
}

/**
 * Per key, the offsets' first-known times as breakpoints (offsets ascending,
 * and every offset up to offsets[j] known at times[j]), gathered one op at a
 * time: the first of the plot's two passes over the history.
 */
export class Existences {
  private readonly byKey = new Map<string, Existence>();

  add(op: Op): void {
    if (op.type !== 'ok' && op.type !== 'info') return;
    const most = new Map<string, number>();
    forEachFact(op, (_, key, offset) => {
      if (offset !== null) most.set(key, Math.max(most.get(key) ?? -1, offset));
    });
    for (const [key, offset] of most) {
      let e = this.byKey.get(key);
      if (e === undefined) this.byKey.set(key, (e = { offsets: [], times: [] }));
      if (e.offsets.length === 0 || offset > e.offsets[e.offsets.length - 1]!) {
        e.offsets.push(offset);
        e.times.push(op.time);
      }
    }
  }

  get(key: string): Existence | undefined {
    return this.byKey.get(key);
  }
}

/**
 * The lag points, one op at a time, once every op's existence is known: the
 * second pass. Each process's held offsets follow its assigns, polls and
 * crashes; each ok poll measures every key held.
 */
export class LagWalk {
  private readonly held = new Map<Process, Map<string, number>>();
  private readonly invoked = new Map<Process, number>();

  constructor(private readonly existence: Existences) {}

  /** Calls `visit` with each point `op` makes, in order. */
  add(op: Op, visit: (point: LagPoint) => void): void {
    if (op.process === 'nemesis') return;
    if (op.type === 'invoke') {
      this.invoked.set(op.process, op.time);
      return;
    }
    if (op.f === 'crash') {
      this.held.delete(op.process);
      return;
    }
    if (op.type !== 'ok') return;
    const cursors = this.held.get(op.process) ?? new Map<string, number>();
    this.held.set(op.process, cursors);
    if (op.f === 'assign' || op.f === 'subscribe') {
      const named = op.f === 'assign' && Array.isArray(op.value) ? new Set((op.value as unknown[]).map(String)) : new Set<string>();
      for (const key of [...cursors.keys()]) if (!named.has(key)) cursors.delete(key);
      for (const key of named) if (!cursors.has(key)) cursors.set(key, -1);
      return;
    }
    if (op.f !== 'poll' && op.f !== 'txn') return;
    forEachFact(op, (mop, key, offset) => {
      if ((mop === 'poll' || op.f === 'txn') && offset !== null && offset > (cursors.get(key) ?? -1)) cursors.set(key, offset);
    });
    const start = this.invoked.get(op.process) ?? op.time;
    for (const [key, offset] of cursors) {
      visit({ time_s: start / 1e9, key, lag_s: Math.max(0, start - existedAt(this.existence.get(key), offset + 1)) / 1e9 });
    }
  }
}

export const lagSeries = (history: readonly Op[]): LagPoint[] => {
  const existence = new Existences();
  for (const op of history) existence.add(op);
  const walk = new LagWalk(existence);
  const points: LagPoint[] = [];
  for (const op of history) walk.add(op, (point) => points.push(point));
  return points;
};

/** Width of the plot in columns: 3 pixels each. */
const COLUMNS = 280;
/** Above any key's position in a column's id (col * KEY_SPACE + key stays an exact integer). */
const KEY_SPACE = 2 ** 32;

/**
 * What lag.svg draws of the points, gathered one at a time: each key's
 * highest point in each column (what the eye reads off a lag plot), the
 * keys in the order first met, and the worst point of all.
 */
export class LagColumns {
  readonly keyIndex = new Map<string, number>();
  /** By column and key; in the order each was first met. */
  readonly highest = new Map<number, LagPoint>();
  worst: LagPoint | undefined;

  constructor(private readonly end_s: number) {}

  add(point: LagPoint): void {
    let key = this.keyIndex.get(point.key);
    if (key === undefined) this.keyIndex.set(point.key, (key = this.keyIndex.size));
    const id = Math.floor((point.time_s / this.end_s) * COLUMNS) * KEY_SPACE + key;
    const kept = this.highest.get(id);
    if (kept === undefined || point.lag_s > kept.lag_s) this.highest.set(id, point);
    if (this.worst === undefined || point.lag_s > this.worst.lag_s) this.worst = point;
  }
}

const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4', '#b2182b', '#4d4d4d'];
const MAX_DOTS = 6000;

export const lagSvg = (columns: LagColumns, timeline: Timeline): string => {
  const end_s = timeline.end_s;
  const spans = timeline.partitions();
  const points = thin([...columns.highest.values()], MAX_DOTS);
  const most = points.reduce((m, q) => Math.max(m, q.lag_s), 0.01);
  const step = niceStep(most, 5);
  const scale = { lo: 0, hi: Math.ceil(most / step) * step, log: false };
  const p = panelAt(0, 0, end_s, scale, PANEL_HEIGHT + 120);
  const keys = [...columns.keyIndex.keys()];
  const colourOf = new Map(keys.map((key, i) => [key, PALETTE[i % PALETTE.length]!]));
  const byColour = new Map<string, (readonly [number, number])[]>();
  for (const q of points) {
    const colour = colourOf.get(q.key)!;
    let list = byColour.get(colour);
    if (list === undefined) byColour.set(colour, (list = []));
    list.push([p.x(q.time_s), p.y(q.lag_s)]);
  }
  const { worst } = columns;
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
