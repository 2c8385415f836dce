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
 *   Node timings are shrunk so a few ticks reach a retry.
 * - Two states are the same if the nodes, clients, messages in flight (as a
 *   multiset), clock, budgets, and each process's own sequence of operations
 *   are. The interleaving of different processes' operations in the history
 *   is left out: every kafka anomaly is defined over one process's order
 *   and the logs' version orders, never over real time between processes.
 * - Clients never time out (a timeout only turns an operation `info`, which
 *   weakens what the checker can say), and messages to and from clients are
 *   never lost or duplicated (Maelstrom's clients carry no idempotency).
 * - With `reduce` (the default): sleep sets (reduction.ts): fewer
 *   transitions, the same states and end states.
 */
import { check } from '../../checker/index.js';
import type { Op } from '../../maelstrom/history/op.js';
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';
import { step } from '../../core/node/step.js';
import type { Invocation } from '../../maelstrom/workload/invocation.js';
import type { NodeStep } from '../config.js';
import { canonical, hash53, hashOnce } from './canonical.js';
import { applyEvent, describeEvent, enabledEvents, finalReads, initialModel, ModelViolation, settle, type ModelEvent, type ModelSetup, type ModelState } from './model.js';
import { eventKey, footprint, independent } from './reduction.js';

export interface ExploreOptions {
  /** Nodes in the cluster, 2 or 3, each with one client. */
  readonly nodes: number;
  /** Operations per client, 1 to 4 (a prefix of each client's script). */
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
  /** Sleep sets (reduction.ts); off: every transition, for comparison. */
  readonly reduce: boolean;
  /** Keep the key of every leaf, to compare a reduced search with an unreduced one. */
  readonly collect_leaves: boolean;
}

/** Timings shrunk so that a handful of ticks reach a retry. */
export const TINY_TIMINGS: NodeConfig = {
  ...defaultNodeConfig,
  replicationIntervalMs: 10,
  retryAfterMs: 20,
  retryMaxMs: 40,
};

export const EXPLORE_DEFAULTS: ExploreOptions = {
  nodes: 2,
  ops_per_client: 3,
  ticks_per_node: 1,
  drops: 0,
  duplicates: 0,
  node: TINY_TIMINGS,
  nodeStep: step,
  max_states: 2_000_000,
  settle_ticks: 40,
  reduce: true,
  collect_leaves: false,
};

export interface Violation {
  readonly text: string;
  /** The events from the initial state to the violation. */
  readonly path: readonly string[];
  readonly history: readonly Op[];
  /** A shorter schedule that still breaks something (`shrink`), with what it breaks. */
  readonly shrunk: { readonly text: string; readonly path: readonly string[] };
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
  /** With `collect_leaves`: the key of every leaf reached. */
  readonly leaf_keys: ReadonlySet<number>;
}

const NODE_IDS = ['n0', 'n1', 'n2'];

/**
 * One client per node. Client i sends to key i and to the previous client's
 * key, then polls both from offset 0: so every key is written at two nodes,
 * from two residue classes of offsets, and each poll may meet the nodes'
 * floors at any stage. (At two nodes: client 0 sends to 0 then 1, client 1
 * to 1 then 0.) A fourth operation sends to its own key again, a key's third
 * message (with a value of its own: values are unique per key, as in Maelstrom).
 */
export const scriptsFor = (keys: readonly string[], ops: number): Invocation[][] =>
  keys.map((own, i) => {
    const previous = keys[(i + keys.length - 1) % keys.length]!;
    const script: Invocation[] = [
      { f: 'send', key: own, msg: i + 1 },
      { f: 'send', key: previous, msg: i + 1 },
      { f: 'poll' },
      { f: 'send', key: own, msg: 4 * (i + 1) },
    ];
    return script.slice(0, ops);
  });

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

/**
 * An end state judged: run to quiescence along one fixed schedule, every
 * client's operations completed, read to the end by fresh clients, and the
 * whole history checked (`unseen` included). Throws ModelViolation.
 */
const judgeEnd = (setup: ModelSetup, end: ModelState, settle_ticks: number): void => {
  const settled = settle(setup, end, settle_ticks);
  const open = settled.clients.filter((c) => c.open !== null);
  if (open.length > 0) throw new ModelViolation(`after settling, ${open.map((c) => `p${c.process}'s ${c.open!.f}`).join(', ')} never completed`);
  const history = finalReads(setup, settled).history;
  const result = check(history);
  if (result['bad-error-types'].length > 0) {
    const counts = result['bad-error-types'].map((t) => `${t} (${result.counts[t] ?? 0})`).join(', ');
    throw new ModelViolation(`the checker found ${counts}`);
  }
};

/** Replays a schedule of event keys: what it breaks (a step, or its settled end), 'invalid' if an event is not enabled when its turn comes, or null. */
const replay = (setup: ModelSetup, keys: readonly string[], settle_ticks: number): { text: string | null; path: string[] } | 'invalid' => {
  let state = initialModel(setup);
  const path: string[] = [];
  try {
    for (const key of keys) {
      const event = enabledEvents(state).find((e) => eventKey(state, e) === key);
      if (event === undefined) return 'invalid';
      path.push(describeEvent(state, event));
      state = applyEvent(setup, state, event);
    }
    judgeEnd(setup, state, settle_ticks);
    return { text: null, path };
  } catch (error) {
    if (!(error instanceof ModelViolation)) throw error;
    return { text: error.message, path };
  }
};

/**
 * A violating schedule made short: drop any one event whose removal still
 * leaves a valid schedule that breaks something (in a step, or once the end
 * is settled and checked), until no single event can go.
 */
export const shrink = (setup: ModelSetup, keys: readonly string[], settle_ticks: number): { text: string; path: string[] } => {
  let best = keys;
  let found = replay(setup, best, settle_ticks);
  for (let shorter = true; shorter; ) {
    shorter = false;
    for (let i = best.length - 1; i >= 0; i--) {
      const candidate = [...best.slice(0, i), ...best.slice(i + 1)];
      const outcome = replay(setup, candidate, settle_ticks);
      if (outcome === 'invalid' || outcome.text === null) continue;
      [best, found, shorter] = [candidate, outcome, true];
    }
  }
  if (found === 'invalid' || found.text === null) return { text: 'the violation did not replay', path: [] };
  return { text: found.text, path: found.path };
};

export const explore = (fields: Partial<ExploreOptions> = {}): ExploreResult => {
  const o = { ...EXPLORE_DEFAULTS, ...fields };
  if (o.nodes < 2 || o.nodes > NODE_IDS.length) throw new Error(`nodes must be 2 or 3, got ${o.nodes}`);
  const node_ids = NODE_IDS.slice(0, o.nodes);
  const keys = node_ids.map((_, i) => String(i));
  const setup: ModelSetup = {
    node_ids,
    node: o.node,
    nodeStep: o.nodeStep,
    scripts: scriptsFor(keys, o.ops_per_client),
    keys,
    ticks_per_node: o.ticks_per_node,
    drops: o.drops,
    duplicates: o.duplicates,
  };
  /** Each state seen, with the sleep set it was last explored under (reduce only; else null). */
  const seen = new Map<number, readonly string[] | null>();
  const leaf_keys = new Set<number>();
  /** The states and events from the initial state to the one being visited; described only for a violation. */
  const path: [ModelState, ModelEvent][] = [];
  const describePath = (): string[] => path.map(([state, event]) => describeEvent(state, event));
  let transitions = 0;
  let leaves = 0;
  let complete = true;
  let violation: Violation | null = null;

  const judgeLeaf = (leaf: ModelState): void => {
    leaves++;
    judgeEnd(setup, leaf, o.settle_ticks);
  };

  const caught = (error: unknown, state: ModelState): void => {
    if (!(error instanceof ModelViolation)) throw error;
    violation = { text: error.message, path: describePath(), history: state.history, shrunk: shrink(setup, path.map(([at, event]) => eventKey(at, event)), o.settle_ticks) };
  };

  /**
   * Depth first. `sleep`: events already explored from an earlier state of an equivalent
   * order, not to be taken here (reduce only; Godefroid's sleep sets with a
   * state cache: a state seen before is explored again only for the events
   * it slept on then and does not now).
   */
  const visit = (state: ModelState, sleep: ReadonlyMap<string, ModelEvent>): void => {
    if (violation !== null || !complete) return;
    const key = stateKey(state);
    const enabled = enabledEvents(state);
    let todo: ModelEvent[];
    let asleep = new Map(sleep);
    const before = seen.get(key);
    if (before !== undefined) {
      if (!o.reduce || before === null) return;
      const now = new Set(sleep.keys());
      const wake = before.filter((k) => !now.has(k));
      if (wake.length === 0) return;
      const keep = new Set(before);
      asleep = new Map([...sleep].filter(([k]) => keep.has(k)));
      seen.set(key, [...asleep.keys()]);
      const waking = new Set(wake);
      todo = enabled.filter((e) => waking.has(eventKey(state, e)));
    } else {
      if (seen.size >= o.max_states) {
        complete = false;
        return;
      }
      seen.set(key, o.reduce ? [...sleep.keys()] : null);
      if (enabled.length === 0) {
        if (o.collect_leaves) leaf_keys.add(key);
        try {
          judgeLeaf(state);
        } catch (error) {
          caught(error, state);
        }
        return;
      }
      todo = o.reduce ? enabled.filter((e) => !sleep.has(eventKey(state, e))) : enabled;
    }
    const prints = o.reduce ? new Map(enabled.map((e) => [eventKey(state, e), footprint(state, e, node_ids)] as const)) : null;
    for (const event of todo) {
      let next: ModelState;
      path.push([state, event]);
      try {
        next = applyEvent(setup, state, event);
      } catch (error) {
        caught(error, state);
        return;
      }
      transitions++;
      if (o.reduce) {
        const k = eventKey(state, event);
        const mine = prints!.get(k)!;
        const childSleep = new Map(
          [...asleep].filter(([other]) => {
            const theirs = prints!.get(other);
            return theirs !== undefined && independent(theirs, mine);
          }),
        );
        visit(next, childSleep);
        asleep.set(k, event);
      } else visit(next, asleep);
      path.pop();
      if (violation !== null) return;
    }
  };

  visit(initialModel(setup), new Map());
  return { states: seen.size, transitions, leaves, complete, violation, setup, leaf_keys };
};
