/**
 * The workload as both command lines (bin/kafka-workload, bin/kafka-sim) ask
 * for it, in their units (seconds), and the one place those become the
 * workload's configuration (milliseconds).
 */
import { nodeIds } from '../network/addresses.js';
import type { LatencyDist } from '../network/latency.js';
import { workloadConfig, type WorkloadConfig } from './config.js';

/** The workload and network flags bin/kafka-sim shares with bin/kafka-workload, in their command-line units (seconds). */
export interface WorkloadOptions {
  readonly seed: number;
  readonly node_count: number;
  readonly concurrency: number;
  readonly rate_hz: number;
  readonly time_limit_s: number;
  readonly latency_ms: number;
  readonly latency_dist: LatencyDist;
  readonly nemesis_partition: boolean;
  readonly nemesis_interval_s: number;
  readonly max_writes_per_key: number;
  readonly final_time_limit_s: number;
}

/**
 * The workload the shared flags ask for: the one place where their seconds
 * become milliseconds, for the runner and the simulator alike. `extra` sets
 * what only one of them has a flag for.
 */
export const workloadConfigOf = (options: WorkloadOptions, extra: Partial<WorkloadConfig> = {}): WorkloadConfig =>
  workloadConfig({
    node_ids: nodeIds(options.node_count),
    concurrency: options.concurrency,
    seed: options.seed,
    rate_hz: options.rate_hz,
    time_limit_ms: options.time_limit_s * 1000,
    max_writes_per_key: options.max_writes_per_key,
    nemesis: options.nemesis_partition ? { interval_ms: options.nemesis_interval_s * 1000 } : null,
    final_time_limit_ms: options.final_time_limit_s * 1000,
    ...extra,
  });
