/**
 * A key's replica as part of the node's state: read it (a key never heard of
 * has its neighbors' initial floors), assign a send, and settle, which shows
 * every pending entry below the stable point. Everything that both reads the
 * replica and changes the node's state lives here, so that replica.ts knows
 * nothing of the state it is kept in.
 */
import { get, set } from '../persistent/hamt.js';
import type { Cluster } from '../node/cluster.js';
import { decideUpTo } from '../node/shown-log.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { addNews } from './news.js';
import { addPending, dropShown, noPending, ownFloor, stablePoint, type KeyReplica } from './replica.js';

export const replicaOf = (state: NodeState, key: string): KeyReplica =>
  get(state.replicas, key) ?? { maxKnown: -1, pending: noPending, behind: state.links.map((link) => link.initialFloor) };

/**
 * Stores `replica` and moves its pending entries below the (possibly higher)
 * stable point into the partition, with a hole for every offset nobody
 * assigned: the partition grows to exactly the stable point.
 */
export const settle = (state: NodeState, cluster: Cluster, key: string, replica: KeyReplica): NodeState => {
  const partition = partitionOf(state, key);
  const stable = stablePoint(cluster, replica);
  if (stable <= partition.log.length) return { ...state, replicas: set(state.replicas, key, replica) };
  // Every pending entry below the stable point is shown; every other offset there is a hole: no node assigned it, and none ever will.
  const { log } = replica.pending;
  let p = replica.pending.start;
  while (p < log.length && log.backing[p]![0] < stable) p++;
  const shown = log.backing.slice(replica.pending.start, p);
  const settled = p === replica.pending.start ? replica : { ...replica, pending: dropShown(replica.pending, p) };
  return {
    ...state,
    partitions: set(state.partitions, key, { ...partition, log: decideUpTo(partition.log, shown, stable) }),
    replicas: set(state.replicas, key, settled),
  };
};

/**
 * A send, assigned here and now: the next offset of this node's class above
 * everything it knows. Final at once, whoever is reachable; every neighbor
 * hears of it on the next tick.
 */
export const assign = (state: NodeState, cluster: Cluster, key: string, msg: unknown): readonly [NodeState, number] => {
  const replica = replicaOf(state, key);
  const offset = ownFloor(cluster, replica);
  const next: KeyReplica = { maxKnown: offset, pending: addPending(replica.pending, [offset, msg]), behind: replica.behind };
  const told = { ...state, news: addNews(state.news, [key, offset, msg, -1]) };
  return [settle(told, cluster, key, next), offset];
};

/** Whether the node already holds `offset` of the key: shown (below the stable point) or pending. */
export const holdsOffset = (state: NodeState, key: string, replica: KeyReplica, offset: number): boolean => {
  if (offset < partitionOf(state, key).log.length) return true;
  const { log } = replica.pending;
  let lo = replica.pending.start;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const o = log.backing[mid]![0];
    if (o === offset) return true;
    if (o < offset) lo = mid + 1;
    else hi = mid;
  }
  return false;
};

