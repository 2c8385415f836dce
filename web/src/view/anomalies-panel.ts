/**
 * The checker's anomalies, grouped by type. A click jumps to the moment the
 * anomaly became visible and highlights its ops (on the timeline) and its
 * key and offsets (in the logs); a second click clears it.
 */
import type { AnomalyItem } from '../anomaly-list.js';
import { fill, h } from './dom.js';
import type { Actions, Frame, Loaded } from './frame.js';

/** Items listed per type; the rest are counted. */
const PER_TYPE = 50;

export class AnomaliesPanel {
  readonly element: HTMLElement;
  private readonly count = h('span', { class: 'muted' });
  private readonly list = h('div', { class: 'anomalies' });
  private loaded: Loaded | undefined;
  private selected: AnomalyItem | undefined;
  private readonly buttons = new Map<AnomalyItem, HTMLElement>();

  constructor(private readonly actions: Actions) {
    this.element = h('section', { class: 'panel anomalies-panel', attrs: { id: 'anomalies' } }, h('header', null, h('h2', null, 'Anomalies'), this.count), this.list);
  }

  update(frame: Frame): void {
    if (frame.loaded !== this.loaded) this.build(frame.loaded);
    const selected = frame.highlight?.anomaly;
    if (selected !== this.selected) {
      if (this.selected !== undefined) this.buttons.get(this.selected)?.classList.remove('selected');
      if (selected !== undefined) this.buttons.get(selected)?.classList.add('selected');
      this.selected = selected;
    }
  }

  private build(loaded: Loaded): void {
    this.loaded = loaded;
    this.selected = undefined;
    this.buttons.clear();
    const items = loaded.anomalies;
    fill(this.count, items.length === 0 ? 'none' : `${items.length}`);
    if (items.length === 0) {
      fill(this.list, h('p', { class: 'ok-text' }, 'The checker found no anomaly in this history.'));
      return;
    }
    const byType = new Map<string, AnomalyItem[]>();
    for (const item of items) {
      let group = byType.get(item.type);
      if (group === undefined) byType.set(item.type, (group = []));
      group.push(item);
    }
    fill(
      this.list,
      ...[...byType].map(([type, group]) =>
        h(
          'div',
          { class: 'anomaly-group' },
          h('h3', null, type, ' ', h('span', { class: `badge ${group[0]!.allowed ? 'muted-badge' : 'bad'}` }, group[0]!.allowed ? 'allowed' : 'error'), h('span', { class: 'muted' }, ` ${group.length}`)),
          ...group.slice(0, PER_TYPE).map((item) => this.button(item)),
          group.length > PER_TYPE ? h('p', { class: 'muted' }, `+${group.length - PER_TYPE} more (the checker's full list is in results.json)`) : null,
        ),
      ),
    );
  }

  private button(item: AnomalyItem): HTMLElement {
    const button = h(
      'button',
      {
        class: 'anomaly',
        title: 'jump to when it became visible; highlight its ops and offsets',
        on: { click: () => this.actions.selectAnomaly(this.selected === item ? undefined : item) },
      },
      h('span', { class: 'mono key' }, `key ${item.key}`),
      h('span', { class: 'text' }, item.text),
      h('span', { class: 'muted ops' }, `op${item.ops.length === 1 ? '' : 's'} ${item.ops.map((op) => op.index).join(', ')}`),
    );
    this.buttons.set(item, button);
    return button;
  }
}
