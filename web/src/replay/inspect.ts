/**
 * Plain, sorted views of a node's persistent state, for the page and the
 * tests: the HAMTs become sorted lists, the append-only logs arrays of
 * their messages. Reading only: nothing here builds a state.
 */
import type { NodeState, Partition } from '../../../src/core/node/state.js';
import { decidedSlots, messageAt as shownMessageAt } from '../../../src/core/node/shown-log.js';
import { entries, get, type PMap } from '../../../src/core/persistent/hamt.js';
import { ownFloor, pendingCount, pendingEntries } from '../../../src/core/replication/replica.js';

const DIGITS = /^[0-9]+$/;

/**
 * "2" before "10". Maelstrom's keys are decimal integers, compared here
 * without localeCompare (which costs a microsecond a call, and the page sorts
 * thousands of keys on every step); other keys fall back to it.
 */
export const naturalOrder = (a: string, b: string): number => {
  if (DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a.localeCompare(b, 'en', { numeric: true });
};

export const sortedKeys = <V>(map: PMap<V>): string[] => [...entries(map)].map(([key]) => key).sort(naturalOrder);

/** Every key any of the nodes holds, in natural order ("2" before "10"). */
export const keysOf = (states: readonly NodeState[]): string[] => {
  const keys = new Set<string>();
  for (const state of states) for (const [key] of entries(state.partitions)) keys.add(key);
  return [...keys].sort(naturalOrder);
};

export const partitionAt = (state: NodeState, key: string): Partition | undefined => get(state.partitions, key);

/** Messages of a partition's log by offset, from `from` (inclusive) to `to` (exclusive); undefined at a hole (an offset nobody assigned). */
export const logEntries = (partition: Partition, from = 0, to = partition.log.length): unknown[] => decidedSlots(partition.log, from, to);

export const messageAt = (partition: Partition, offset: number): unknown => shownMessageAt(partition.log, offset);

/** A key's stable point at this node: polls there show every offset below it, and nothing above. */
export const stableIn = (state: NodeState, key: string): number => get(state.partitions, key)?.log.length ?? 0;

/** What a node knows of one key's replication: its own floor, the floor behind each neighbor, and the stable point they make. */
export interface KeyView {
  readonly key: string;
  readonly stable: number;
  readonly ownFloor: number;
  /** Entries held but not shown yet. */
  readonly pending: number;
  /** Per neighbor (in the overlay's order): the floor behind it as last heard. */
  readonly peers: readonly { readonly id: string; readonly floor: number }[];
}

export const keyViewsOf = (state: NodeState): KeyView[] => {
  const cluster = state.cluster;
  if (cluster === undefined) return [];
  return [...entries(state.replicas)]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([key, replica]) => ({
      key,
      stable: stableIn(state, key),
      ownFloor: ownFloor(cluster, replica),
      pending: pendingCount(replica.pending),
      peers: cluster.neighbors.map((id, i) => ({ id, floor: replica.behind[i]! })),
    }));
};

/** One link of the overlay, both directions: how far our news reached the neighbor, and its news us. */
export interface PeerView {
  readonly id: string;
  readonly sent: number;
  readonly acked: number;
  readonly received: number;
  readonly retryAt_ms: number;
  readonly tries: number;
  readonly rtt_ms: number;
  readonly ackDueSince_ms: number;
}

export const peersOf = (state: NodeState): PeerView[] =>
  state.links.map((link) => ({
    id: link.id,
    sent: link.sent,
    acked: link.acked,
    received: link.received,
    retryAt_ms: link.retryAt_ms,
    tries: link.tries,
    rtt_ms: link.rtt_ms,
    ackDueSince_ms: link.ackDueSince_ms,
  }));

/** Everything observable about a node's state, as plain sorted data: what two equal states must agree on. */
export const plainState = (state: NodeState): unknown => ({
  cluster: state.cluster,
  nextMsgId: state.nextMsgId,
  nextTick_ms: state.nextTick_ms,
  partitions: [...entries(state.partitions)]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([key, p]) => ({ key, committed: p.committed, log: logEntries(p) })),
  peers: peersOf(state),
  keys: keyViewsOf(state).map((view) => ({ ...view, pendingEntries: pendingEntries(get(state.replicas, view.key)!.pending) })),
});
