/**
 * Plain, sorted views of a node's persistent state, for the page and the
 * tests: the HAMTs become sorted lists, the append-only logs arrays of
 * their messages. Reading only: nothing here builds a state.
 */
import type { NodeState, Partition } from '../../../src/core/node/state.js';
import { at, slice } from '../../../src/core/persistent/append-log.js';
import { entries, get, type PMap } from '../../../src/core/persistent/hamt.js';
import { ownFloor, peerFloor } from '../../../src/core/replication/replica.js';
import type { SentMark } from '../../../src/core/replication/state.js';

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
export const logEntries = (partition: Partition, from = 0, to = partition.log.length): unknown[] => slice(partition.log, from, to);

export const messageAt = (partition: Partition, offset: number): unknown => at(partition.log, offset);

/** A key's stable point at this node: polls there show every offset below it, and nothing above. */
export const stableIn = (state: NodeState, key: string): number => get(state.partitions, key)?.log.length ?? 0;

/** What a node knows of one key's replication: its own floor, each peer's, and the stable point they make. */
export interface KeyView {
  readonly key: string;
  readonly stable: number;
  readonly ownFloor: number;
  /** Entries this node assigned, and entries held but not shown yet. */
  readonly own: number;
  readonly pending: number;
  /** Per peer (in the peers' order): its floor as last heard, and how many of its entries are held. */
  readonly peers: readonly { readonly id: string; readonly floor: number; readonly count: number }[];
}

export const keyViewsOf = (state: NodeState): KeyView[] => {
  const cluster = state.cluster;
  if (cluster === undefined) return [];
  const ids = Object.keys(state.peers).sort(naturalOrder);
  return [...entries(state.replicas)]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([key, replica]) => ({
      key,
      stable: stableIn(state, key),
      ownFloor: ownFloor(cluster, replica),
      own: replica.own.length,
      pending: replica.pending.length,
      peers: ids.map((id) => ({ id, ...peerFloor(cluster, replica, id) })),
    }));
};

export interface PeerView {
  readonly id: string;
  readonly lastHeard_ms: number;
  readonly lastFullReport_ms: number;
  readonly nextSyncSeq: number;
  readonly heardSyncSeq: number;
  readonly unsentKeys: readonly string[];
  readonly sent: readonly (readonly [key: string, mark: SentMark])[];
  readonly unsentCommits: readonly string[];
  readonly reportDue: boolean;
}

export const peersOf = (state: NodeState): PeerView[] =>
  Object.keys(state.peers)
    .sort(naturalOrder)
    .map((id) => {
      const peer = state.peers[id]!;
      return {
        id,
        lastHeard_ms: peer.lastHeard_ms,
        lastFullReport_ms: peer.lastFullReport_ms,
        nextSyncSeq: peer.nextSyncSeq,
        heardSyncSeq: peer.heardSyncSeq,
        unsentKeys: sortedKeys(peer.unsentKeys),
        sent: [...entries(peer.sent)].sort(([a], [b]) => naturalOrder(a, b)),
        unsentCommits: sortedKeys(peer.unsentCommits),
        reportDue: peer.reportDue,
      };
    });

/** Everything observable about a node's state, as plain sorted data: what two equal states must agree on. */
export const plainState = (state: NodeState): unknown => ({
  cluster: state.cluster,
  nextMsgId: state.nextMsgId,
  nextTick_ms: state.nextTick_ms,
  partitions: [...entries(state.partitions)]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([key, p]) => ({ key, committed: p.committed, log: logEntries(p) })),
  peers: peersOf(state),
  keys: keyViewsOf(state).map((view) => ({ ...view, pendingEntries: get(state.replicas, view.key)!.pending })),
});
