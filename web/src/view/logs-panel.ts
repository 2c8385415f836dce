/**
 * Per key, per node: the log below the node's stable point (offset:message
 * chips; offsets nobody assigned are left out), the committed offset, and
 * the key's lowest stable point. One row per key, one column per node, so
 * the nodes' views of a key read side by side. Rows are virtual (only the visible
 * ones exist), so a run with thousands of keys scrubs as fast as one with
 * ten. A click on a row pins the key: its full logs show below.
 */
import type { NodeState, Partition } from '../../../src/core/node/state.js';
import { entries, get } from '../../../src/core/persistent/hamt.js';
import { logEntries, stableIn } from '../replay/inspect.js';
import { fill, h, show } from './dom.js';
import type { Frame } from './frame.js';

const ROW_PX = 30;
/** Rows visible at once; more scroll. */
const MAX_ROWS = 14;
/** Chips shown per cell: the newest ones (the full log is in the pinned view). */
export const CHIPS = 8;

/** Keys the step changed on its node, with the node's log length before it. */
const changedKeys = (before: NodeState | undefined, after: NodeState | undefined): Map<string, number> => {
  const changed = new Map<string, number>();
  if (before === undefined || after === undefined || before.partitions === after.partitions) return changed;
  for (const [key, partition] of entries(after.partitions)) {
    const old = get(before.partitions, key);
    if (old !== partition) changed.set(key, old?.log.length ?? 0);
  }
  return changed;
};

export class LogsPanel {
  readonly element: HTMLElement;
  private readonly filter = h('input', { class: 'filter', attrs: { type: 'search', placeholder: 'filter keys', 'aria-label': 'filter keys' } });
  private readonly follow = h('input', { attrs: { type: 'checkbox', checked: '' } });
  private readonly count = h('span', { class: 'muted' });
  private readonly head = h('div', { class: 'log-row log-head' });
  private readonly viewport = h('div', { class: 'log-viewport', attrs: { tabindex: '0' } });
  private readonly spacer = h('div', { class: 'log-spacer' });
  private readonly rows = h('div', { class: 'log-rows' });
  private readonly detail = h('div', { class: 'log-detail' });
  private frame: Frame | undefined;
  private keys: readonly string[] = [];
  private changed = new Map<string, number>();
  private pinned: string | undefined;
  private lastHighlightKey: string | undefined;

  constructor() {
    this.viewport.append(this.spacer, this.rows);
    this.element = h(
      'section',
      { class: 'panel logs', attrs: { id: 'logs' } },
      h(
        'header',
        null,
        h('h2', null, 'Logs'),
        this.count,
        h('span', { class: 'legend' }, h('span', { class: 'committed-legend' }, 'committed'), h('span', { class: 'chip is-committed' }, h('b', null, 'offset'), 'msg'), h('span', { class: 'chip is-new' }, 'this step'), h('span', { class: 'chip is-marked' }, 'anomaly')),
        h('span', { class: 'spacer' }),
        this.filter,
        h('label', { class: 'toggle', title: 'scroll to the key the current step changed' }, this.follow, 'follow'),
      ),
      this.head,
      this.viewport,
      this.detail,
    );
    this.viewport.addEventListener('scroll', () => this.drawRows());
    this.filter.addEventListener('input', () => this.frame !== undefined && this.update(this.frame));
  }

  update(frame: Frame): void {
    const previous = this.frame;
    this.frame = frame;
    const { view, loaded, highlight } = frame;
    if (view === undefined) return;
    const needle = this.filter.value.trim();
    const states = view.states;
    this.keys = loaded.keys.filter((key) => (needle === '' || key.includes(needle)) && states.some((s) => get(s.partitions, key) !== undefined));
    this.changed = view.last === undefined ? new Map() : changedKeys(view.before, states[view.last.node]);
    fill(this.count, `${this.keys.length} key${this.keys.length === 1 ? '' : 's'}`);
    if (previous?.loaded !== loaded) {
      this.pinned = undefined;
      this.lastHighlightKey = undefined;
      this.head.style.gridTemplateColumns = this.columns();
      fill(this.head, h('span', null, 'key'), h('span', null, 'stable'), ...loaded.replay!.nodeIds.map((id) => h('span', { title: 'committed offset, then the newest messages as offset·message' }, id)));
    }
    this.spacer.style.height = `${this.keys.length * ROW_PX}px`;
    this.viewport.style.height = `${Math.max(2, Math.min(this.keys.length, MAX_ROWS)) * ROW_PX + 2}px`;
    const highlightKey = highlight?.anomaly.key;
    if (highlightKey !== undefined && highlightKey !== this.lastHighlightKey) {
      this.pinned = highlightKey;
      this.scrollTo(highlightKey);
    } else if (this.follow.checked && this.changed.size > 0 && previous?.step !== frame.step) {
      const [first] = this.changed.keys();
      if (first !== undefined) this.scrollTo(first);
    }
    this.lastHighlightKey = highlightKey;
    this.drawRows();
    this.drawDetail();
  }

  private columns(): string {
    const nodes = this.frame?.loaded.replay?.nodeIds.length ?? 1;
    return `4.5rem 3.5rem repeat(${nodes}, minmax(0, 1fr))`;
  }

  private scrollTo(key: string): void {
    const index = this.keys.indexOf(key);
    if (index < 0) return;
    const top = index * ROW_PX;
    const { scrollTop, clientHeight } = this.viewport;
    if (top < scrollTop || top + ROW_PX > scrollTop + clientHeight) this.viewport.scrollTop = Math.max(0, top - clientHeight / 3);
  }

  private drawRows(): void {
    const frame = this.frame;
    if (frame?.view === undefined) return;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_PX) - 2);
    const last = Math.min(this.keys.length, first + Math.ceil((this.viewport.clientHeight || 400) / ROW_PX) + 4);
    this.rows.style.transform = `translateY(${first * ROW_PX}px)`;
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) rows.push(this.row(this.keys[i]!, frame));
    this.rows.replaceChildren(...rows);
  }

  private row(key: string, frame: Frame): HTMLElement {
    const { states, last } = frame.view!;
    const highlighted = frame.highlight?.anomaly.key === key;
    const stable = Math.min(...states.map((s) => stableIn(s, key)));
    const cells = states.map((state, node) => this.cell(state, key, node === last?.node ? this.changed.get(key) : undefined, highlighted ? frame.highlight!.anomaly.offsets : undefined));
    const classes = ['log-row', highlighted ? 'highlighted' : '', this.changed.has(key) ? 'changed' : '', this.pinned === key ? 'pinned' : ''].join(' ');
    const row = h('div', { class: classes, title: `key ${key}: click to show its full logs` }, h('span', { class: 'key mono' }, key), h('span', { class: 'owner mono', attrs: { title: 'the lowest stable point of the key across the nodes: every node shows all offsets below it' } }, String(stable)), ...cells);
    row.style.gridTemplateColumns = this.columns();
    row.addEventListener('click', () => {
      this.pinned = this.pinned === key ? undefined : key;
      this.drawRows();
      this.drawDetail();
    });
    return row;
  }

  private cell(state: NodeState, key: string, newFrom: number | undefined, marked: readonly number[] | undefined): HTMLElement {
    const partition = get(state.partitions, key);
    if (partition === undefined) return h('span', { class: 'cell empty' }, '—');
    const from = Math.max(0, partition.log.length - CHIPS);
    // The newest chips stay visible: the chip strip is right-aligned and clips on the left.
    return h(
      'span',
      { class: 'cell' },
      h('span', { class: 'committed', title: `committed offset; stable point ${partition.log.length}` }, partition.committed < 0 ? '–' : `${partition.committed}`),
      h(
        'span',
        { class: 'strip' },
        from > 0 ? h('span', { class: 'more', title: `${from} earlier messages` }, `…${from}`) : null,
        ...chips(partition, from, partition.log.length, newFrom, marked),
      ),
    );
  }

  private drawDetail(): void {
    const frame = this.frame;
    const key = this.pinned;
    if (frame?.view === undefined || key === undefined) {
      fill(this.detail);
      this.detail.hidden = true;
      return;
    }
    this.detail.hidden = false;
    const marked = frame.highlight?.anomaly.key === key ? frame.highlight.anomaly.offsets : undefined;
    fill(
      this.detail,
      h('h3', null, `key ${key}`),
      ...frame.view.states.map((state, i) => {
        const partition = get(state.partitions, key);
        const id = frame.loaded.replay!.nodeIds[i]!;
        return h(
          'div',
          { class: 'detail-node' },
          h('span', { class: 'mono node-id' }, id),
          partition === undefined
            ? h('span', { class: 'muted' }, 'no log')
            : h(
                'span',
                { class: 'detail-log' },
                h('span', { class: 'muted' }, `stable point ${partition.log.length}, committed ${partition.committed < 0 ? 'none' : partition.committed} `),
                ...chips(partition, 0, partition.log.length, i === frame.view?.last?.node ? this.changed.get(key) : undefined, marked),
              ),
        );
      }),
    );
  }
}

const chips = (partition: Partition, from: number, to: number, newFrom: number | undefined, marked: readonly number[] | undefined): HTMLElement[] =>
  logEntries(partition, from, to).flatMap((message, i) => {
    if (message === undefined) return []; // a hole: nobody assigned this offset
    const offset = from + i;
    const classes = ['chip', offset <= partition.committed ? 'is-committed' : '', newFrom !== undefined && offset >= newFrom ? 'is-new' : '', marked?.includes(offset) ? 'is-marked' : ''];
    return [h('span', { class: classes.join(' '), title: `offset ${offset}: ${show(message, 400)}` }, h('b', null, String(offset)), show(message, 10))];
  });
