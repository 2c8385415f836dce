/**
 * What a node tracks per key to replicate it without an owner: its own
 * entries (to send to its peers), what each peer has promised, and the
 * entries it knows of but may not show yet.
 *
 * The stable point of a key at a node is the smallest of every node's floor
 * for it: its own next offset, and each peer's promise as last heard. Below
 * it the node holds every entry any node ever assigns, so polls are served
 * from there and never skip an offset that turns up later. The key's
 * partition (node/state.ts) holds exactly the offsets below the stable
 * point, holes included: `partition.log.length` is the stable point.
 */
import { append, appendAll, emptyLog, type AppendLog } from '../persistent/append-log.js';
import { get, set } from '../persistent/hamt.js';
import type { OffsetMessage } from '../node/partition.js';
import { partitionOf, type Cluster, type NodeState } from '../node/state.js';
import { initialFloor, nextInClass, selfIndex } from './offsets.js';
import { updateAllPeers } from './state.js';

/** A peer's promise about one key, and how much of what it assigned we hold. */
export interface PeerFloor {
  /** How many of the peer's own entries of the key we hold: always the first ones it assigned. */
  readonly count: number;
  /** The peer never assigns the key an offset below this. Invariant: every entry it assigned below it is among our first `count`. */
  readonly floor: number;
}

export interface KeyReplica {
  /** The entries this node assigned, in the order assigned (so by ascending offset). */
  readonly own: AppendLog<OffsetMessage>;
  /** The highest offset known for the key, from any node; -1 if none. */
  readonly maxKnown: number;
  /** Entries held but not shown yet: at or above the stable point, by ascending offset. */
  readonly pending: readonly OffsetMessage[];
  /** Per peer; a peer not listed has said nothing: count 0, floor its initial floor. */
  readonly peers: Readonly<Record<string, PeerFloor>>;
}

export const emptyReplica: KeyReplica = { own: emptyLog(), maxKnown: -1, pending: [], peers: {} };

export const replicaOf = (state: NodeState, key: string): KeyReplica => get(state.replicas, key) ?? emptyReplica;

/** This node's promise: the next offset it would assign the key, below which it never assigns again. */
export const ownFloor = (cluster: Cluster, replica: KeyReplica): number =>
  nextInClass(selfIndex(cluster), cluster.nodeIds.length, replica.maxKnown);

export const peerFloor = (cluster: Cluster, replica: KeyReplica, id: string): PeerFloor =>
  replica.peers[id] ?? { count: 0, floor: initialFloor(cluster.nodeIds, id) };

/** The smallest floor of all nodes: below it, nothing will ever be assigned that this node lacks. */
export const stablePoint = (cluster: Cluster, replica: KeyReplica): number => {
  let stable = ownFloor(cluster, replica);
  for (const id of cluster.nodeIds) if (id !== cluster.self) stable = Math.min(stable, peerFloor(cluster, replica, id).floor);
  return stable;
};

/**
 * Stores `replica` and moves its pending entries below the (possibly higher)
 * stable point into the partition, with a hole for every offset nobody
 * assigned: the partition grows to exactly the stable point.
 */
export const settle = (state: NodeState, cluster: Cluster, key: string, replica: KeyReplica): NodeState => {
  const partition = partitionOf(state, key);
  const stable = stablePoint(cluster, replica);
  if (stable <= partition.log.length) return { ...state, replicas: set(state.replicas, key, replica) };
  const shown: unknown[] = [];
  let p = 0;
  for (let offset = partition.log.length; offset < stable; offset++) {
    const entry = replica.pending[p];
    if (entry !== undefined && entry[0] === offset) {
      shown.push(entry[1]);
      p++;
    } else {
      shown.push(undefined); // a hole: no node assigned this offset, and none ever will
    }
  }
  const settled = p === 0 ? replica : { ...replica, pending: replica.pending.slice(p) };
  return {
    ...state,
    partitions: set(state.partitions, key, { ...partition, log: appendAll(partition.log, shown) }),
    replicas: set(state.replicas, key, settled),
  };
};

/** Every peer is owed news of `key`: new entries of ours, or a higher floor. */
export const owePeers = (state: NodeState, key: string): NodeState => ({
  ...state,
  peers: updateAllPeers(state.peers, (peer) => (get(peer.unsentKeys, key) === undefined ? { ...peer, unsentKeys: set(peer.unsentKeys, key, true) } : peer)),
});

/**
 * A send, assigned here and now: the next offset of this node's class above
 * everything it knows. Final at once, whoever is reachable.
 */
export const assign = (state: NodeState, cluster: Cluster, key: string, msg: unknown): readonly [NodeState, number] => {
  const replica = replicaOf(state, key);
  const offset = ownFloor(cluster, replica);
  const entry: OffsetMessage = [offset, msg];
  // offset > maxKnown >= every pending offset: appending keeps `pending` sorted.
  const next: KeyReplica = { ...replica, own: append(replica.own, entry), maxKnown: offset, pending: [...replica.pending, entry] };
  return [settle(owePeers(state, key), cluster, key, next), offset];
};

/** Merges two runs sorted by offset (offsets never repeat: each has one assigner). */
export const mergeByOffset = (a: readonly OffsetMessage[], b: readonly OffsetMessage[]): OffsetMessage[] => {
  const merged: OffsetMessage[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i]![0] < b[j]![0] ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
};
