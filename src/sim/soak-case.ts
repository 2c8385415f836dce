/**
 * One soak run, drawn from its seed alone: the cluster size, the workload,
 * every fault and the nodes' timings. `npm run soak` walks seeds 0, 1, 2...
 * so a failure is named by one number, and `soakCase(seed)` rebuilds it.
 *
 * Node timings are either the defaults or any mix under which progress is
 * possible (suspicion waits for two full-report periods, as the liveness
 * property requires; see docs/simulator.md): the soak judges safety and
 * liveness both.
 */
import { LATENCY_DISTS } from '../maelstrom/network/latency.js';
import { defaultNodeConfig, type NodeConfig } from '../core/node/config.js';
import { nextChance, nextInt, nextUniform, pick, seedRandom, type Rng } from '../maelstrom/workload/random.js';
import { SIM_DEFAULTS, type SimOptions } from './config.js';

export interface SoakCase {
  readonly options: SimOptions;
  readonly tick_jitter_ms: number;
  readonly node: NodeConfig;
}

const SOAK_STREAM = 7;

/** A little drawing helper over the immutable generator. */
class Draw {
  constructor(private rng: Rng) {}
  int(min: number, max: number): number {
    const [n, rng] = nextInt(this.rng, max - min + 1);
    this.rng = rng;
    return min + n;
  }
  real(min: number, max: number): number {
    const [x, rng] = nextUniform(this.rng, max - min);
    this.rng = rng;
    return min + x;
  }
  chance(p: number): boolean {
    const [yes, rng] = nextChance(this.rng, p);
    this.rng = rng;
    return yes;
  }
  pick<T>(items: readonly T[]): T {
    const [item, rng] = pick(this.rng, items);
    this.rng = rng;
    return item;
  }
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export const soakCase = (seed: number): SoakCase => {
  const d = new Draw(seedRandom(seed, SOAK_STREAM));
  const node_count = d.pick([1, 2, 3, 5]);
  const options: SimOptions = {
    ...SIM_DEFAULTS,
    seed,
    node_count,
    concurrency: 2 * node_count,
    rate_hz: d.int(20, 400),
    time_limit_s: round(d.real(0.5, 3), 3),
    latency_ms: d.int(0, 20),
    latency_dist: d.pick(LATENCY_DISTS),
    nemesis_partition: d.chance(0.8),
    nemesis_interval_s: round(d.real(0.2, 3), 3),
    drop_probability: round(d.real(0, 0.15), 3),
    duplicate_probability: round(d.real(0, 0.15), 3),
  };
  const tick_jitter_ms = d.int(0, 10);
  if (d.chance(0.5)) return { options, tick_jitter_ms, node: defaultNodeConfig };
  const replicationIntervalMs = d.int(5, 100);
  const fullReportIntervalMs = d.int(20, 1000);
  const report_period_ms = Math.ceil(fullReportIntervalMs / replicationIntervalMs) * replicationIntervalMs;
  const node: NodeConfig = {
    ...defaultNodeConfig,
    pollMaxPerKey: d.pick([1024, 1, 2, 3]),
    replicationIntervalMs,
    fullReportIntervalMs,
    suspectAfterMs: 2 * Math.max(report_period_ms, replicationIntervalMs) + 200 + d.int(0, 1000),
  };
  return { options, tick_jitter_ms, node };
};
