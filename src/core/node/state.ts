/**
 * Everything a node knows. Persistent: a step returns a new state sharing all
 * unchanged parts with the old one, and never changes the old one, so any
 * earlier state (a demo snapshot, a property-test witness) stays valid.
 */
import { emptyLog, type AppendLog } from '../persistent/append-log.js';
import { emptyMap, get, type PMap } from '../persistent/hamt.js';
import type { KeyReplica } from '../replication/replica.js';
import type { Peers } from '../replication/state.js';
import { defaultNodeConfig, type NodeConfig } from './config.js';

/** One key's log as this node holds it. */
export interface Partition {
  /**
   * Messages by offset, every offset below the key's stable point (a hole,
   * `undefined`, where no node assigned it; there are none on one node).
   * Invariant: it only grows, and an offset, once in it, never changes.
   */
  readonly log: AppendLog<unknown>;
  /** Highest offset any client committed, or -1. Invariant: never decreases. */
  readonly committed: number;
}

export const emptyPartition: Partition = { log: emptyLog(), committed: -1 };

export interface Cluster {
  readonly self: string;
  /** Every node of the cluster, self included, in the order `init` gave. */
  readonly nodeIds: readonly string[];
}

export interface NodeState {
  readonly config: NodeConfig;
  /** Undefined until `init`; every other request is refused (error 11) before it. */
  readonly cluster: Cluster | undefined;
  /** The msg_id our next outgoing message gets. Invariant: strictly increasing. */
  readonly nextMsgId: number;
  /** Every key as polls see it: what is below its stable point, and its committed offset. */
  readonly partitions: PMap<Partition>;
  /** With peers: per key, our own entries, the peers' floors and what is not shown yet (replication/replica.ts). */
  readonly replicas: PMap<KeyReplica>;
  /** One record per other node of the cluster; empty before init and on a single node. */
  readonly peers: Peers;
  /** When the next replication tick is due; Infinity when there is nobody to replicate to. */
  readonly nextTick_ms: number;
}

export const initialNodeState = (config: NodeConfig = defaultNodeConfig): NodeState => ({
  config,
  cluster: undefined,
  nextMsgId: 0,
  partitions: emptyMap(),
  replicas: emptyMap(),
  peers: {},
  nextTick_ms: Infinity,
});

export const partitionOf = (state: NodeState, key: string): Partition =>
  get(state.partitions, key) ?? emptyPartition;
