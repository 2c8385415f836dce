/**
 * Client operations on a time axis: one lane per client thread, each op a
 * bar from invocation to completion coloured by outcome (ok, fail, info;
 * grey while pending), partitions shaded, the current moment a vertical
 * line, ops after it faded. Above it, the whole run in miniature, with the
 * anomalies as red ticks. Drawn on canvas (tens of thousands of ops); a
 * click anywhere moves to that moment, hovering names the op.
 */
import type { OpSpan, OpTimeline } from '../ops.js';
import { firstSpanFrom } from '../ops.js';
import { sized } from './canvas.js';
import { fill, h, ms, show } from './dom.js';
import type { Actions, Frame } from './frame.js';

const LANE_PX = 16;
const AXIS_PX = 18;
const LABEL_PX = 56;
const OVERVIEW_PX = 26;

const COLOURS: Readonly<Record<OpSpan['outcome'], string>> = { ok: '#2f8f46', fail: '#c8372d', info: '#e0a100', pending: '#8a98a8' };

/** A round step for axis ticks, about `target` ms. */
const niceStep = (target: number): number => {
  const power = 10 ** Math.floor(Math.log10(Math.max(target, 1e-3)));
  for (const m of [1, 2, 5, 10]) if (m * power >= target) return m * power;
  return 10 * power;
};

export class TimelinePanel {
  readonly element: HTMLElement;
  private readonly overview = h('canvas', { class: 'overview', attrs: { 'aria-label': 'the whole run' } });
  private readonly canvas = h('canvas', { class: 'ops-canvas', attrs: { 'aria-label': 'client operations around the current moment' } });
  private readonly info = h('div', { class: 'op-info mono' });
  private readonly windowLabel = h('span', { class: 'muted' });
  private frame: Frame | undefined;
  /** Width of the visible window, in ms. */
  private width_ms = 2000;
  private window: readonly [number, number] = [0, 1];

  constructor(private readonly actions: Actions) {
    const zoom = (factor: number) => () => {
      this.width_ms = Math.max(20, this.width_ms * factor);
      this.draw();
    };
    this.element = h(
      'section',
      { class: 'panel timeline', attrs: { id: 'timeline' } },
      h(
        'header',
        null,
        h('h2', null, 'Client operations'),
        h('span', { class: 'legend' }, ...(['ok', 'fail', 'info', 'pending'] as const).map((o) => h('span', { class: `swatch ${o}` }, o)), h('span', { class: 'swatch partition' }, 'partition')),
        h('span', { class: 'spacer' }),
        this.windowLabel,
        h('button', { title: 'zoom out', on: { click: zoom(2) } }, '−'),
        h('button', { title: 'zoom in', on: { click: zoom(0.5) } }, '+'),
        h('button', { title: 'the whole run', on: { click: () => this.fit() } }, 'all'),
      ),
      this.overview,
      h('div', { class: 'ops-scroll' }, this.canvas),
      this.info,
    );
    this.canvas.addEventListener('click', (event) => this.actions.goToTime(this.timeAtX(event.offsetX)));
    this.canvas.addEventListener('mousemove', (event) => this.describeAt(event.offsetX, event.offsetY));
    this.overview.addEventListener('click', (event) => {
      const timeline = this.frame?.loaded.timeline;
      if (timeline === undefined) return;
      const [start, end] = this.runSpan(timeline);
      this.actions.goToTime(start + (event.offsetX / this.overview.clientWidth) * (end - start));
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  update(frame: Frame): void {
    const newRun = this.frame?.loaded !== frame.loaded;
    this.frame = frame;
    if (newRun) {
      const [start, end] = this.runSpan(frame.loaded.timeline);
      this.width_ms = Math.min(2000, Math.max(20, end - start));
      fill(this.info, 'Hover an op to see it; click to move there.');
    }
    if (frame.highlight !== undefined) {
      const spans = frame.highlight.anomaly.ops.map((op) => frame.loaded.timeline.spanOf.get(op.index)).filter((s): s is OpSpan => s !== undefined);
      if (spans.length > 0) this.describe(spans[spans.length - 1]!);
    }
    this.draw();
  }

  private fit(): void {
    const timeline = this.frame?.loaded.timeline;
    if (timeline === undefined) return;
    const [start, end] = this.runSpan(timeline);
    this.width_ms = Math.max(20, end - start);
    this.draw();
  }

  private runSpan(timeline: OpTimeline): readonly [number, number] {
    const end = Math.max(timeline.end_ms, this.frame?.loaded.stepper.timeAt(this.frame.loaded.stepper.length) ?? 0);
    return [0, Math.max(end, 1)];
  }

  private timeAtX(x: number): number {
    const [t0, t1] = this.window;
    return t0 + ((x - LABEL_PX) / Math.max(1, this.canvas.clientWidth - LABEL_PX)) * (t1 - t0);
  }

  private spansIn(timeline: OpTimeline, t0: number, t1: number, visit: (span: OpSpan) => void): void {
    for (let i = firstSpanFrom(timeline, t0); i < timeline.spans.length; i++) {
      const span = timeline.spans[i]!;
      if (span.start_ms > t1) break;
      if (span.end_ms >= t0 && Number.isFinite(span.end_ms)) visit(span);
    }
    for (const span of timeline.pending) if (span.start_ms <= t1) visit(span);
  }

  private describeAt(x: number, y: number): void {
    const timeline = this.frame?.loaded.timeline;
    if (timeline === undefined) return;
    const lane = Math.floor((y - AXIS_PX) / LANE_PX);
    const time = this.timeAtX(x);
    const slop = (4 * (this.window[1] - this.window[0])) / Math.max(1, this.canvas.clientWidth);
    let found: OpSpan | undefined;
    this.spansIn(timeline, time - slop, time + slop, (span) => {
      if (span.lane === lane && span.start_ms - slop <= time && time <= span.end_ms + slop) found = span;
    });
    if (found !== undefined) this.describe(found);
  }

  private describe(span: OpSpan): void {
    const done = span.done;
    fill(
      this.info,
      h('span', { class: `swatch ${span.outcome}` }, span.outcome),
      ` process ${String(span.process)} ${span.f}, op ${span.invoke.index}${done === undefined ? '' : `→${done.index}`}, ${ms(span.start_ms)} → ${Number.isFinite(span.end_ms) ? ms(span.end_ms) : 'never completed'}: `,
      show(done?.value ?? span.invoke.value, 200),
      done?.error === undefined ? '' : ` error ${show(done.error, 80)}`,
    );
  }

  private draw(): void {
    const frame = this.frame;
    if (frame === undefined) return;
    const timeline = frame.loaded.timeline;
    const now = frame.time_ms;
    const [runStart, runEnd] = this.runSpan(timeline);
    const width = Math.min(this.width_ms, runEnd - runStart);
    let t0 = now - width / 2;
    t0 = Math.max(runStart, Math.min(t0, runEnd - width));
    const t1 = t0 + width;
    this.window = [t0, t1];
    fill(this.windowLabel, `${ms(t0)} – ${ms(t1)}`);
    this.drawOps(frame, timeline, t0, t1, now);
    this.drawOverview(frame, timeline, runStart, runEnd, t0, t1, now);
  }

  private drawOps(frame: Frame, timeline: OpTimeline, t0: number, t1: number, now: number): void {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = this.canvas.clientWidth || 800;
    const cssHeight = AXIS_PX + Math.max(1, timeline.lanes) * LANE_PX + 4;
    this.canvas.style.height = `${cssHeight}px`;
    const ctx = sized(this.canvas, cssWidth, cssHeight, ratio);
    if (ctx === null) return;
    const plot = cssWidth - LABEL_PX;
    const x = (t: number): number => LABEL_PX + ((t - t0) / (t1 - t0)) * plot;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';

    for (let lane = 0; lane < timeline.lanes; lane++) {
      const y = AXIS_PX + lane * LANE_PX;
      if (lane % 2 === 0) {
        ctx.fillStyle = '#f4f6f8';
        ctx.fillRect(LABEL_PX, y, plot, LANE_PX);
      }
      ctx.fillStyle = '#6b7785';
      ctx.fillText(timeline.laneLabels[lane] ?? '', 4, y + LANE_PX / 2, LABEL_PX - 8);
    }
    ctx.fillStyle = 'rgba(200, 55, 45, 0.10)';
    for (const fault of timeline.faults) if (fault.end_ms >= t0 && fault.start_ms <= t1) ctx.fillRect(x(fault.start_ms), AXIS_PX, x(fault.end_ms) - x(fault.start_ms), cssHeight - AXIS_PX);

    const step = niceStep((t1 - t0) / 8);
    ctx.fillStyle = '#6b7785';
    ctx.strokeStyle = '#dde2e8';
    ctx.lineWidth = 1;
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      const px = Math.round(x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, AXIS_PX - 4);
      ctx.lineTo(px, cssHeight);
      ctx.stroke();
      if (px + 44 < cssWidth) ctx.fillText(step >= 1000 ? `${(t / 1000).toFixed(0)} s` : `${(t / 1000).toFixed(step >= 100 ? 1 : step >= 10 ? 2 : 3)} s`, px + 3, AXIS_PX / 2);
    }

    const marked = frame.highlight?.opIndexes;
    const outlined: [number, number, number][] = [];
    this.spansIn(timeline, t0, t1, (span) => {
      const y = AXIS_PX + span.lane * LANE_PX + 2;
      const h = LANE_PX - 4;
      const left = x(span.start_ms);
      const right = Math.max(left + 2, x(Math.min(span.end_ms, t1 + (t1 - t0))));
      const colour = COLOURS[span.outcome];
      // Before the current moment in full colour, after it faded: the page shows what had happened by then.
      const split = Math.min(Math.max(x(now), left), right);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour;
      if (split > left) ctx.fillRect(left, y, split - left, h);
      ctx.globalAlpha = 0.28;
      if (right > split) ctx.fillRect(split, y, right - split, h);
      ctx.globalAlpha = 1;
      if (right - left > 34) {
        ctx.fillStyle = split >= right ? '#fff' : '#26323f';
        ctx.fillText(span.f, left + 3, y + h / 2, right - left - 6);
      }
      if (marked !== undefined && (marked.has(span.invoke.index) || (span.done !== undefined && marked.has(span.done.index)))) outlined.push([left, right, y]);
    });
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    for (const [left, right, y] of outlined) ctx.strokeRect(left - 1, y - 1, right - left + 2, LANE_PX - 2);

    const cursor = Math.round(x(now)) + 0.5;
    ctx.strokeStyle = '#1f5fbf';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cursor, 0);
    ctx.lineTo(cursor, cssHeight);
    ctx.stroke();
  }

  private activityCache: { timeline: OpTimeline; width: number; columns: Uint32Array } | undefined;

  private activity(timeline: OpTimeline, width: number, x: (t: number) => number): Uint32Array {
    const cached = this.activityCache;
    if (cached !== undefined && cached.timeline === timeline && cached.width === width) return cached.columns;
    const columns = new Uint32Array(width);
    for (const span of timeline.spans) columns[Math.min(width - 1, Math.max(0, Math.floor(x(span.start_ms))))]!++;
    this.activityCache = { timeline, width, columns };
    return columns;
  }

  private drawOverview(frame: Frame, timeline: OpTimeline, start: number, end: number, t0: number, t1: number, now: number): void {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = this.overview.clientWidth || 800;
    const ctx = sized(this.overview, cssWidth, OVERVIEW_PX, ratio);
    if (ctx === null) return;
    const x = (t: number): number => ((t - start) / (end - start)) * cssWidth;
    ctx.fillStyle = '#eef1f4';
    ctx.fillRect(0, 0, cssWidth, OVERVIEW_PX);
    ctx.fillStyle = 'rgba(200, 55, 45, 0.18)';
    for (const fault of timeline.faults) ctx.fillRect(x(fault.start_ms), 0, Math.max(1, x(fault.end_ms) - x(fault.start_ms)), OVERVIEW_PX);
    // Activity: how many ops start in each pixel column, as a faint histogram (counted once per run and width).
    const columns = this.activity(timeline, Math.max(1, Math.ceil(cssWidth)), x);
    let peak = 1;
    for (const n of columns) peak = Math.max(peak, n);
    ctx.fillStyle = '#b8c3cf';
    columns.forEach((n, i) => n > 0 && ctx.fillRect(i, OVERVIEW_PX - (n / peak) * (OVERVIEW_PX - 6), 1, (n / peak) * (OVERVIEW_PX - 6)));
    ctx.fillStyle = '#c8372d';
    for (const item of frame.loaded.anomalies) ctx.fillRect(Math.round(x(item.time_ms)), 0, 1.5, 7);
    ctx.strokeStyle = '#26323f';
    ctx.lineWidth = 1;
    ctx.strokeRect(x(t0) + 0.5, 0.5, Math.max(2, x(t1) - x(t0)) - 1, OVERVIEW_PX - 1);
    ctx.strokeStyle = '#1f5fbf';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x(now), 0);
    ctx.lineTo(x(now), OVERVIEW_PX);
    ctx.stroke();
  }
}
