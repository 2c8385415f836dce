/**
 * Runs the simulator (src/sim, pure) in the page from a seed, a node
 * count and faults, in slices of a few ms so the page stays responsive,
 * then opens the simulated run like any other. Its trace records the ticks,
 * so the replay of a simulation is exact.
 */
import { defaultNodeConfig } from '../../../src/core/node/config.js';
import { initialSimulation, judge, simConfigOf, simStep, traceOf, type SimOptions, type SimState } from '../../../src/sim/index.js';
import type { Run } from '../run/run.js';
import { fill, h } from './dom.js';

/** How long one slice of simulation may hold the page. */
const SLICE_MS = 12;

interface Field {
  readonly name: keyof SimOptions;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly title?: string;
}

const FIELDS: readonly Field[] = [
  { name: 'seed', label: 'seed', value: 1, min: 0, max: 2 ** 31 - 1 },
  { name: 'node_count', label: 'nodes', value: 3, min: 1, max: 7 },
  { name: 'rate_hz', label: 'rate /s', value: 100, min: 1, max: 5000 },
  { name: 'time_limit_s', label: 'time limit s', value: 3, min: 1, max: 60 },
  { name: 'latency_ms', label: 'latency ms', value: 10, min: 0, max: 1000 },
  { name: 'drop_probability', label: 'loss', value: 0, min: 0, max: 0.5, step: 0.01, title: 'probability that a message between nodes is lost' },
  { name: 'duplicate_probability', label: 'duplication', value: 0, min: 0, max: 0.5, step: 0.01, title: 'probability that a message between nodes is delivered twice' },
];

/** The bin/kafka-sim command that simulates the same run. */
const commandLine = (o: Partial<SimOptions>): string =>
  [
    `bin/kafka-sim --seed ${String(o.seed)} --node-count ${String(o.node_count)} --concurrency ${String(o.concurrency)} --rate ${String(o.rate_hz)}`,
    `--time-limit ${String(o.time_limit_s)} --latency ${String(o.latency_ms)} --final-time-limit ${String(o.final_time_limit_s)}`,
    o.nemesis_partition === true ? `--nemesis partition --nemesis-interval ${String(o.nemesis_interval_s)}` : '',
    o.drop_probability ? `--drop ${String(o.drop_probability)}` : '',
    o.duplicate_probability ? `--duplicate ${String(o.duplicate_probability)}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');

export class SimulatePanel {
  readonly element: HTMLElement;
  private readonly inputs = new Map<keyof SimOptions, HTMLInputElement>();
  private readonly partition = h('input', { attrs: { type: 'checkbox', name: 'nemesis_partition' } });
  private readonly run = h('button', { class: 'primary', attrs: { id: 'simulate-run', type: 'submit' } }, 'Run simulation');
  private readonly status = h('p', { class: 'muted', attrs: { id: 'simulate-status', 'aria-live': 'polite' } });
  private cancelled = false;
  private running = false;

  constructor(private readonly opened: (run: Run) => void) {
    const fields = FIELDS.map((f) => {
      const input = h('input', { attrs: { type: 'number', name: f.name, value: String(f.value), min: String(f.min), max: String(f.max), step: String(f.step ?? 1) } });
      this.inputs.set(f.name, input);
      return h('label', { title: f.title ?? '' }, h('span', null, f.label), input);
    });
    const form = h(
      'form',
      { class: 'simulate-form' },
      ...fields,
      h('label', { class: 'toggle', title: 'cut the network into random groups every second or so' }, this.partition, 'partitions'),
      this.run,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.running) this.cancelled = true;
      else this.start();
    });
    this.element = h(
      'section',
      { class: 'panel simulate', attrs: { id: 'simulate', hidden: '' } },
      h('header', null, h('h2', null, 'Simulate'), h('span', { class: 'muted' }, 'the whole cluster in this page: our node reducer, the workload, the network, on virtual time from one seed')),
      form,
      this.status,
    );
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
  }

  private options(): Partial<SimOptions> | string {
    const options: Record<string, number | boolean> = {};
    for (const f of FIELDS) {
      const value = Number(this.inputs.get(f.name)!.value);
      if (!Number.isFinite(value) || value < f.min || value > f.max) return `${f.label} must be between ${f.min} and ${f.max}`;
      options[f.name] = f.step === undefined ? Math.round(value) : value;
    }
    const nodes = options['node_count'] as number;
    options['concurrency'] = 2 * nodes;
    options['nemesis_partition'] = this.partition.checked;
    options['nemesis_interval_s'] = 1;
    options['final_time_limit_s'] = 10;
    return options as Partial<SimOptions>;
  }

  private start(): void {
    const options = this.options();
    if (typeof options === 'string') {
      fill(this.status, options);
      return;
    }
    const config = simConfigOf(options, { record_trace: true });
    let state: SimState = initialSimulation(config);
    const started = performance.now();
    this.running = true;
    this.cancelled = false;
    fill(this.run, 'Stop');
    const slice = (): void => {
      const until = performance.now() + SLICE_MS;
      while (!state.done && performance.now() < until) for (let i = 0; i < 100 && !state.done; i++) state = simStep(state)[0];
      if (this.cancelled) return this.finish(`Stopped at ${(state.now_ms / 1000).toFixed(2)} s of virtual time.`);
      if (!state.done) {
        fill(this.status, `Simulating: ${(state.now_ms / 1000).toFixed(2)} s of virtual time, ${state.steps} events…`);
        setTimeout(slice, 0);
        return;
      }
      const outcome = judge(state);
      this.finish(
        `Done: ${outcome.verdict.toUpperCase()}, ${outcome.ops} ops, ${state.steps} events in ${((performance.now() - started) / 1000).toFixed(1)} s.${outcome.reasons.length > 0 ? ` ${outcome.reasons.join('; ')}.` : ''} The same run: ${commandLine(options)}`,
      );
      this.opened({
        name: `simulation, seed ${String(options.seed)}`,
        history: outcome.history,
        trace: traceOf(state),
        results: { sim: { verdict: outcome.verdict, reasons: outcome.reasons, seed: outcome.seed, events: state.steps, options } },
        nodeConfig: defaultNodeConfig,
        nodeConfigSource: 'the defaults',
        notes: outcome.reasons.map((reason) => `Simulator: ${reason}`),
      });
    };
    fill(this.status, 'Simulating…');
    setTimeout(slice, 0);
  }

  private finish(text: string): void {
    this.running = false;
    fill(this.run, 'Run simulation');
    fill(this.status, text);
  }
}
