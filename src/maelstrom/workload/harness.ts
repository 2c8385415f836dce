/**
 * Everything around the nodes, as one pure machine: the workload (clients,
 * generator, nemesis, history), the services, and the network between them
 * all. The runner and the simulator differ only in what a node is (a process,
 * or a reducer in process) and what time is (the wall clock, or virtual): both
 * feed this machine what the nodes print and deliver to the nodes what it
 * says arrived.
 *
 *   inputs:  tick; a message a node printed; a node that died; a line a node
 *            printed that is not a message
 *   effects: `send`: deliver this message to node `message.dest` now (and put
 *            it in the trace); `timer`: tick me then; `log`
 *
 * Routing by `dest`: client ids go to the workload, service names to the
 * services, node ids out as effects; anything else is a warning, as Maelstrom
 * would refuse it. Every message passes the network first, so latency and
 * partitions apply to all traffic between servers.
 */
import type { Effect, Message, Step } from '../../core/machine.js';
import { isClientId } from '../network/addresses.js';
import { initialNetwork, networkStep, nextArrival_ms, type NetworkConfig, type NetworkState } from '../network/network.js';
import { initialServices, isServiceId, servicesStep, type ServicesState } from '../services/services.js';
import type { Op } from '../history/op.js';
import type { WorkloadConfig } from './config.js';
import { drainHistory } from './history.js';
import { listReports, reportProblem, reportWarning, type ProblemKind, type Report, type Reports, type WarningKind } from './problems.js';
import { seedRandom } from './random.js';
import { initialWorkload, isDone, noteHeard, workloadStep, type WorkloadInput, type WorkloadState } from './workload.js';

export interface HarnessConfig {
  readonly workload: WorkloadConfig;
  readonly network: NetworkConfig;
}

export interface HarnessState {
  readonly workload: WorkloadState;
  /**
   * When the workload asked to be ticked next: its last `timer` effect
   * (undefined: it named none), 0 before its first step. Before then a tick
   * would change nothing in it, so it is ticked only from then on.
   */
  readonly workload_wake_ms: number | undefined;
  readonly network: NetworkState;
  readonly services: ServicesState;
  /** Problems and warnings seen here rather than in the workload (output that is not a message, unknown destinations). */
  readonly problems: Reports<ProblemKind>;
  readonly warnings: Reports<WarningKind>;
}

export type HarnessInput =
  | { readonly kind: 'tick'; readonly now_ms: number }
  /** A message node `node` printed. */
  | { readonly kind: 'node-output'; readonly now_ms: number; readonly node: string; readonly message: Message }
  /** Node `node` died or exited; `reason` says how. */
  | { readonly kind: 'node-down'; readonly now_ms: number; readonly node: string; readonly reason: string }
  /** Node `node` printed a line that is not a Maelstrom message; `reason` says why not. */
  | { readonly kind: 'node-garbage'; readonly now_ms: number; readonly node: string; readonly reason: string }
  /**
   * Node `node` printed a line longer than the reader's limit, `limit_chars`;
   * `head` is how it began. The reader dropped the rest unread.
   */
  | { readonly kind: 'node-line-too-long'; readonly now_ms: number; readonly node: string; readonly limit_chars: number; readonly head: string };

const NETWORK_STREAM = 4;
const SERVICES_STREAM = 5;

export const initialHarness = (config: HarnessConfig): HarnessState => {
  return {
    workload: initialWorkload(config.workload),
    // Its first step, at once, sends every node its init.
    workload_wake_ms: 0,
    network: initialNetwork(config.network, seedRandom(config.workload.seed, NETWORK_STREAM)),
    services: initialServices(seedRandom(config.workload.seed, SERVICES_STREAM)),
    problems: {},
    warnings: {},
  };
};

export const harnessDone = (state: HarnessState): boolean => isDone(state.workload);

/** The history ops recorded since the last drain, and the state without them (history.ts `drainHistory`). */
export const drainHarness = (state: HarnessState): readonly [readonly Op[], HarnessState] => {
  const [ops, history] = drainHistory(state.workload.history);
  return ops.length === 0 ? [ops, state] : [ops, { ...state, workload: { ...state.workload, history } }];
};

/** Every problem of the run, the workload's and the harness's, in order of first occurrence. */
export const runProblems = (state: HarnessState): Report<ProblemKind>[] =>
  listReports({ ...state.workload.problems, ...state.problems }).sort((a, b) => a.first_ms - b.first_ms);

export const runWarnings = (state: HarnessState): Report<WarningKind>[] =>
  listReports({ ...state.workload.warnings, ...state.warnings }).sort((a, b) => a.first_ms - b.first_ms);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Local working copy for one step: a shallow copy of the state, updated in place, never the state it came from. */
class Draft {
  effects: Effect[] = [];
  readonly s: Mutable<HarnessState>;
  constructor(state: HarnessState) {
    this.s = {
      workload: state.workload,
      workload_wake_ms: state.workload_wake_ms,
      network: state.network,
      services: state.services,
      problems: state.problems,
      warnings: state.warnings,
    };
  }

  log(text: string): void {
    this.effects.push({ kind: 'log', text });
  }

  /** Hands a message to the network and routes whatever arrives now. */
  transmit(message: Message, now_ms: number): void {
    const [network, effects] = networkStep(this.s.network, { kind: 'send', now_ms, message });
    this.s.network = network;
    this.routeArrivals(effects, now_ms);
  }

  routeArrivals(effects: readonly Effect[], now_ms: number): void {
    for (const effect of effects) if (effect.kind === 'send') this.arrive(effect.message, now_ms);
  }

  arrive(message: Message, now_ms: number): void {
    const { dest } = message;
    if (isClientId(dest)) return this.toWorkload({ kind: 'message', now_ms, message });
    if (isServiceId(dest)) {
      const [services, effects] = servicesStep(this.s.services, { kind: 'message', now_ms, message });
      this.s.services = services;
      for (const effect of effects) {
        if (effect.kind === 'send') this.transmit(effect.message, now_ms);
        else this.effects.push(effect);
      }
      return;
    }
    if (this.s.workload.config.node_ids.includes(dest)) {
      // A dead node cannot read; what was on its way to it is lost.
      if (this.s.workload.down[dest] === undefined) this.effects.push({ kind: 'send', message });
      return;
    }
    this.warning('unknown-destination', message.src, `${message.src} sent a ${message.body.type} to ${dest}, which does not exist`, now_ms);
  }

  toWorkload(input: WorkloadInput): void {
    const before = this.s.workload;
    const [workload, effects] = workloadStep(before, input);
    this.s.workload = workload;
    let wake: number | undefined;
    for (const effect of effects) {
      if (effect.kind === 'send') this.transmit(effect.message, input.now_ms);
      else if (effect.kind === 'timer') wake = effect.at_ms;
      else this.effects.push(effect);
    }
    this.s.workload_wake_ms = wake;
    if (workload.grudge !== this.s.network.grudge) {
      const [network, arrivals] = networkStep(this.s.network, { kind: 'partition', now_ms: input.now_ms, grudge: workload.grudge });
      this.s.network = network;
      this.routeArrivals(arrivals, input.now_ms);
    }
  }

  problem(kind: ProblemKind, node: string, text: string, now_ms: number): void {
    reportProblem(this.s, (line) => this.log(line), kind, node, text, now_ms);
  }

  warning(kind: WarningKind, node: string, text: string, now_ms: number): void {
    reportWarning(this.s, (line) => this.log(line), kind, node, text, now_ms);
  }
}

export const harnessStep: Step<HarnessState, HarnessInput> = (state, input) => {
  const d = new Draft(state);
  const { now_ms } = input;
  switch (input.kind) {
    case 'node-output': {
      const { message, node } = input;
      if (message.src !== node) {
        d.warning('wrong-source', node, `${node} printed a message with src ${JSON.stringify(message.src)}`, now_ms);
      }
      d.s.workload = noteHeard(d.s.workload, node, now_ms);
      d.transmit(message, now_ms);
      break;
    }
    case 'node-down':
      d.toWorkload({ kind: 'node-down', now_ms, node: input.node, reason: input.reason });
      break;
    case 'node-garbage':
      d.problem('non-json', input.node, `${input.node} printed something that is not a message: ${input.reason}`, now_ms);
      break;
    case 'node-line-too-long': {
      // It printed: it has not hung, whatever else is wrong with it.
      d.s.workload = noteHeard(d.s.workload, input.node, now_ms);
      d.problem('line-too-long', input.node, `${input.node} printed a line longer than ${input.limit_chars} characters, the runner's limit (--max-line-mb), dropped unread; it began: ${input.head}`, now_ms);
      break;
    }
    case 'tick':
      break;
  }
  // Messages due by now arrive (a network tick with none due would change nothing).
  if ((nextArrival_ms(d.s.network) ?? Infinity) <= now_ms) {
    const [network, arrivals] = networkStep(d.s.network, { kind: 'tick', now_ms });
    d.s.network = network;
    d.routeArrivals(arrivals, now_ms);
  }
  const wake = d.s.workload_wake_ms;
  if (wake !== undefined && wake <= now_ms) d.toWorkload({ kind: 'tick', now_ms });
  const arrival = nextArrival_ms(d.s.network);
  const workloadWake = d.s.workload_wake_ms;
  const next_ms = arrival === undefined ? workloadWake : workloadWake === undefined ? arrival : Math.min(arrival, workloadWake);
  if (next_ms !== undefined && !harnessDone(d.s)) d.effects.push({ kind: 'timer', at_ms: next_ms });
  return [d.s, d.effects];
};
