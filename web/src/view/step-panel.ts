/**
 * The step just taken: which node, what it consumed (a message, or a tick,
 * recorded or inferred), and what it did (messages sent, timers, log lines).
 */
import type { Effect } from '../../../src/core/machine.js';
import { fill, h, ms, show } from './dom.js';
import type { Frame } from './frame.js';

const EFFECTS = 12;

const effectLine = (effect: Effect): HTMLElement => {
  switch (effect.kind) {
    case 'send':
      return h('li', { class: 'mono', title: show(effect.message.body, 1000) }, `→ ${effect.message.dest} `, h('b', null, effect.message.body.type), ` ${show(effect.message.body, 100)}`);
    case 'timer':
      return h('li', { class: 'mono muted' }, `timer at ${ms(effect.at_ms)}`);
    case 'log':
      return h('li', { class: 'mono muted' }, `log: ${effect.text.slice(0, 200)}`);
  }
};

export class StepPanel {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'step-body' });

  constructor() {
    this.element = h('section', { class: 'panel step', attrs: { id: 'step' } }, h('header', null, h('h2', null, 'This step')), this.body);
  }

  update(frame: Frame): void {
    const { view, loaded } = frame;
    if (view === undefined || loaded.replay === undefined) return;
    const last = view.last;
    if (last === undefined) {
      fill(this.body, h('p', { class: 'muted' }, 'The start: no node has received anything yet. Step forward (→) to deliver the first input.'));
      return;
    }
    const node = loaded.replay.nodeIds[last.node]!;
    const what = last.message === undefined
      ? h('p', null, h('b', { class: 'mono' }, node), ' ticks', h('span', { class: 'muted' }, last.traceLine === 0 ? ' (inferred from its timer: a runner cannot see ticks)' : ` (trace line ${last.traceLine})`))
      : h(
          'p',
          { title: show(last.message.body, 2000) },
          h('b', { class: 'mono' }, node),
          ' receives ',
          h('b', null, last.message.body.type),
          ` from ${last.message.src} `,
          h('span', { class: 'mono' }, show(last.message.body, 140)),
          h('span', { class: 'muted' }, ` (trace line ${last.traceLine})`),
        );
    const effects = view.effects.filter((e) => e.kind !== 'timer' || view.effects.length <= EFFECTS);
    fill(
      this.body,
      what,
      last.skipped === undefined ? null : h('p', { class: 'warn' }, `skipped, as the node's shell would: ${last.skipped}`),
      view.error === undefined ? null : h('p', { class: 'warn' }, `the reducer threw (the shell drops the input): ${view.error}`),
      effects.length === 0 ? h('p', { class: 'muted' }, 'It sent nothing.') : h('ul', { class: 'effects' }, ...effects.slice(0, EFFECTS).map(effectLine)),
      effects.length > EFFECTS ? h('p', { class: 'muted' }, `+${effects.length - EFFECTS} more`) : null,
    );
  }
}
