/**
 * The page: opens runs, holds the current step, and draws every panel from
 * one Frame. Opening a run checks its history, replays its trace (in slices,
 * with progress, so a large run never freezes the page) and derives what the
 * panels need once; moving to a step costs at most one snapshot interval of
 * reducer steps, and is drawn on the next animation frame.
 */
import { anomalyItems, type AnomalyItem } from '../anomaly-list.js';
import { opTimeline } from '../ops.js';
import { historyOffsets } from '../replay/fidelity.js';
import { keysOf } from '../replay/inspect.js';
import { ReplayBuilder } from '../replay/builder.js';
import { bundleOf } from '../run/bundle.js';
import { constantPeerLatency } from '../run/network-latency.js';
import type { Run } from '../run/run.js';
import { historyStepper } from '../stepper.js';
import { verdictsOf } from '../verdict.js';
import { AnomaliesPanel } from './anomalies-panel.js';
import { fill, h } from './dom.js';
import type { Actions, Frame, Highlight, Loaded } from './frame.js';
import { InFlightPanel } from './in-flight-panel.js';
import { LogsPanel } from './logs-panel.js';
import { MessagesPanel } from './messages-panel.js';
import { PlotsPanel } from './plots-panel.js';
import { openControls } from './open-controls.js';
import { ReplicationPanel } from './replication-panel.js';
import { Scrubber } from './scrubber.js';
import { SimulatePanel } from './simulate-panel.js';
import { StepPanel } from './step-panel.js';
import { SummaryPanel } from './summary-panel.js';
import { TimelinePanel } from './timeline-panel.js';

/** Trace entries replayed per slice while opening a run. */
const ENTRIES_PER_SLICE = 4000;

export interface AppOptions {
  /** Opens the bundled sample run. */
  readonly sample: () => Run | string;
  /** The page was opened on a run by `kafka-workload serve`: the header links back to its list of runs. */
  readonly served?: boolean;
}

export class App implements Actions {
  private loaded: Loaded | undefined;
  private step = 0;
  private highlight: Highlight | undefined;
  private drawRequested = false;
  private requested_ms = 0;
  private opening = 0;

  private readonly runName = h('span', { class: 'run-name', attrs: { id: 'run-name' } });
  private readonly status = h('div', { class: 'status', attrs: { id: 'status', 'aria-live': 'polite' } });
  private readonly noTrace = h('section', { class: 'panel no-trace', attrs: { hidden: '' } });
  private readonly scrubber = new Scrubber(this);
  private readonly logs = new LogsPanel();
  private readonly replication = new ReplicationPanel();
  private readonly inFlight = new InFlightPanel(this);
  private readonly stepPanel = new StepPanel();
  private readonly summary = new SummaryPanel(this);
  private readonly anomalies = new AnomaliesPanel(this);
  private readonly timeline = new TimelinePanel(this);
  private readonly messages = new MessagesPanel(this);
  private readonly plots = new PlotsPanel();
  private readonly simulate = new SimulatePanel((run) => this.open(run));
  private readonly nodePanels: readonly HTMLElement[];

  constructor(
    root: HTMLElement,
    private readonly options: AppOptions,
  ) {
    this.nodePanels = [this.logs.element, this.replication.element, this.inFlight.element, this.stepPanel.element];
    root.replaceChildren(
      h(
        'header',
        { class: 'top' },
        h('h1', null, 'maelstrom-kafka ', h('span', { class: 'muted' }, 'replay')),
        options.served === true ? h('a', { attrs: { href: '../', id: 'all-runs' } }, 'all runs') : null,
        this.runName,
        h('span', { class: 'spacer' }),
        openControls({
          opened: (run) => this.open(run),
          failed: (message) => this.say(message, true),
          sample: () => this.openSample(),
          save: () => this.save(),
          simulate: () => this.simulate.toggle(),
        }),
      ),
      this.status,
      this.simulate.element,
      h('div', { class: 'sticky' }, this.scrubber.element),
      h(
        'main',
        { class: 'grid' },
        h('div', { class: 'column wide' }, this.noTrace, this.logs.element, this.replication.element),
        h('div', { class: 'column' }, this.summary.element, this.stepPanel.element, this.inFlight.element, this.anomalies.element),
      ),
      this.timeline.element,
      this.messages.element,
      this.plots.element,
      h('footer', null, 'Drop a store/<run>/ folder, its files, a bundle or a history.edn anywhere on the page. ← → step, Shift+← → 100 steps, Home/End. Values from files are shown as text, never as markup.'),
    );
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  openSample(): void {
    const run = this.options.sample();
    if (typeof run === 'string') this.say(`the sample could not be read: ${run}`, true);
    else this.open(run);
  }

  /** Opens a run that is on its way (fetched from the server), saying so meanwhile. */
  openFetched(name: string, run: Promise<Run | string>): void {
    this.say(`Loading ${name}…`);
    run.then(
      (loaded) => (typeof loaded === 'string' ? this.say(loaded, true) : this.open(loaded)),
      (error: unknown) => this.say(`could not load ${name}: ${error instanceof Error ? error.message : String(error)}`, true),
    );
  }

  /** Opens a run: checks, replays in slices, then shows it. A newer open supersedes an unfinished one. */
  open(run: Run): void {
    const ticket = ++this.opening;
    this.say(`Opening ${run.name}: checking ${run.history.length} history ops…`);
    setTimeout(() => {
      if (ticket !== this.opening) return;
      const verdicts = verdictsOf(run);
      const base = { run, ...verdicts, anomalies: anomalyItems(verdicts.check), timeline: opTimeline(run.history) };
      if (run.trace === null) {
        this.show({ ...base, replay: undefined, stepper: historyStepper(run.history), keys: [], arrows: run.arrows });
        return;
      }
      const latency = constantPeerLatency(run.results);
      const builder = new ReplayBuilder(run.trace, { config: run.nodeConfig, historyOffsets: historyOffsets(run.history), ...(latency === undefined ? {} : { peerLatency_ms: latency }) });
      const slice = (): void => {
        if (ticket !== this.opening) return;
        const replay = builder.advance(ENTRIES_PER_SLICE);
        if (replay === undefined) {
          this.say(`Opening ${run.name}: replaying the trace, ${(100 * builder.progress).toFixed(0)}%…`);
          setTimeout(slice, 0);
          return;
        }
        this.show({ ...base, replay, stepper: replay, keys: keysOf(replay.at(replay.length).states), arrows: replay.arrows });
      };
      slice();
    }, 0);
  }

  private show(loaded: Loaded): void {
    this.loaded = loaded;
    this.highlight = undefined;
    this.say('');
    const hasTrace = loaded.replay !== undefined;
    for (const panel of this.nodePanels) panel.hidden = !hasTrace;
    this.noTrace.hidden = hasTrace;
    if (!hasTrace) fill(this.noTrace, h('h2', null, 'Client view only'), h('p', null, 'This run has no trace, so node states cannot be rebuilt: the operations, the anomalies and the verdict are shown. Open a store/<run>/ folder (or its trace.jsonl with the history) to see the nodes.'));
    // Open somewhere lively: a third of the way in, where the workload is in full swing.
    this.go(Math.round(loaded.stepper.length / 3));
  }

  private save(): void {
    if (this.loaded === undefined) return;
    const blob = new Blob([JSON.stringify(bundleOf(this.loaded.run))], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = h('a', { attrs: { href: url, download: `${this.loaded.run.name.replace(/[^\w.-]+/g, '-')}.json` } });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private say(text: string, error = false): void {
    fill(this.status, text);
    this.status.classList.toggle('error', error);
    this.status.hidden = text === '';
  }

  go(step: number): void {
    if (this.loaded === undefined) return;
    this.step = Math.max(0, Math.min(this.loaded.stepper.length, Math.round(step)));
    this.requested_ms = performance.now();
    if (this.drawRequested) return;
    this.drawRequested = true;
    requestAnimationFrame(() => {
      this.drawRequested = false;
      this.draw();
    });
  }

  goToTime(time_ms: number): void {
    if (this.loaded !== undefined) this.go(this.loaded.stepper.stepAtTime(time_ms));
  }

  selectAnomaly(item: AnomalyItem | undefined): void {
    if (this.loaded === undefined) return;
    this.highlight = item === undefined ? undefined : { anomaly: item, opIndexes: new Set(item.ops.map((op) => op.index)) };
    if (item === undefined) this.go(this.step);
    else this.goToTime(item.time_ms);
  }

  private draw(): void {
    const loaded = this.loaded;
    if (loaded === undefined) return;
    const started = performance.now();
    const view = loaded.replay?.at(this.step);
    const state_ms = performance.now() - started;
    const frame: Frame = { loaded, step: this.step, time_ms: loaded.stepper.timeAt(this.step), view, highlight: this.highlight };
    this.scrubber.update(frame);
    this.summary.update(frame);
    this.anomalies.update(frame);
    this.timeline.update(frame);
    this.messages.update(frame);
    this.plots.update(frame);
    if (loaded.replay !== undefined) {
      this.logs.update(frame);
      this.replication.update(frame);
      this.inFlight.update(frame);
      this.stepPanel.update(frame);
    }
    this.scrubber.showTiming(state_ms, performance.now() - Math.min(this.requested_ms, started));
    // The name changes with the first drawing of a run, not before: once it shows, every panel shows that run.
    if (this.runName.textContent !== loaded.run.name) fill(this.runName, loaded.run.name);
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
    if (this.loaded === undefined) return;
    const jump = event.shiftKey ? 100 : 1;
    const moves: Readonly<Record<string, number>> = { ArrowLeft: this.step - jump, ArrowRight: this.step + jump, Home: 0, End: this.loaded.stepper.length };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.go(to);
  }
}
