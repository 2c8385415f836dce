/**
 * Everything a node knows. Persistent: a step returns a new state sharing all
 * unchanged parts with the old one, and never changes the old one, so any
 * earlier state (a demo snapshot, a property-test witness) stays valid.
 */
import { emptyMap, get, type PMap } from '../persistent/hamt.js';
import type { LinkState } from '../replication/link.js';
import { emptyNews, type NewsLog } from '../replication/news.js';
import type { KeyReplica } from '../replication/replica.js';
import type { Cluster } from './cluster.js';
import { defaultNodeConfig, type NodeConfig } from './config.js';
import { emptyPartition, type Partition } from './partition.js';

export type { Cluster } from './cluster.js';
export { emptyPartition, type Partition } from './partition.js';

export interface NodeState {
  readonly config: NodeConfig;
  /** Undefined until `init`; every other request is refused (error 11) before it. */
  readonly cluster: Cluster | undefined;
  /** The msg_id our next outgoing message gets. Invariant: strictly increasing. */
  readonly nextMsgId: number;
  /** Every key as polls see it: what is below its stable point, and its committed offset. */
  readonly partitions: PMap<Partition>;
  /** With neighbors: per key, the highest offset known, the floors behind each neighbor, and what is not shown yet (replication/replica.ts). */
  readonly replicas: PMap<KeyReplica>;
  /** What this node has to tell its neighbors, in the order it happened; kept until every neighbor has it (replication/news.ts). */
  readonly news: NewsLog;
  /** One per neighbor, in `cluster.neighbors` order; empty before init and on a single node. */
  readonly links: readonly LinkState[];
  /** When the next replication tick is due; Infinity when there is nobody to replicate to. */
  readonly nextTick_ms: number;
}

export const initialNodeState = (config: NodeConfig = defaultNodeConfig): NodeState => ({
  config,
  cluster: undefined,
  nextMsgId: 0,
  partitions: emptyMap(),
  replicas: emptyMap(),
  news: emptyNews,
  links: [],
  nextTick_ms: Infinity,
});

/**
 * The state with other partitions, and the next msg_id the step's outbox
 * will hand out (so that the step need not copy the state again to record
 * it). Every field is written out rather than spread, as in step.ts's
 * `withNextMsgId`: this runs once per send on a single node (issue 21).
 */
export const withPartitions = (state: NodeState, partitions: PMap<Partition>, nextMsgId: number): NodeState => ({
  config: state.config,
  cluster: state.cluster,
  nextMsgId,
  partitions,
  replicas: state.replicas,
  news: state.news,
  links: state.links,
  nextTick_ms: state.nextTick_ms,
});

export const partitionOf = (state: NodeState, key: string): Partition =>
  get(state.partitions, key) ?? emptyPartition;
