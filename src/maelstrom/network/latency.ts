/**
 * Message latency as Maelstrom's `--latency MS --latency-dist D` draw it:
 * `constant` is always the mean, `uniform` an integer in [0, 2 * mean), and
 * `exponential` has the given mean. Like Maelstrom, latencies are whole
 * milliseconds (truncated), and only messages between servers (nodes and
 * services) are delayed: a message to or from a client arrives at once,
 * because client latency hides anomalies rather than revealing them.
 */
import { nextExponential, nextInt, type Rng } from '../workload/random.js';

export const LATENCY_DISTS = ['constant', 'uniform', 'exponential'] as const;
export type LatencyDist = (typeof LATENCY_DISTS)[number];

export interface LatencyConfig {
  readonly mean_ms: number;
  readonly dist: LatencyDist;
}

export const NO_LATENCY: LatencyConfig = { mean_ms: 0, dist: 'constant' };

export const drawLatency = (rng: Rng, config: LatencyConfig): readonly [number, Rng] => {
  if (config.mean_ms <= 0) return [0, rng];
  switch (config.dist) {
    case 'constant':
      return [Math.floor(config.mean_ms), rng];
    case 'uniform':
      return nextInt(rng, Math.floor(2 * config.mean_ms));
    case 'exponential': {
      const [ms, next] = nextExponential(rng, config.mean_ms);
      return [Math.floor(ms), next];
    }
  }
};
