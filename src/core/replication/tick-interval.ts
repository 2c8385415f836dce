import { isStar, type Cluster } from '../node/cluster.js';
import type { NodeConfig } from '../node/config.js';
import type { NodeState } from '../node/state.js';

/** A star ticks at its own, longer interval (node/config.ts); a mesh at the replication interval. */
export const tickInterval = (config: NodeConfig, cluster: Cluster): number =>
  isStar(cluster) ? config.starIntervalMs : config.replicationIntervalMs;

export const tickOf = (state: NodeState): number => tickInterval(state.config, state.cluster!);
