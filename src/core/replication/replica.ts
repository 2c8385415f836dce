/**
 * What a node tracks per key to replicate it without an owner: the highest
 * offset it knows, the floor behind each neighbor, and the entries it holds
 * but may not show yet.
 *
 * A node's floor for a key is the next offset it would assign; it never
 * assigns below it again. The floor behind a neighbor is the lowest floor of
 * every node whose news reaches us through that neighbor (the neighbor alone
 * in a mesh; all the others behind a hub), and we hold every entry those
 * nodes assigned below it. The stable point of a key is the lowest of our own
 * floor and every floor behind a neighbor: below it the node holds every
 * entry any node ever assigns, so polls are served from there and never skip
 * an offset that turns up later. The key's partition (node/partition.ts)
 * holds exactly the offsets below the stable point, holes included:
 * `partition.log.length` is the stable point.
 */
import { append, emptyLog, type AppendLog } from '../persistent/append-log.js';
import { get, set } from '../persistent/hamt.js';
import type { Cluster } from '../node/cluster.js';
import type { OffsetMessage } from '../node/partition.js';
import { decideUpTo } from '../node/shown-log.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { addNews } from './news.js';
import { nextInClass, selfIndex } from './offsets.js';

export interface KeyReplica {
  /** The highest offset known for the key, from any node; -1 if none. */
  readonly maxKnown: number;
  /** Entries held but not shown yet: at or above the stable point, by ascending offset. */
  readonly pending: Pending;
  /** Per neighbor (in `cluster.neighbors` order), the floor behind it as last heard. Invariant: never decreases. */
  readonly behind: readonly number[];
}

export const replicaOf = (state: NodeState, key: string): KeyReplica =>
  get(state.replicas, key) ?? { maxKnown: -1, pending: noPending, behind: state.links.map((link) => link.initialFloor) };

/** This node's promise: the next offset it would assign the key, below which it never assigns again. */
export const ownFloor = (cluster: Cluster, replica: KeyReplica): number =>
  nextInClass(selfIndex(cluster), cluster.nodeIds.length, replica.maxKnown);

/** The smallest floor of all nodes: below it, nothing will ever be assigned that this node lacks. */
export const stablePoint = (cluster: Cluster, replica: KeyReplica): number => {
  let stable = ownFloor(cluster, replica);
  for (const floor of replica.behind) if (floor < stable) stable = floor;
  return stable;
};

/**
 * What we promise the neighbor at `index` for the part of the cluster it
 * reaches through us: our own floor, and, if we relay, the floors behind
 * every other neighbor.
 */
export const floorTowards = (cluster: Cluster, replica: KeyReplica, index: number): number => {
  let floor = ownFloor(cluster, replica);
  if (!cluster.relays) return floor;
  const { behind } = replica;
  for (let i = 0; i < behind.length; i++) if (i !== index && behind[i]! < floor) floor = behind[i]!;
  return floor;
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

/**
 * Pending entries: `log` from index `start` on, by ascending offset. Shown
 * entries leave by moving `start`, and one above every other joins by a
 * persistent append, so neither copies (a partition makes pending long);
 * only an entry that arrives below a later one does.
 */
export interface Pending {
  readonly log: AppendLog<OffsetMessage>;
  readonly start: number;
}

export const noPending: Pending = { log: emptyLog(), start: 0 };

export const pendingEntries = (pending: Pending): OffsetMessage[] => pending.log.backing.slice(pending.start, pending.log.length);

export const pendingCount = (pending: Pending): number => pending.log.length - pending.start;

/** `pending` with `entry` in offset order (its offset is not there yet). */
export const addPending = (pending: Pending, entry: OffsetMessage): Pending => {
  const { log, start } = pending;
  if (start === log.length || log.backing[log.length - 1]![0] < entry[0]) return { log: append(log, entry), start };
  const entries = pendingEntries(pending);
  let i = entries.length;
  while (i > 0 && entries[i - 1]![0] > entry[0]) i--;
  entries.splice(i, 0, entry);
  return { log: { length: entries.length, backing: entries }, start: 0 };
};

/** `pending` without its entries before index `to` of its log (they were shown); copied once half of it is dead. */
const dropShown = (pending: Pending, to: number): Pending => {
  if (to === pending.log.length) return noPending;
  if (to * 2 < pending.log.length) return { log: pending.log, start: to };
  const kept = pending.log.backing.slice(to, pending.log.length);
  return { log: { length: kept.length, backing: kept }, start: 0 };
};
