/**
 * One node's replication state: per key, its stable point and the floors
 * that make it (its own and the one behind each neighbor, the lowest marked
 * as the one holding polls back); then one card per link of the overlay: how
 * far our news reached the neighbor (sent, acknowledged, when it goes
 * again), and how far its news reached us.
 * The node shown is the one the current step moved, unless one is chosen.
 */
import { keyViewsOf, peersOf, type KeyView, type PeerView } from '../replay/inspect.js';
import { fill, h, ms, type Child } from './dom.js';
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
  private readonly floors = h('div', { class: 'floors' });
  private readonly cards = h('div', { class: 'cards' });
  /** A node id the person chose, or undefined to follow the step. */
  private chosen: string | undefined;
  private frame: Frame | undefined;

  constructor() {
    this.element = h('section', { class: 'panel replication', attrs: { id: 'replication' } }, h('header', null, h('h2', null, 'Replication'), this.tabs), this.summary, this.floors, this.cards);
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
    const keys = keyViewsOf(state);
    fill(this.floors, ...(keys.length === 0 ? [] : [floorsTable(keys)]));
    const peers = peersOf(state);
    fill(this.cards, ...(peers.length === 0 ? [h('p', { class: 'muted' }, state.cluster === undefined ? 'No peers before init.' : 'A single node: nothing to replicate.')] : peers.map((peer) => this.card(peer, frame.time_ms, state.news.base + state.news.items.length))));
  }

  private choose(id: string | undefined): void {
    this.chosen = id;
    if (this.frame !== undefined) this.update(this.frame);
  }

  private card(peer: PeerView, now_ms: number, newsEnd: number): HTMLElement {
    const unacked = newsEnd - peer.acked;
    const retrying = peer.tries > 0;
    return h(
      'div',
      { class: `card${retrying ? ' suspected' : ''}` },
      h('h3', null, `→ ${peer.id}`, retrying ? h('span', { class: 'badge warn' }, `try ${peer.tries + 1}`) : null, Number.isFinite(peer.ackDueSince_ms) ? h('span', { class: 'badge' }, 'ack due') : null),
      field('our news', `sent to #${peer.sent}, acknowledged to #${peer.acked}`, h('span', { class: 'muted' }, ` (${unacked} of ${newsEnd} in flight)`)),
      field('goes again', Number.isFinite(peer.retryAt_ms) ? `in ${Math.max(0, peer.retryAt_ms - now_ms).toFixed(0)} ms` : h('span', { class: 'muted' }, 'nothing to resend')),
      field('round trip', peer.rtt_ms < 0 ? h('span', { class: 'muted' }, 'not measured yet') : `${peer.rtt_ms.toFixed(0)} ms`),
      field('its news', `held to #${peer.received}`),
    );
  }

}

/** Rows shown before "+n more keys". */
const KEY_ROWS = 12;

/**
 * Per key: the stable point, this node's floor, and each peer's floor (with
 * how many of its entries are held). The lowest floor is the stable point;
 * its cell is marked, so a cut-off peer shows as the one holding keys back.
 */
const floorsTable = (keys: readonly KeyView[]): HTMLElement => {
  const peers = keys[0]!.peers.map((p) => p.id);
  const cell = (floor: number, stable: number, text: string, title: string): HTMLElement =>
    h('td', { class: `mono${floor === stable ? ' holding' : ''}`, attrs: { title } }, text);
  const rows = keys.slice(0, KEY_ROWS).map((k) =>
    h(
      'tr',
      null,
      h('td', { class: 'mono' }, k.key),
      h('td', { class: 'mono', attrs: { title: 'polls here show every offset below this' } }, String(k.stable)),
      cell(k.ownFloor, k.stable, `${k.ownFloor}${k.pending > 0 ? ` (${k.pending} waiting)` : ''}`, 'this node\'s floor (entries held but not shown yet)'),
      ...k.peers.map((p) => cell(p.floor, k.stable, String(p.floor), `the floor behind ${p.id} as last heard`)),
    ),
  );
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'floors-table' },
      h('thead', null, h('tr', null, h('th', null, 'key'), h('th', null, 'stable'), h('th', null, 'own floor'), ...peers.map((id) => h('th', null, `behind ${id}`)))),
      h('tbody', null, ...rows),
    ),
    keys.length > KEY_ROWS ? h('p', { class: 'muted' }, `+${keys.length - KEY_ROWS} more keys`) : null,
  );
};
