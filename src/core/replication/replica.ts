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
import type { Cluster } from '../node/cluster.js';
import type { OffsetMessage } from '../node/shown-log.js';
import { nextInClass, selfIndex } from './offsets.js';

export interface KeyReplica {
  /** The highest offset known for the key, from any node; -1 if none. */
  readonly maxKnown: number;
  /** Entries held but not shown yet: at or above the stable point, by ascending offset. */
  readonly pending: Pending;
  /** Per neighbor (in `cluster.neighbors` order), the floor behind it as last heard. Invariant: never decreases. */
  readonly behind: readonly number[];
}

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
export const dropShown = (pending: Pending, to: number): Pending => {
  if (to === pending.log.length) return noPending;
  if (to * 2 < pending.log.length) return { log: pending.log, start: to };
  const kept = pending.log.backing.slice(to, pending.log.length);
  return { log: { length: kept.length, backing: kept }, start: 0 };
};
