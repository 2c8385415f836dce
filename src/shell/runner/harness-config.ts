/**
 * From the command line's options to the pure harness's configuration: the
 * one place where seconds become milliseconds and flags become fields.
 */
import { nodeIds } from '../../core/network/addresses.js';
import { DEFAULT_NETWORK } from '../../core/network/network.js';
import { workloadConfig } from '../../core/workload/config.js';
import type { HarnessConfig } from '../../core/workload/harness.js';
import type { RunnerOptions } from './cli.js';

export const harnessConfigOf = (options: RunnerOptions): HarnessConfig => ({
  workload: workloadConfig({
    node_ids: nodeIds(options.node_count),
    concurrency: options.concurrency,
    seed: options.seed,
    rate_hz: options.rate_hz,
    time_limit_ms: options.time_limit_s * 1000,
    max_writes_per_key: options.max_writes_per_key,
    client_timeout_ms: options.client_timeout_ms,
    init_timeout_ms: options.init_timeout_s * 1000,
    nemesis: options.nemesis_partition ? { interval_ms: options.nemesis_interval_s * 1000 } : null,
    recovery_ms: options.recovery_time_s * 1000,
    final_time_limit_ms: options.final_time_limit_s * 1000,
  }),
  network: { ...DEFAULT_NETWORK, latency: { mean_ms: options.latency_ms, dist: options.latency_dist } },
});
