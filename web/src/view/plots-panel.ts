/**
 * The store's plots (docs/plots.md): latency, throughput, realtime lag,
 * unseen messages and the message diagram of the first moments. A store
 * folder that holds them shows its own files; any other run (a bundle,
 * Maelstrom's folder, a simulation made here) gets them drawn from its
 * history by the same pure functions the runner uses. Shown as images (an
 * SVG in an <img> runs nothing), drawn only when the panel is opened.
 */
import { historyPlots } from '../../../src/checker/plots/index.js';
import type { Run } from '../run/run.js';
import { fill, h } from './dom.js';
import type { Frame } from './frame.js';

export class PlotsPanel {
  readonly element: HTMLDetailsElement;
  private readonly body = h('div', { class: 'plots-body' });
  private run: Run | undefined;
  private drawnFor: Run | undefined;
  private urls: string[] = [];

  constructor() {
    this.element = h(
      'details',
      { class: 'panel plots', attrs: { id: 'plots' } },
      h('summary', null, h('h2', null, 'Plots'), h('span', { class: 'muted' }, ' latency, throughput, realtime lag, unseen messages, as the store keeps them')),
      this.body,
    );
    this.element.addEventListener('toggle', () => this.draw());
  }

  update(frame: Frame): void {
    if (this.run === frame.loaded.run) return;
    this.run = frame.loaded.run;
    this.draw();
  }

  private draw(): void {
    const run = this.run;
    if (run === undefined || !this.element.open || this.drawnFor === run) return;
    this.drawnFor = run;
    for (const url of this.urls) URL.revokeObjectURL(url);
    const fromFolder = run.plots !== undefined && run.plots.length > 0;
    const plots = fromFolder ? run.plots! : run.history.length > 0 ? historyPlots(run.history).map(([name, svg]) => ({ name, svg })) : [];
    this.urls = plots.map((plot) => URL.createObjectURL(new Blob([plot.svg], { type: 'image/svg+xml' })));
    fill(
      this.body,
      h('p', { class: 'muted' }, plots.length === 0 ? 'No history: nothing to plot.' : fromFolder ? 'The files of the opened folder.' : 'Drawn here from the history, as the runner and the simulator draw them into the store.'),
      ...plots.map((plot, i) => h('figure', { class: 'plot' }, h('figcaption', { class: 'mono' }, plot.name), h('img', { attrs: { src: this.urls[i]!, alt: plot.name, 'data-plot': plot.name } }))),
    );
  }
}
