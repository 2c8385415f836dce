/**
 * The message diagram (a Lamport diagram, as Maelstrom's messages.svg): a
 * lifeline per client, node and service, time going down, every message an
 * arrow from its departure to its arrival, coloured by kind (request,
 * reply, peer, service, error); a lost message is dashed and ends in a
 * cross. It shows the messages around the current moment and follows the
 * scrubber: `count` departures around it (and the messages still in flight
 * at the first), found by binary search in the run's arrows
 * (src/checker/plots/arrows.ts), so a run of hundreds of thousands of
 * messages draws as fast as a small one. Rows are events in time order
 * (rows.ts); the current moment is a blue line, later messages faded.
 * Hover an arrow for its body; click it to move to its arrival.
 */
import { ARROW_COLOURS, LOST_COLOUR, arrowsAround, describeArrow, laneOrder, rowsOf, type Arrow, type MessageArrows } from '../../../src/checker/plots/index.js';
import { sized } from './canvas.js';
import { fill, h } from './dom.js';
import type { Actions, Frame } from './frame.js';

const ROW_PX = 9;
/** Above the first row, for a message that left before it (drawn from the top edge). */
const HEADER_PX = 8;
const LANES_PX = 20;
const GUTTER_PX = 70;
const COUNTS = [30, 60, 120, 240, 480] as const;
const HIT_PX = 5;

/** A legend entry: a short line in the arrow's colour (set through CSSOM: the page's CSP refuses style attributes). */
const swatch = (label: string, colour: string): HTMLElement => {
  const element = h('span', { class: label === 'lost' ? 'arrow-swatch dashed' : 'arrow-swatch' }, label);
  element.style.setProperty('--swatch', colour);
  return element;
};

const token = (a: Arrow): string => `${a.from}>${a.to}#${String(a.message.body.msg_id ?? '')}@${a.received_ms === null ? 'lost' : a.received_ms.toFixed(3)}`;

export class MessagesPanel {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { class: 'messages-canvas', attrs: { id: 'message-diagram', 'aria-label': 'messages around the current moment' } });
  /** The lifelines' names, outside the scrolled part so they always show. */
  private readonly lanesCanvas = h('canvas', { class: 'messages-lanes', attrs: { 'aria-label': 'lifelines' } });
  private readonly scroll = h('div', { class: 'messages-scroll' }, this.canvas);
  private readonly info = h('div', { class: 'message-info mono', attrs: { id: 'message-info' } });
  private readonly countLabel = h('span', { class: 'muted' });
  private frame: Frame | undefined;
  private count = 120;
  /** The arrows drawn, and their segments as x1 y1 x2 y2 (CSS px), for hovering. */
  private drawn: readonly Arrow[] = [];
  private segments = new Float32Array(0);
  private hovered = -1;

  constructor(private readonly actions: Actions) {
    const zoom = (delta: number) => () => {
      const i = COUNTS.indexOf(this.count as (typeof COUNTS)[number]);
      this.count = COUNTS[Math.max(0, Math.min(COUNTS.length - 1, i + delta))]!;
      this.draw(true);
    };
    this.element = h(
      'section',
      { class: 'panel messages', attrs: { id: 'messages' } },
      h(
        'header',
        null,
        h('h2', null, 'Messages'),
        h(
          'span',
          { class: 'legend' },
          ...Object.entries(ARROW_COLOURS).map(([kind, colour]) => swatch(kind, colour)),
          swatch('lost', LOST_COLOUR),
        ),
        h('span', { class: 'spacer' }),
        this.countLabel,
        h('button', { title: 'fewer messages', attrs: { id: 'messages-fewer' }, on: { click: zoom(-1) } }, '−'),
        h('button', { title: 'more messages', attrs: { id: 'messages-more' }, on: { click: zoom(1) } }, '+'),
      ),
      this.lanesCanvas,
      this.scroll,
      this.info,
    );
    this.canvas.addEventListener('mousemove', (event) => this.hover(event.offsetX, event.offsetY));
    this.canvas.addEventListener('click', (event) => {
      const i = this.hit(event.offsetX, event.offsetY);
      const arrow = this.drawn[i];
      if (arrow !== undefined) this.actions.goToTime(arrow.received_ms ?? arrow.sent_ms);
    });
    new ResizeObserver(() => this.draw(false)).observe(this.scroll);
  }

  update(frame: Frame): void {
    const newRun = this.frame?.loaded !== frame.loaded;
    this.frame = frame;
    this.element.hidden = frame.loaded.arrows === undefined || frame.loaded.arrows.size === 0;
    this.hovered = -1;
    if (newRun) fill(this.info, 'Hover an arrow to see its message; click it to move to its arrival.');
    this.draw(true);
  }

  private draw(follow: boolean): void {
    const frame = this.frame;
    const arrows = frame?.loaded.arrows;
    if (frame === undefined || arrows === undefined || this.element.hidden) return;
    const started = performance.now();
    const now = frame.time_ms;
    const at = arrows.sentBefore(now, true);
    const around = arrowsAround(arrows.all, (a, b) => arrows.inWindow(a, b), at, this.count / 2, this.count / 2);
    const shown = around.arrows.slice(0, this.count * 2);
    const { sendRow, recvRow, rowTime } = rowsOf(shown, around.from_ms);
    const nodes = frame.loaded.replay?.nodeIds ?? [];
    const lanes = laneOrder([...nodes, ...shown.flatMap((a) => [a.from, a.to])]);
    const width = this.scroll.clientWidth;
    const height = HEADER_PX + (rowTime.length + 2) * ROW_PX;
    const ratio = window.devicePixelRatio || 1;
    this.lanesCanvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const ctx = sized(this.canvas, width, height, ratio);
    const names = sized(this.lanesCanvas, width, LANES_PX, ratio);
    if (ctx === null || names === null || width === 0) return;
    const laneW = (width - GUTTER_PX) / Math.max(1, lanes.length);
    const laneX = new Map(lanes.map((id, i) => [id, GUTTER_PX + laneW * (i + 0.5)]));
    names.font = '11px system-ui, sans-serif';
    names.textAlign = 'center';
    for (const [id, x] of laneX) {
      names.font = /^n\d+$/.test(id) ? 'bold 11px system-ui, sans-serif' : '11px system-ui, sans-serif';
      names.fillStyle = /^n\d+$/.test(id) ? '#222' : '#555';
      names.fillText(id, x, 14);
    }
    const y = (row: number): number => HEADER_PX + (row + 1) * ROW_PX;
    // The current moment: below the last event at or before it.
    let nowRow = 0;
    while (nowRow < rowTime.length && rowTime[nowRow]! <= now) nowRow++;
    const nowY = y(nowRow) - ROW_PX / 2;

    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillStyle = '#333';
    ctx.strokeStyle = '#d8dde3';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const x of laneX.values()) {
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
    }
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillStyle = '#777';
    ctx.font = '9px system-ui, sans-serif';
    for (let row = 0, last = -Infinity; row < rowTime.length; row++) {
      if (row - last < 6) continue;
      last = row;
      ctx.fillText(`${rowTime[row]!.toFixed(1)} ms`, GUTTER_PX - 6, y(row) + 3);
    }
    ctx.fillStyle = 'rgb(40 110 220 / 0.12)';
    ctx.fillRect(0, nowY - 1, width, 2);
    ctx.strokeStyle = '#2b6fdc';
    ctx.beginPath();
    ctx.moveTo(0, nowY);
    ctx.lineTo(width, nowY);
    ctx.stroke();

    const segments = new Float32Array(shown.length * 4);
    shown.forEach((a, i) => {
      const x1 = laneX.get(a.from)!;
      const x2 = laneX.get(a.to)!;
      const y1 = sendRow[i]! < 0 ? HEADER_PX : y(sendRow[i]!);
      const lost = recvRow[i]! < 0;
      const xe = lost ? x1 + (x2 - x1) * 0.6 : x2;
      const ye = lost ? y1 + ROW_PX * 1.5 : y(recvRow[i]!);
      segments.set([x1, y1, xe, ye], i * 4);
      ctx.globalAlpha = a.sent_ms > now ? 0.3 : 1;
      ctx.strokeStyle = lost ? LOST_COLOUR : ARROW_COLOURS[a.kind];
      ctx.fillStyle = ctx.strokeStyle;
      ctx.lineWidth = i === this.hovered ? 3 : 1.2;
      ctx.setLineDash(lost ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(xe, ye);
      ctx.stroke();
      ctx.setLineDash([]);
      if (lost) {
        ctx.beginPath();
        ctx.moveTo(xe - 4, ye - 4);
        ctx.lineTo(xe + 4, ye + 4);
        ctx.moveTo(xe + 4, ye - 4);
        ctx.lineTo(xe - 4, ye + 4);
        ctx.stroke();
      } else {
        const angle = Math.atan2(ye - y1, xe - x1);
        ctx.beginPath();
        ctx.moveTo(xe, ye);
        ctx.lineTo(xe - 8 * Math.cos(angle - 0.4), ye - 8 * Math.sin(angle - 0.4));
        ctx.lineTo(xe - 8 * Math.cos(angle + 0.4), ye - 8 * Math.sin(angle + 0.4));
        ctx.fill();
      }
    });
    ctx.globalAlpha = 1;
    this.drawn = shown;
    this.segments = segments;
    if (follow) this.scroll.scrollTop = Math.max(0, nowY - this.scroll.clientHeight / 2);
    fill(this.countLabel, `${shown.length} of ${arrows.size} messages, ${(around.from_ms / 1000).toFixed(3)}–${(around.to_ms / 1000).toFixed(3)} s`);
    // For tests and the curious: what was drawn, and how long it took.
    this.canvas.dataset['fromMs'] = String(around.from_ms);
    this.canvas.dataset['toMs'] = String(around.to_ms);
    this.canvas.dataset['arrows'] = shown.map(token).join(' ');
    this.canvas.dataset['segments'] = Array.from(segments, (v) => v.toFixed(0)).join(' ');
    this.element.dataset['redrawMs'] = (performance.now() - started).toFixed(3);
  }

  /** The drawn arrow nearest (x, y), within HIT_PX; -1 if none. */
  private hit(x: number, y: number): number {
    let best = -1;
    let bestDistance = HIT_PX;
    const s = this.segments;
    for (let i = 0; i < this.drawn.length; i++) {
      const [x1, y1, x2, y2] = [s[i * 4]!, s[i * 4 + 1]!, s[i * 4 + 2]!, s[i * 4 + 3]!];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
      const distance = Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }

  private hover(x: number, y: number): void {
    const i = this.hit(x, y);
    if (i === this.hovered) return;
    this.hovered = i;
    const arrow = this.drawn[i];
    if (arrow !== undefined) fill(this.info, swatch(arrow.received_ms === null ? 'lost' : arrow.kind, arrow.received_ms === null ? LOST_COLOUR : ARROW_COLOURS[arrow.kind]), ' ', describeArrow(arrow, 400));
    this.draw(false);
  }
}
