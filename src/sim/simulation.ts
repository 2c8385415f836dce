/**
 * The whole cluster as one pure, seeded state machine on virtual time:
 *
 *   simStep(state) -> [state, event]
 *
 * composes the runner's harness (workload, clients, services, network: the
 * very code the runner runs) with N node reducers (the real `step`, or a
 * variant), exactly as the runner's shell composes the harness with node
 * processes: what the harness delivers to a node goes through
 * `decodeNodeInput` and the node's `step`; what the node sends enters the
 * harness as `node-output`, and so the network, with its latency, loss,
 * duplication and partitions. Timers are events on the same clock.
 *
 * Each call takes the earliest event off the queue (events.ts), carries it
 * out, and, when a node stepped, asserts the invariants (invariants.ts).
 * The state is persistent like everything it holds: an old state is a valid
 * snapshot forever, and stepping it again gives the same future.
 *
 * Invariant: the run is a function of its configuration alone. Every choice
 * comes from a generator seeded by `harness.workload.seed`; ties between
 * events at one instant break by scheduling order.
 */
import type { Effect, Message } from '../core/machine.js';
import type { TraceEntry } from '../maelstrom/history/trace.js';
import type { NodeInput } from '../core/node/input.js';
import { initialNodeState, type NodeState } from '../core/node/state.js';
import { append, emptyLog, type AppendLog } from '../core/persistent/append-log.js';
import { decodeNodeInput } from '../core/protocol/decode.js';
import { harnessDone, harnessStep, initialHarness, type HarnessInput, type HarnessState } from '../maelstrom/workload/harness.js';
import { nextUniform, seedRandom, type Rng } from '../maelstrom/workload/random.js';
import { threadOfClient } from '../maelstrom/workload/workload.js';
import type { SimConfig } from './config.js';
import { emptyQueue, nextEvent, schedule, type EventQueue, type SimEvent } from './events.js';
import { brokenInvariant, type InvariantContext, type WaitingRequest } from './invariants.js';

export interface SimNode {
  readonly id: string;
  readonly state: NodeState;
  /** The node's one timer, as its shell keeps it: the earliest deadline asked for since it last fired; Infinity if none. */
  readonly timer_at_ms: number;
  readonly timer_gen: number;
}

export type SimFailureKind =
  /** An invariant of invariants.ts broke. */
  | 'invariant'
  /** A node's step threw (the node's shell would drop the input and go on; here it is a bug). */
  | 'node-error'
  /** Nothing left to happen, yet the workload is not done. */
  | 'stalled'
  /** `max_steps` events and still not done. */
  | 'step-limit';

export interface SimFailure {
  readonly kind: SimFailureKind;
  readonly seed: number;
  /** The number of the event at which it happened (replaying the seed reaches it at the same number). */
  readonly step: number;
  readonly time_ms: number;
  readonly node: string | null;
  readonly text: string;
}

export interface LogLine {
  /** A node id, or "harness" for the workload, services and network. */
  readonly source: string;
  readonly time_ms: number;
  readonly text: string;
}

export interface SimState {
  readonly config: SimConfig;
  readonly now_ms: number;
  /** Events carried out so far (stale timer events are skipped and not counted). */
  readonly steps: number;
  readonly harness: HarnessState;
  readonly harness_wake_ms: number;
  readonly harness_gen: number;
  readonly nodes: readonly SimNode[];
  readonly queue: EventQueue;
  readonly next_seq: number;
  /** The simulator's own randomness (timer jitter), apart from the harness's streams. */
  readonly rng: Rng;
  /** Every input delivered to every node, in order (when `record_trace`). */
  readonly trace: AppendLog<TraceEntry>;
  readonly logs: AppendLog<LogLine>;
  readonly failure: SimFailure | null;
  /** True once the workload is done or the run failed. */
  readonly done: boolean;
}

const SIM_STREAM = 6;

export const initialSimulation = (config: SimConfig): SimState => {
  const nodes = config.harness.workload.node_ids.map((id) => ({ id, state: initialNodeState(config.node), timer_at_ms: Infinity, timer_gen: 0 }));
  return {
    config,
    now_ms: 0,
    steps: 0,
    harness: initialHarness(config.harness),
    harness_wake_ms: 0,
    harness_gen: 0,
    nodes,
    // The harness's first tick sends every node its init.
    queue: schedule(emptyQueue, { kind: 'wake', at_ms: 0, seq: 0, gen: 0 }, 0),
    next_seq: 1,
    rng: seedRandom(config.harness.workload.seed, SIM_STREAM),
    trace: emptyLog(),
    logs: emptyLog(),
    failure: null,
    done: false,
  };
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A working copy for one step (or a whole run): a shallow copy of the state, updated in place, never the state it came from. */
class Draft implements InvariantContext {
  readonly s: Mutable<SimState>;
  private ownsNodes = false;

  constructor(state: SimState) {
    // Field by field: a spread of this many fields costs several times more, once per event.
    this.s = {
      config: state.config,
      now_ms: state.now_ms,
      steps: state.steps,
      harness: state.harness,
      harness_wake_ms: state.harness_wake_ms,
      harness_gen: state.harness_gen,
      nodes: state.nodes,
      queue: state.queue,
      next_seq: state.next_seq,
      rng: state.rng,
      trace: state.trace,
      logs: state.logs,
      failure: state.failure,
      done: state.done,
    };
  }

  get nodeIds(): readonly string[] {
    return this.s.config.harness.workload.node_ids;
  }

  nodeState(id: string): NodeState {
    return this.s.nodes[this.nodeIds.indexOf(id)]!.state;
  }

  waiting(client: string, msg_id: number): WaitingRequest | undefined {
    const thread = threadOfClient(this.s.harness.workload, client);
    const pending = thread?.client.pending;
    if (pending === null || pending === undefined || pending.msg_id !== msg_id) return undefined;
    if (pending.rpc === 'send' && pending.invocation.f === 'send') return { rpc: 'send', key: pending.invocation.key, msg: pending.invocation.msg };
    // While a poll waits, the client's positions are exactly the offsets it asked for.
    if (pending.rpc === 'poll') return { rpc: 'poll', offsets: thread!.client.positions };
    return { rpc: 'other' };
  }

  setNode(index: number, node: SimNode): void {
    if (!this.ownsNodes) {
      this.s.nodes = this.s.nodes.slice();
      this.ownsNodes = true;
    }
    (this.s.nodes as SimNode[])[index] = node;
  }

  schedule(event: SimEvent): void {
    this.s.queue = schedule(this.s.queue, event, this.s.now_ms);
  }

  nextSeq(): number {
    return this.s.next_seq++;
  }

  log(source: string, text: string): void {
    if (this.s.config.record_trace) this.s.logs = append(this.s.logs, { source, time_ms: this.s.now_ms, text });
  }

  trace(entry: TraceEntry): void {
    if (this.s.config.record_trace) this.s.trace = append(this.s.trace, entry);
  }

  fail(kind: SimFailure['kind'], node: string | null, text: string): void {
    const { s } = this;
    s.failure = { kind, seed: s.config.harness.workload.seed, step: s.steps, time_ms: s.now_ms, node, text };
    s.done = true;
  }

  // --- the harness --------------------------------------------------------------------

  stepHarness(input: HarnessInput): void {
    const [harness, effects] = harnessStep(this.s.harness, input);
    this.s.harness = harness;
    let wake = Infinity;
    for (const effect of effects) {
      if (effect.kind === 'send') this.toNode(effect.message);
      else if (effect.kind === 'timer') wake = Math.min(wake, effect.at_ms);
      else this.log('harness', effect.text);
    }
    // The harness names its next wake-up in every step; the last one named is the one that stands.
    if (wake !== this.s.harness_wake_ms) {
      this.s.harness_wake_ms = wake;
      this.s.harness_gen++;
      if (wake !== Infinity) this.schedule({ kind: 'wake', at_ms: Math.max(wake, this.s.now_ms), seq: this.nextSeq(), gen: this.s.harness_gen });
    }
  }

  /** The network delivers `message` to its node now; the node reads it as the next event of this instant. */
  toNode(message: Message): void {
    const index = this.nodeIds.indexOf(message.dest);
    if (index < 0) return;
    this.schedule({ kind: 'deliver', at_ms: this.s.now_ms, seq: this.nextSeq(), node: index, message });
  }

  // --- the nodes ----------------------------------------------------------------------

  deliver(index: number, message: Message): void {
    const node = this.s.nodes[index]!;
    this.trace({ node: node.id, time_ms: this.s.now_ms, message });
    const raw: unknown = this.s.config.wire_json ? JSON.parse(JSON.stringify(message)) : message;
    const decoded = decodeNodeInput(raw, this.s.now_ms);
    if (decoded._tag === 'Left') {
      this.log(node.id, `skipping: ${decoded.left}`);
      return;
    }
    this.stepNode(index, decoded.right);
  }

  tick(index: number): void {
    const node = this.s.nodes[index]!;
    this.setNode(index, { id: node.id, state: node.state, timer_at_ms: Infinity, timer_gen: node.timer_gen });
    this.trace({ node: node.id, time_ms: this.s.now_ms, tick: true });
    this.stepNode(index, { kind: 'tick', now_ms: this.s.now_ms });
  }

  stepNode(index: number, input: NodeInput): void {
    const node = this.s.nodes[index]!;
    let result: readonly [NodeState, readonly Effect[]];
    try {
      result = this.s.config.nodeStep(node.state, input);
    } catch (error) {
      this.fail('node-error', node.id, `${node.id}'s step threw on a ${input.kind} input: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const [state, effects] = result;
    let { timer_at_ms, timer_gen } = node;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          this.schedule({ kind: 'output', at_ms: this.s.now_ms, seq: this.nextSeq(), node: index, message: effect.message });
          break;
        case 'timer':
          // One timer per node, for the earliest deadline asked for (as src/shell/node/main.ts keeps it).
          if (effect.at_ms < timer_at_ms) {
            timer_at_ms = effect.at_ms;
            timer_gen++;
            const at_ms = Math.max(effect.at_ms, this.s.now_ms) + this.jitter();
            this.schedule({ kind: 'tick', at_ms, seq: this.nextSeq(), gen: timer_gen, node: index });
          }
          break;
        case 'log':
          this.log(node.id, effect.text);
          break;
      }
    }
    this.setNode(index, { id: node.id, state, timer_at_ms, timer_gen });
    if (this.s.config.check_invariants) {
      const broken = brokenInvariant(this, node.id, node.state, state, effects);
      if (broken !== null) this.fail('invariant', node.id, broken);
    }
  }

  jitter(): number {
    if (this.s.config.tick_jitter_ms <= 0) return 0;
    const [jitter_ms, rng] = nextUniform(this.s.rng, this.s.config.tick_jitter_ms);
    this.s.rng = rng;
    return jitter_ms;
  }

  /** Carries out `event`; false if it was a stale timer, which counts as nothing. */
  carryOut(event: SimEvent): boolean {
    switch (event.kind) {
      case 'wake':
        if (event.gen !== this.s.harness_gen) return false;
        this.s.harness_wake_ms = Infinity;
        this.s.harness_gen++;
        this.begin(event);
        this.stepHarness({ kind: 'tick', now_ms: event.at_ms });
        return true;
      case 'tick':
        if (event.gen !== this.s.nodes[event.node]!.timer_gen) return false;
        this.begin(event);
        this.tick(event.node);
        return true;
      case 'deliver':
        this.begin(event);
        this.deliver(event.node, event.message);
        return true;
      case 'output':
        this.begin(event);
        this.stepHarness({ kind: 'node-output', now_ms: event.at_ms, node: this.nodeIds[event.node]!, message: event.message });
        return true;
    }
  }

  private begin(event: SimEvent): void {
    this.s.now_ms = event.at_ms;
    this.s.steps++;
  }
}

/** Carries out the next event on `d`; returns it, or null when the run just stopped for want of events. */
const carryOutNext = (d: Draft): SimEvent | null => {
  for (;;) {
    const next = nextEvent(d.s.queue);
    if (next === undefined) {
      d.fail('stalled', null, `nothing left to happen at ${d.s.now_ms} ms, yet the workload is in phase ${d.s.harness.workload.phase}`);
      return null;
    }
    const [event, rest] = next;
    d.s.queue = rest;
    if (!d.carryOut(event)) continue;
    if (!d.s.done && harnessDone(d.s.harness)) d.s.done = true;
    if (!d.s.done && d.s.steps >= d.s.config.max_steps) d.fail('step-limit', null, `not done after ${d.s.steps} events (${d.s.now_ms} ms of virtual time)`);
    return event;
  }
};

/**
 * Carries out the next event. Returns the new state and the event (null when
 * the run was already over, or just stopped for want of events or steps).
 */
export const simStep = (state: SimState): readonly [SimState, SimEvent | null] => {
  if (state.done) return [state, null];
  const d = new Draft(state);
  const event = carryOutNext(d);
  return [d.s, event];
};

/**
 * Runs to the end: the workload done, or a failure. The same events as
 * stepping with simStep until done, but on one working copy: nobody sees
 * the states in between, so none is built.
 */
export const runSimulation = (config: SimConfig): SimState => {
  const d = new Draft(initialSimulation(config));
  while (!d.s.done) carryOutNext(d);
  return d.s;
};
