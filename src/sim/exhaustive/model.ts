/**
 * A tiny cluster as a transition system for exhaustive exploration: the real
 * node reducers (through the real decoder), the real kafka clients, each with
 * a fixed script of operations, and a network that is nothing but the set of
 * messages in flight. There is no latency and no random choice: what the
 * explorer chooses, at each state, is which enabled event happens next:
 *
 *   deliver   any message in flight reaches its node
 *   tick      a node's timer fires: the clock moves to its deadline (bounded per node)
 *   drop      a message between nodes is lost (bounded, off by default)
 *   duplicate a message between nodes is delivered twice (bounded, off by default)
 *
 * Clients act at once, as soon as they can (see `runClients`): their replies
 * arrive and their next operations start without a choice.
 *
 * Every state is persistent (the node states are; everything else here is
 * rebuilt, never changed), so the explorer branches from any state at no cost.
 */
import type { Op } from '../../maelstrom/history/op.js';
import type { Effect, Message } from '../../core/machine.js';
import { isClientId } from '../../maelstrom/network/addresses.js';
import type { NodeConfig } from '../../core/node/config.js';
import type { NodeInput } from '../../core/node/input.js';
import { initialNodeState, type NodeState } from '../../core/node/state.js';
import { decodeNodeInput } from '../../core/protocol/decode.js';
import { clientReceive, invokeClient, openClient, type ClientStep, type KafkaClient } from '../../maelstrom/workload/client.js';
import { invokeValue, type Invocation } from '../../maelstrom/workload/invocation.js';
import type { NodeStep } from '../config.js';
import { brokenInvariant, type InvariantContext, type WaitingRequest } from '../invariants.js';

export interface ModelClient {
  readonly client: KafkaClient;
  readonly process: number;
  /** The operations it has yet to start. */
  readonly script: readonly Invocation[];
  /** The operation in progress (its invocation), if any. */
  readonly open: Invocation | null;
}

export interface ModelState {
  readonly clock_ms: number;
  readonly nodes: readonly NodeState[];
  /** Each node's one timer (Infinity: none), as its shell keeps it. */
  readonly timers: readonly number[];
  readonly ticks_left: readonly number[];
  readonly clients: readonly ModelClient[];
  /** A multiset: order carries no meaning. */
  readonly in_flight: readonly Message[];
  readonly drops_left: number;
  readonly duplicates_left: number;
  /** The history along the path that reached this state. */
  readonly history: readonly Op[];
}

export type ModelEvent =
  | { readonly kind: 'deliver'; readonly index: number }
  | { readonly kind: 'invoke'; readonly client: number }
  | { readonly kind: 'tick'; readonly node: number }
  | { readonly kind: 'drop'; readonly index: number }
  | { readonly kind: 'duplicate'; readonly index: number };

export interface ModelSetup {
  readonly node_ids: readonly string[];
  readonly node: NodeConfig;
  readonly nodeStep: NodeStep;
  /** Client i talks to node_ids[i mod n] and runs scripts[i]; its positions start at 0 for `keys`. */
  readonly scripts: readonly (readonly Invocation[])[];
  readonly keys: readonly string[];
  readonly ticks_per_node: number;
  readonly drops: number;
  readonly duplicates: number;
}

/** A node step broke an invariant, or threw: the explorer stops with the path that led here. */
export class ModelViolation extends Error {}

const isNodeToNode = (message: Message): boolean => !isClientId(message.src) && !isClientId(message.dest);

class Draft implements InvariantContext {
  clock_ms: number;
  nodes: NodeState[];
  timers: number[];
  ticks_left: number[];
  clients: ModelClient[];
  in_flight: Message[];
  drops_left: number;
  duplicates_left: number;
  history: Op[];

  constructor(
    readonly setup: ModelSetup,
    s: ModelState,
  ) {
    this.clock_ms = s.clock_ms;
    this.nodes = s.nodes.slice();
    this.timers = s.timers.slice();
    this.ticks_left = s.ticks_left.slice();
    this.clients = s.clients.slice();
    this.in_flight = s.in_flight.slice();
    this.drops_left = s.drops_left;
    this.duplicates_left = s.duplicates_left;
    this.history = s.history.slice();
  }

  get nodeIds(): readonly string[] {
    return this.setup.node_ids;
  }

  nodeState(id: string): NodeState {
    return this.nodes[this.setup.node_ids.indexOf(id)]!;
  }

  waiting(client: string, msg_id: number): WaitingRequest | undefined {
    const c = this.clients.find((x) => x.client.id === client);
    const pending = c?.client.pending;
    if (pending === null || pending === undefined || pending.msg_id !== msg_id) return undefined;
    if (pending.rpc === 'send' && pending.invocation.f === 'send') return { rpc: 'send', key: pending.invocation.key, msg: pending.invocation.msg };
    if (pending.rpc === 'poll') return { rpc: 'poll', offsets: c!.client.positions };
    return { rpc: 'other' };
  }

  done(): ModelState {
    return {
      clock_ms: this.clock_ms,
      nodes: this.nodes,
      timers: this.timers,
      ticks_left: this.ticks_left,
      clients: this.clients,
      in_flight: this.in_flight,
      drops_left: this.drops_left,
      duplicates_left: this.duplicates_left,
      history: this.history,
    };
  }

  record(fields: Omit<Op, 'index' | 'time'>): void {
    this.history.push({ index: this.history.length, time: Math.round(this.clock_ms * 1e6), ...fields });
  }

  stepNode(index: number, input: NodeInput): void {
    const id = this.setup.node_ids[index]!;
    const before = this.nodes[index]!;
    let result: readonly [NodeState, readonly Effect[]];
    try {
      result = this.setup.nodeStep(before, input);
    } catch (error) {
      throw new ModelViolation(`${id}'s step threw on a ${input.kind} input: ${error instanceof Error ? error.message : String(error)}`);
    }
    const [after, effects] = result;
    this.nodes[index] = after;
    const broken = brokenInvariant(this, id, before, after, effects);
    if (broken !== null) throw new ModelViolation(broken);
    for (const effect of effects) {
      if (effect.kind === 'send') this.in_flight.push(effect.message);
      else if (effect.kind === 'timer') this.timers[index] = Math.min(this.timers[index]!, effect.at_ms);
    }
  }

  deliver(message: Message): void {
    const node = this.setup.node_ids.indexOf(message.dest);
    if (node >= 0) {
      const decoded = decodeNodeInput(message, this.clock_ms);
      if (decoded._tag === 'Right') this.stepNode(node, decoded.right);
      return;
    }
    const c = this.clients.findIndex((x) => x.client.id === message.dest);
    const waiting = this.clients[c];
    // A reply its client no longer waits for (it cannot happen without timeouts, but costs nothing to allow).
    if (waiting === undefined || waiting.client.pending === null || waiting.client.pending.msg_id !== message.body.in_reply_to) return;
    this.applyClientStep(c, clientReceive(waiting.client, message.body, this.clock_ms, Infinity));
  }

  invoke(index: number): void {
    const c = this.clients[index]!;
    const invocation = c.script[0]!;
    this.clients[index] = { ...c, script: c.script.slice(1), open: invocation };
    this.record({ type: 'invoke', process: c.process, f: invocation.f, value: invokeValue(invocation), node: c.client.node });
    this.applyClientStep(index, invokeClient(c.client, invocation, this.clock_ms, Infinity));
  }

  applyClientStep(index: number, step: ClientStep): void {
    const c = this.clients[index]!;
    if (step.request !== null) this.in_flight.push(step.request);
    if (step.outcome === null || c.open === null) {
      this.clients[index] = { ...c, client: step.client };
      return;
    }
    const { outcome } = step;
    const value = outcome.type === 'ok' ? outcome.value : invokeValue(c.open);
    this.record({ type: outcome.type, process: c.process, f: c.open.f, value, node: c.client.node, ...(outcome.type === 'ok' ? {} : { error: outcome.error }) });
    this.clients[index] = { ...c, client: step.client, open: null };
  }

  tick(index: number): void {
    this.clock_ms = Math.max(this.clock_ms, this.timers[index]!);
    this.timers[index] = Infinity;
    this.ticks_left[index] = this.ticks_left[index]! - 1;
    this.stepNode(index, { kind: 'tick', now_ms: this.clock_ms });
  }
}

/** Every node initialised at time 0 (its init_ok dropped), every client idle with its script. */
export const initialModel = (setup: ModelSetup): ModelState => {
  const n = setup.node_ids.length;
  const d = new Draft(setup, {
    clock_ms: 0,
    nodes: setup.node_ids.map(() => initialNodeState(setup.node)),
    timers: setup.node_ids.map(() => Infinity),
    ticks_left: setup.node_ids.map(() => setup.ticks_per_node),
    clients: setup.scripts.map((script, i) => ({
      client: { ...openClient(`c${n + i}`, setup.node_ids[i % n]!), positions: Object.fromEntries(setup.keys.map((k) => [k, 0])) },
      process: i,
      script,
      open: null,
    })),
    in_flight: [],
    drops_left: setup.drops,
    duplicates_left: setup.duplicates,
    history: [],
  });
  setup.node_ids.forEach((id, i) => {
    d.deliver({ src: `c${i}`, dest: id, body: { type: 'init', msg_id: 1, node_id: id, node_ids: [...setup.node_ids] } });
  });
  d.in_flight = d.in_flight.filter((m) => m.body.type !== 'init_ok');
  return runClients(setup, d.done());
};

/**
 * What clients do is local: delivering a reply to a client, and a client
 * starting its next operation, touch only that client (and put a request in
 * flight, to be delivered whenever the explorer likes). Such an event
 * commutes with every other, and no other can disable it, so taking it at
 * once loses no behaviour of the nodes; only the interleaving of different
 * processes in the history changes, which the checker does not look at.
 * This is the explorer's main reduction: only nodes' events branch.
 */
export const runClients = (setup: ModelSetup, state: ModelState): ModelState => {
  const d = new Draft(setup, state);
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (let i = 0; i < d.in_flight.length; ) {
      const message = d.in_flight[i]!;
      if (!isClientId(message.dest)) {
        i++;
        continue;
      }
      d.in_flight.splice(i, 1);
      d.deliver(message);
      progressed = true;
    }
    d.clients.forEach((c, index) => {
      if (c.open !== null || c.script.length === 0) return;
      d.invoke(index);
      progressed = true;
    });
  }
  return d.done();
};

/** The events enabled in `state`, in a fixed order: deliveries to nodes, losses, duplicates, ticks. */
export const enabledEvents = (state: ModelState): ModelEvent[] => {
  const events: ModelEvent[] = [];
  state.in_flight.forEach((message, index) => {
    if (isClientId(message.dest)) return;
    events.push({ kind: 'deliver', index });
    if (state.drops_left > 0 && isNodeToNode(message)) events.push({ kind: 'drop', index });
    if (state.duplicates_left > 0 && isNodeToNode(message)) events.push({ kind: 'duplicate', index });
  });
  state.timers.forEach((at_ms, node) => {
    if (at_ms !== Infinity && state.ticks_left[node]! > 0) events.push({ kind: 'tick', node });
  });
  return events;
};

/** The state after `event`. Throws ModelViolation when a node breaks an invariant. */
export const applyEvent = (setup: ModelSetup, state: ModelState, event: ModelEvent): ModelState => {
  const d = new Draft(setup, state);
  switch (event.kind) {
    case 'deliver': {
      const [message] = d.in_flight.splice(event.index, 1);
      d.deliver(message!);
      break;
    }
    case 'drop':
      d.in_flight.splice(event.index, 1);
      d.drops_left--;
      break;
    case 'duplicate':
      d.in_flight.push(d.in_flight[event.index]!);
      d.duplicates_left--;
      break;
    case 'invoke':
      d.invoke(event.client);
      break;
    case 'tick':
      d.tick(event.node);
      break;
  }
  return runClients(setup, d.done());
};

/** An event in words, for the path to a violation. */
export const describeEvent = (state: ModelState, event: ModelEvent): string => {
  switch (event.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const m = state.in_flight[event.index]!;
      return `${event.kind} ${m.src}->${m.dest} ${JSON.stringify(m.body)}`;
    }
    case 'invoke': {
      const c = state.clients[event.client]!;
      return `invoke p${c.process} ${JSON.stringify(invokeValue(c.script[0]!))}`;
    }
    case 'tick':
      return `tick n${event.node} at ${Math.max(state.clock_ms, state.timers[event.node]!)} ms`;
  }
};

/**
 * Runs `state` to quiescence along one fixed schedule (messages first, in
 * sending order; then idle clients; then the earliest timer), with `ticks`
 * more ticks in all, so replication and repairs have time to finish.
 */
export const settle = (setup: ModelSetup, state: ModelState, ticks: number): ModelState => {
  let s: ModelState = { ...state, ticks_left: state.ticks_left.map(() => Infinity), drops_left: 0, duplicates_left: 0 };
  let ticked = 0;
  for (;;) {
    s = runClients(setup, s);
    if (s.in_flight.length > 0) {
      s = applyEvent(setup, s, { kind: 'deliver', index: 0 });
      continue;
    }
    if (ticked >= ticks) return { ...s, ticks_left: state.ticks_left.map(() => 0) };
    let earliest = -1;
    s.timers.forEach((at_ms, node) => {
      if (at_ms !== Infinity && (earliest < 0 || at_ms < s.timers[earliest]!)) earliest = node;
    });
    if (earliest < 0) return s;
    s = applyEvent(setup, s, { kind: 'tick', node: earliest });
    ticked++;
  }
};

/** The final phase, as the workload runs it: a fresh client per node assigns every key from 0 and polls it (after settling, one poll reads all). */
export const finalReads = (setup: ModelSetup, state: ModelState): ModelState => {
  let s = state;
  const base = s.clients.length;
  setup.node_ids.forEach((node, i) => {
    const client: ModelClient = {
      client: openClient(`c${100 + i}`, node),
      process: 100 + i,
      script: [{ f: 'assign', keys: setup.keys, seek_to_beginning: true }, { f: 'poll' }],
      open: null,
    };
    s = { ...s, clients: [...s.clients, client] };
  });
  s = settle(setup, s, 0);
  return { ...s, clients: s.clients.slice(0, base) };
};
