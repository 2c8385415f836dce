/**
 * From the command line's options to the pure harness's configuration: the
 * shared flags as the simulator reads them too (workloadConfigOf), the
 * runner's own timeouts, and a network with no loss or duplication.
 */
import { DEFAULT_NETWORK } from '../../maelstrom/network/network.js';
import { workloadConfigOf } from '../../maelstrom/workload/options.js';
import type { HarnessConfig } from '../../maelstrom/workload/harness.js';
import type { RunnerOptions } from './cli.js';

export const harnessConfigOf = (options: RunnerOptions): HarnessConfig => ({
  workload: workloadConfigOf(options, {
    client_timeout_ms: options.client_timeout_ms,
    init_timeout_ms: options.init_timeout_s * 1000,
    recovery_ms: options.recovery_time_s * 1000,
    key_count: options.key_count,
    strict: options.strict,
  }),
  network: { ...DEFAULT_NETWORK, latency: { mean_ms: options.latency_ms, dist: options.latency_dist } },
});
