/**
 * Moving through the run: a range input over the steps, buttons for one step
 * back and forward and for both ends, and the time and step at the cursor.
 * Also reports how long the last jump took to compute and draw.
 */
import { fill, h, ms } from './dom.js';
import type { Actions, Frame } from './frame.js';

export class Scrubber {
  readonly element: HTMLElement;
  readonly range = h('input', { class: 'range', attrs: { type: 'range', min: '0', max: '0', value: '0', step: '1', 'aria-label': 'step' } });
  private readonly position = h('span', { class: 'position mono', attrs: { id: 'position' } });
  private readonly timing = h('span', { class: 'timing muted mono', attrs: { id: 'jump-timing' } });
  private frame: Frame | undefined;

  constructor(private readonly actions: Actions) {
    const go = (delta: number) => () => this.frame !== undefined && this.actions.go(this.frame.step + delta);
    this.element = h(
      'div',
      { class: 'scrubber' },
      h('button', { title: 'the start (Home)', attrs: { 'aria-label': 'first step' }, on: { click: () => this.actions.go(0) } }, '«'),
      h('button', { title: 'one step back (←)', attrs: { 'aria-label': 'step back', id: 'step-back' }, on: { click: go(-1) } }, '◀'),
      this.range,
      h('button', { title: 'one step forward (→)', attrs: { 'aria-label': 'step forward', id: 'step-forward' }, on: { click: go(1) } }, '▶'),
      h('button', { title: 'the end (End)', attrs: { 'aria-label': 'last step' }, on: { click: () => this.actions.go(this.frame?.loaded.stepper.length ?? 0) } }, '»'),
      this.position,
      this.timing,
    );
    this.range.addEventListener('input', () => this.actions.go(Number(this.range.value)));
  }

  update(frame: Frame): void {
    this.frame = frame;
    const length = frame.loaded.stepper.length;
    if (this.range.max !== String(length)) this.range.max = String(length);
    if (this.range.value !== String(frame.step)) this.range.value = String(frame.step);
    const unit = frame.loaded.replay === undefined ? 'event' : 'step';
    fill(this.position, `${unit} ${frame.step} / ${length} · t = ${ms(frame.time_ms)}`);
  }

  /** The time the last jump took: computing the states, and everything until drawn. */
  showTiming(state_ms: number, total_ms: number): void {
    fill(this.timing, `jump ${total_ms.toFixed(1)} ms (states ${state_ms.toFixed(1)} ms)`);
    this.timing.dataset['stateMs'] = state_ms.toFixed(3);
    this.timing.dataset['totalMs'] = total_ms.toFixed(3);
  }
}
