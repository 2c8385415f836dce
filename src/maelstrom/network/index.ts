/**
 * The simulated network and its faults, pure: latency by distribution,
 * partitions as grudges, loss and duplication, the partition nemesis schedule.
 */
export { clientId, involvesClient, isClientId, nodeIds } from './addresses.js';
export { completeGrudge, componentsOf, drops, grudgeFor, PARTITION_SPECS, type Grudge, type PartitionSpec } from './grudge.js';
export { drawLatency, LATENCY_DISTS, NO_LATENCY, type LatencyConfig, type LatencyDist } from './latency.js';
export { healNemesis, nemesisTick, startNemesis, type NemesisConfig, type NemesisEvent, type NemesisState } from './nemesis.js';
export {
  DEFAULT_NETWORK,
  inFlightCount,
  initialNetwork,
  networkStep,
  nextArrival_ms,
  type InFlight,
  type NetworkConfig,
  type NetworkInput,
  type NetworkState,
} from './network.js';
export { countReceived, countSent, emptyNetStats, type NetCounts, type NetStats } from './stats.js';
