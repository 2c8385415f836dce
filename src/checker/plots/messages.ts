/**
 * messages.svg: a Lamport diagram of bounded windows of a run, as
 * Maelstrom's messages.svg draws the whole of one: a lifeline per client,
 * node and service, time going down, every message an arrow from its
 * departure to its arrival, coloured by kind (request, reply, peer,
 * service, error); a lost message is dashed and ends in a cross. Hovering
 * an arrow shows its body (an SVG <title>). Rows are events in time order
 * (rows.ts), with the time written beside them.
 *
 * A whole run at rate 1000 holds hundreds of thousands of messages, far
 * too many for one picture, so the store draws the first moments and the
 * moments before the first anomaly, at most MAX_ARROWS arrows each.
 */
import type { Arrow, ArrowKind, MessageArrows } from './arrows.js';
import { arrowsAround, rowsOf } from './rows.js';
import { escapeXml, legend, px, svgDocument } from './svg.js';

export const MAX_ARROWS = 400;
export const ARROW_COLOURS: Readonly<Record<ArrowKind, string>> = {
  request: '#3a6fd8',
  reply: '#2e9e5b',
  peer: '#8a5cc2',
  service: '#b08a2e',
  error: '#d83a3a',
};
export const LOST_COLOUR = '#555';
const LANE_W = 80;
const HEADER = 44;
const LEFT = 92;
const ROW_H = 9;
const TITLE_CHARS = 240;

/** A window of the diagram: the arrows around departure number `at`. */
export interface MessageWindow {
  readonly title: string;
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** Clients, then nodes, then services, each in natural order (c2 before c10). */
export const laneOrder = (ids: Iterable<string>): string[] => {
  const rank = (id: string): number => (/^c\d+$/.test(id) ? 0 : /^n\d+$/.test(id) ? 1 : 2);
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
};

export const describeArrow = (a: Arrow, limit = TITLE_CHARS): string => {
  const body = JSON.stringify(a.message.body);
  const when = a.received_ms === null ? `left ${a.sent_ms.toFixed(1)} ms, lost` : `${a.sent_ms.toFixed(1)} → ${a.received_ms.toFixed(1)} ms`;
  return `${a.from} → ${a.to} ${body.length > limit ? `${body.slice(0, limit)}…` : body} (${when})`;
};

/** The first MAX_ARROWS messages of the run. */
export const firstWindow = (): MessageWindow => ({ title: 'the first messages', at: 0, before: 0, after: MAX_ARROWS });

/** The messages that left before `moment_ms` (most of the window) and just after. */
export const windowBefore = (arrows: MessageArrows, moment_ms: number, title: string): MessageWindow => ({
  title,
  at: arrows.sentBefore(moment_ms, true),
  before: Math.round(MAX_ARROWS * 0.85),
  after: Math.round(MAX_ARROWS * 0.15),
});

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const millis = (ms: number): string => `${ms.toFixed(1)} ms`;

const section = (arrows: MessageArrows, part: MessageWindow, top: number, width: number, lanes: readonly string[]): { svg: string; height: number } => {
  const around = arrowsAround(arrows.all, (a, b) => arrows.inWindow(a, b), part.at, part.before, part.after);
  const shown = around.arrows.slice(0, MAX_ARROWS + part.before);
  const { sendRow, recvRow, rowTime } = rowsOf(shown, around.from_ms);
  const bodyH = (rowTime.length + 2) * ROW_H;
  const laneX = new Map(lanes.map((id, i) => [id, LEFT + LANE_W / 2 + i * LANE_W]));
  const y = (row: number): number => top + HEADER + (row + 1) * ROW_H;
  const parts: string[] = [
    `<text x="8" y="${top + 16}" font-size="13" font-weight="bold">${escapeXml(`${part.title}: ${shown.length} messages, ${seconds(around.from_ms)} to ${seconds(around.to_ms)}`)}</text>`,
  ];
  for (const [id, x] of laneX) {
    parts.push(`<text x="${px(x)}" y="${top + HEADER - 8}" font-size="11" text-anchor="middle" font-weight="${/^n\d+$/.test(id) ? 'bold' : 'normal'}">${escapeXml(id)}</text>`);
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${top + HEADER}" y2="${px(top + HEADER + bodyH)}" stroke="#ccc"/>`);
  }
  parts.push(`<text x="${LEFT - 6}" y="${top + HEADER - 8}" font-size="10" text-anchor="end">time</text>`);
  // The time beside every 8th row, and beside the first row of a new millisecond when there is room.
  let lastLabelled = -Infinity;
  for (let row = 0; row < rowTime.length; row++) {
    if (row - lastLabelled < 8 && !(row - lastLabelled >= 3 && Math.round(rowTime[row]! * 10) !== Math.round(rowTime[row - 1]! * 10))) continue;
    lastLabelled = row;
    parts.push(`<text x="${LEFT - 6}" y="${px(y(row))}" font-size="9" text-anchor="end" dominant-baseline="middle" fill="#666">${millis(rowTime[row]!)}</text>`);
    parts.push(`<line x1="${LEFT}" x2="${width}" y1="${px(y(row))}" y2="${px(y(row))}" stroke="#f2f2f2"/>`);
  }
  shown.forEach((a, i) => {
    const x1 = laneX.get(a.from);
    const x2 = laneX.get(a.to);
    if (x1 === undefined || x2 === undefined) return;
    const y1 = sendRow[i]! < 0 ? top + HEADER : y(sendRow[i]!);
    const title = `<title>${escapeXml(describeArrow(a))}</title>`;
    if (recvRow[i]! < 0) {
      const xm = x1 + (x2 - x1) * 0.6;
      const ym = y1 + ROW_H * 1.5;
      parts.push(`<g stroke="${LOST_COLOUR}">${title}<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(xm)}" y2="${px(ym)}" stroke-dasharray="4 3"/><path d="M${px(xm - 4)} ${px(ym - 4)}l8 8m0 -8l-8 8" stroke-width="2"/></g>`);
      return;
    }
    parts.push(`<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y(recvRow[i]!))}" stroke="${ARROW_COLOURS[a.kind]}" marker-end="url(#head-${a.kind})">${title}</line>`);
  });
  return { svg: parts.join('\n'), height: HEADER + bodyH + 16 };
};

export const messagesSvg = (arrows: MessageArrows, windows: readonly MessageWindow[], note: string): string => {
  const ids: string[] = [];
  for (const w of windows) for (const a of arrowsAround(arrows.all, (x, y) => arrows.inWindow(x, y), w.at, w.before, w.after).arrows) ids.push(a.from, a.to);
  const lanes = laneOrder(ids);
  const width = Math.max(640, LEFT + lanes.length * LANE_W + 10);
  const defs = `<defs>${Object.entries(ARROW_COLOURS)
    .map(([kind, colour]) => `<marker id="head-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colour}"/></marker>`)
    .join('')}</defs>`;
  const parts: string[] = [defs];
  let top = 0;
  for (const part of windows) {
    const { svg, height } = section(arrows, part, top, width, lanes);
    parts.push(svg);
    top += height;
  }
  const legendItems = [
    ...Object.entries(ARROW_COLOURS).map(([kind, colour]) => ({ label: kind, colour, shape: 'line' as const })),
    { label: 'lost', colour: LOST_COLOUR, shape: 'line' as const },
  ];
  parts.push(legend(legendItems, top + 16));
  parts.push(`<text x="8" y="${top + 36}" font-size="11" fill="#555">${escapeXml(note)}</text>`);
  return svgDocument(top + 46, parts, width);
};
