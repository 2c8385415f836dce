/**
 * Messages between nodes that are on the wire at the current step: sent by
 * an earlier step, delivered by this one or a later one. Each shows its
 * route, type and body, how long it has been travelling and the step that
 * delivers it (a click jumps there). Below, the messages lost so far.
 */
import type { PeerMessage } from '../replay/messages.js';
import { fill, h, show } from './dom.js';
import type { Actions, Frame } from './frame.js';

/** Rows shown; the rest are counted. */
const ROWS = 60;

const bodyText = (message: PeerMessage['message']): string => {
  const { type: _type, msg_id: _msgId, in_reply_to: _inReplyTo, ...rest } = message.body;
  return show(rest, 90);
};

export class InFlightPanel {
  readonly element: HTMLElement;
  private readonly count = h('span', { class: 'muted' });
  private readonly list = h('div', { class: 'messages' });
  private readonly lost = h('div', { class: 'lost' });

  constructor(private readonly actions: Actions) {
    this.element = h('section', { class: 'panel in-flight', attrs: { id: 'in-flight' } }, h('header', null, h('h2', null, 'In flight'), this.count), this.list, this.lost);
  }

  update(frame: Frame): void {
    const replay = frame.loaded.replay;
    if (replay === undefined) return;
    const ids = replay.nodeIds;
    const inFlight = replay.messages.inFlightAt(frame.step);
    fill(this.count, `${inFlight.length} between nodes`);
    const row = (m: PeerMessage, lost: boolean): HTMLElement => {
      const age = frame.time_ms - replay.timeAt(m.sentStep + 1);
      return h(
        'button',
        {
          class: `message${lost ? ' is-lost' : ''}${m.replayed ? '' : ' estimated'}`,
          title: `${show(m.message.body, 600)}\n\n${lost ? 'never delivered' : `delivered at step ${m.deliveredStep + 1}: click to go there`}${m.replayed ? '' : '\n(the replay did not send it itself: its sending step is estimated)'}`,
          on: lost ? {} : { click: () => this.actions.go(m.deliveredStep + 1) },
        },
        h('span', { class: 'route mono' }, `${ids[m.from]} → ${ids[m.to]}`),
        h('span', { class: 'type mono' }, `${m.message.body.type}`),
        h('span', { class: 'body mono' }, bodyText(m.message)),
        h('span', { class: 'age muted' }, `${Math.max(0, age).toFixed(0)} ms`),
      );
    };
    fill(
      this.list,
      ...(inFlight.length === 0 ? [h('p', { class: 'muted' }, 'Nothing on the wire between nodes at this step.')] : inFlight.slice(0, ROWS).map((m) => row(m, false))),
      inFlight.length > ROWS ? h('p', { class: 'muted' }, `+${inFlight.length - ROWS} more`) : null,
    );
    const lost = replay.messages.lostAt(frame.step, 3);
    fill(
      this.lost,
      lost.count === 0 ? null : h('p', { class: 'muted' }, `${lost.count} sent so far never arrived${replay.tickSource === 'inferred' ? ' (or were placed differently by the replay)' : ''}; the latest:`),
      ...lost.latest.map((m) => row(m, true)),
    );
  }
}
