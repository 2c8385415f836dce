/**
 * One node's replication state, one card per peer: what it owes the peer
 * (keys with unsent entries, how far each owned key was sent and in which
 * sync, commits to gossip), the sends it forwarded to the peer (the batch in
 * flight and those queued behind it), and what it has heard from the peer.
 * The node shown is the one the current step moved, unless one is chosen.
 */
import { peersOf, type PeerView } from '../replay/inspect.js';
import { fill, h, ms, show, type Child } from './dom.js';
import type { Frame } from './frame.js';

/** Items listed before "+n more". */
const LIST = 10;

const list = (items: readonly string[], empty = 'none'): Child =>
  items.length === 0
    ? h('span', { class: 'muted' }, empty)
    : h('span', { class: 'mono' }, items.slice(0, LIST).join(' '), items.length > LIST ? h('span', { class: 'muted' }, ` +${items.length - LIST} more`) : null);

const field = (name: string, ...value: Child[]): HTMLElement => h('div', { class: 'field' }, h('span', { class: 'name' }, name), h('span', { class: 'value' }, ...value));

export class ReplicationPanel {
  readonly element: HTMLElement;
  private readonly tabs = h('div', { class: 'tabs', attrs: { role: 'tablist' } });
  private readonly summary = h('div', { class: 'node-summary' });
  private readonly cards = h('div', { class: 'cards' });
  /** A node id the person chose, or undefined to follow the step. */
  private chosen: string | undefined;
  private frame: Frame | undefined;

  constructor() {
    this.element = h('section', { class: 'panel replication', attrs: { id: 'replication' } }, h('header', null, h('h2', null, 'Replication'), this.tabs), this.summary, this.cards);
  }

  update(frame: Frame): void {
    if (this.frame?.loaded !== frame.loaded) this.chosen = undefined;
    this.frame = frame;
    const { view, loaded } = frame;
    if (view === undefined || loaded.replay === undefined) return;
    const ids = loaded.replay.nodeIds;
    const followed = view.last === undefined ? ids[0]! : ids[view.last.node]!;
    const shown = this.chosen ?? followed;
    fill(
      this.tabs,
      h('button', { class: `tab${this.chosen === undefined ? ' active' : ''}`, title: 'show the node the current step moved', on: { click: () => this.choose(undefined) } }, 'follow step'),
      ...ids.map((id) => h('button', { class: `tab${id === shown ? ' current' : ''}${this.chosen === id ? ' active' : ''}`, on: { click: () => this.choose(id) } }, id)),
    );
    const state = view.states[ids.indexOf(shown)]!;
    fill(
      this.summary,
      h('span', { class: 'mono node-id' }, shown),
      state.cluster === undefined ? h('span', { class: 'muted' }, ' not initialised yet') : null,
      h('span', { class: 'muted' }, ` · ${state.partitions.size} keys · next msg_id ${state.nextMsgId} · next tick ${ms(state.nextTick_ms)}`),
    );
    const peers = peersOf(state);
    fill(this.cards, ...(peers.length === 0 ? [h('p', { class: 'muted' }, state.cluster === undefined ? 'No peers before init.' : 'A single node: nothing to replicate.')] : peers.map((peer) => this.card(peer, frame.time_ms, state.config.suspectAfterMs))));
  }

  private choose(id: string | undefined): void {
    this.chosen = id;
    if (this.frame !== undefined) this.update(this.frame);
  }

  private card(peer: PeerView, now_ms: number, suspectAfterMs: number): HTMLElement {
    const silent_ms = now_ms - peer.lastHeard_ms;
    const suspected = silent_ms >= suspectAfterMs;
    const inFlight = peer.inFlight;
    return h(
      'div',
      { class: `card${suspected ? ' suspected' : ''}` },
      h('h3', null, `→ ${peer.id}`, suspected ? h('span', { class: 'badge warn' }, 'suspected') : null),
      field('heard from', `${silent_ms < 0 ? 0 : silent_ms.toFixed(0)} ms ago`, h('span', { class: 'muted' }, ` (sync #${peer.heardSyncSeq})`)),
      field('next sync', `#${peer.nextSyncSeq}`, h('span', { class: 'muted' }, ` · full report ${Math.max(0, now_ms - peer.lastFullReport_ms).toFixed(0)} ms ago`)),
      field('unsent keys', list(peer.unsentKeys)),
      field('sent marks', list(peer.sent.map(([key, mark]) => `${key}:${mark.length}@${mark.seq}`))),
      field('unsent commits', list(peer.unsentCommits)),
      field(
        'forward in flight',
        inFlight === undefined
          ? h('span', { class: 'muted' }, 'none')
          : h('span', { class: 'mono' }, `#${inFlight.seq} (msg ${inFlight.msg_id}, ${Math.max(0, now_ms - inFlight.sent_ms).toFixed(0)} ms) `, list(inFlight.sends.map((s) => `${s.key}:${show(s.msg, 12)}`))),
      ),
      field('queued sends', list(peer.queued.map((s) => `${s.key}:${show(s.msg, 12)}`))),
      peer.lastForwardIn === undefined ? null : field('last batch in', h('span', { class: 'mono' }, `#${peer.lastForwardIn.seq} → offsets ${peer.lastForwardIn.offsets.join(', ')}`)),
    );
  }
}
