/**
 * Exhaustive exploration of a tiny cluster: every order in which the events
 * of model.ts can happen, depth first over the pure states, skipping a state
 * already seen (by a 53-bit hash of its canonical form). At every state the
 * nodes' invariants hold (they are asserted at every node step); at every
 * leaf (nothing left to happen within the bounds) the run is settled and
 * read to the end, and the checker judges the whole history: no anomaly,
 * `unseen` included.
 *
 * Reductions, each sound for what is checked:
 * - Time moves only on ticks, and each node ticks at most `ticks_per_node`
 *   times while exploring; settling after a leaf adds as many as repairs need.
 *   Node timings are shrunk so a few ticks reach every timeout and full report.
 * - Two states are the same if the nodes, clients, messages in flight (as a
 *   multiset), clock, budgets, and each process's own sequence of operations
 *   are. The interleaving of different processes' operations in the history
 *   is left out: every kafka anomaly is defined over one process's order
 *   and the logs' version orders, never over real time between processes.
 * - Clients never time out (a timeout only turns an operation `info`, which
 *   weakens what the checker can say), and messages to and from clients are
 *   never lost or duplicated (Maelstrom's clients carry no idempotency).
 */
import { check } from '../../checker/index.js';
import type { Op } from '../../maelstrom/history/op.js';
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';
import { step } from '../../core/node/step.js';
import type { Invocation } from '../../maelstrom/workload/invocation.js';
import type { NodeStep } from '../config.js';
import { canonical, hash53, hashOnce } from './canonical.js';
import { applyEvent, describeEvent, enabledEvents, finalReads, initialModel, ModelViolation, settle, type ModelEvent, type ModelSetup, type ModelState } from './model.js';

export interface ExploreOptions {
  /** Operations per client, 1 to 3 (a prefix of each client's script). */
  readonly ops_per_client: number;
  readonly ticks_per_node: number;
  /** Messages between nodes the network may lose, and deliver twice, along one path. */
  readonly drops: number;
  readonly duplicates: number;
  readonly node: NodeConfig;
  readonly nodeStep: NodeStep;
  /** Stop (incomplete) after this many distinct states. */
  readonly max_states: number;
  /** Ticks allowed after a leaf for replication and repairs to finish before the final reads. */
  readonly settle_ticks: number;
}

/** Timings shrunk so that a handful of ticks reach full reports and suspicion. */
export const TINY_TIMINGS: NodeConfig = {
  ...defaultNodeConfig,
  replicationIntervalMs: 10,
  fullReportIntervalMs: 20,
  suspectAfterMs: 40,
};

export const EXPLORE_DEFAULTS: ExploreOptions = {
  ops_per_client: 3,
  ticks_per_node: 1,
  drops: 0,
  duplicates: 0,
  node: TINY_TIMINGS,
  nodeStep: step,
  max_states: 2_000_000,
  settle_ticks: 40,
};

export interface Violation {
  readonly text: string;
  /** The events from the initial state to the violation. */
  readonly path: readonly string[];
  readonly history: readonly Op[];
}

export interface ExploreResult {
  /** Distinct states reached (each expanded once). */
  readonly states: number;
  readonly transitions: number;
  /** States with nothing left to happen, each settled, read to the end and checked. */
  readonly leaves: number;
  /** False when `max_states` stopped the search before it was exhaustive. */
  readonly complete: boolean;
  readonly violation: Violation | null;
  readonly setup: ModelSetup;
}

const NODE_IDS = ['n0', 'n1'];

/** Two keys, both written at both nodes, so each key's offsets are assigned concurrently by two classes. */
const KEYS = ['0', '1'];

/**
 * Two clients, one per node. Each sends to both keys, in opposite orders,
 * then polls both from offset 0: so each key gets a send at each node, and
 * each poll may meet the nodes' floors at any stage.
 */
export const scriptsFor = (keys: readonly string[], ops: number): Invocation[][] => {
  const [a, b] = keys as [string, string];
  return [
    [{ f: 'send', key: a, msg: 1 }, { f: 'send', key: b, msg: 1 }, { f: 'poll' }],
    [{ f: 'send', key: b, msg: 2 }, { f: 'send', key: a, msg: 2 }, { f: 'poll' }],
  ].map((script) => script.slice(0, ops) as Invocation[]);
};

const opTexts = new WeakMap<Op, string>();

/** An operation without its place in the history (index, time): what one process did. */
const opText = (op: Op): string => {
  let text = opTexts.get(op);
  if (text === undefined) {
    text = canonical([op.process, op.type, op.f, op.value, op.error ?? null]);
    opTexts.set(op, text);
  }
  return text;
};

/** What identifies a state for the search (see the reductions above). */
const stateKey = (s: ModelState): number => {
  const perProcess = s.history
    .map((op) => ({ process: String(op.process), text: opText(op) }))
    .sort((x, y) => (x.process < y.process ? -1 : x.process > y.process ? 1 : 0))
    .map((x) => x.text);
  // Each part's hash is computed once per object; the state's key hashes the list of them.
  const parts = [
    canonical([s.clock_ms, s.timers, s.ticks_left, s.drops_left, s.duplicates_left]),
    ...s.nodes.map(hashOnce),
    ...s.clients.map(hashOnce),
    '|',
    ...s.in_flight.map(hashOnce).sort((a, b) => a - b),
    '|',
    ...perProcess,
  ];
  return hash53(parts.join(','));
};

export const explore = (fields: Partial<ExploreOptions> = {}): ExploreResult => {
  const o = { ...EXPLORE_DEFAULTS, ...fields };
  const keys = KEYS;
  const setup: ModelSetup = {
    node_ids: NODE_IDS,
    node: o.node,
    nodeStep: o.nodeStep,
    scripts: scriptsFor(keys, o.ops_per_client),
    keys,
    ticks_per_node: o.ticks_per_node,
    drops: o.drops,
    duplicates: o.duplicates,
  };
  const seen = new Set<number>();
  /** The states and events from the initial state to the one being visited; described only for a violation. */
  const path: [ModelState, ModelEvent][] = [];
  const describePath = (): string[] => path.map(([state, event]) => describeEvent(state, event));
  let transitions = 0;
  let leaves = 0;
  let complete = true;
  let violation: Violation | null = null;

  const judgeLeaf = (leaf: ModelState): void => {
    leaves++;
    const settled = settle(setup, leaf, o.settle_ticks);
    const open = settled.clients.filter((c) => c.open !== null);
    if (open.length > 0) throw new ModelViolation(`after settling, ${open.map((c) => `p${c.process}'s ${c.open!.f}`).join(', ')} never completed`);
    const history = finalReads(setup, settled).history;
    const result = check(history);
    if (result['bad-error-types'].length > 0) {
      const counts = result['bad-error-types'].map((t) => `${t} (${result.counts[t] ?? 0})`).join(', ');
      throw new ModelViolation(`the checker found ${counts}`);
    }
  };

  const visit = (state: ModelState): void => {
    if (violation !== null || !complete) return;
    const key = stateKey(state);
    if (seen.has(key)) return;
    if (seen.size >= o.max_states) {
      complete = false;
      return;
    }
    seen.add(key);
    const events = enabledEvents(state);
    try {
      if (events.length === 0) judgeLeaf(state);
    } catch (error) {
      if (!(error instanceof ModelViolation)) throw error;
      violation = { text: error.message, path: describePath(), history: state.history };
      return;
    }
    for (const event of events) {
      let next: ModelState;
      path.push([state, event]);
      try {
        next = applyEvent(setup, state, event);
      } catch (error) {
        if (!(error instanceof ModelViolation)) throw error;
        violation = { text: error.message, path: describePath(), history: state.history };
        return;
      }
      transitions++;
      visit(next);
      path.pop();
      if (violation !== null) return;
    }
  };

  visit(initialModel(setup));
  return { states: seen.size, transitions, leaves, complete, violation, setup };
};
