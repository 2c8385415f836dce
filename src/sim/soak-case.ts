/**
 * One soak run, drawn from its seed alone: the cluster size, the workload,
 * every fault and the nodes' timings. `npm run soak` walks seeds 0, 1, 2...
 * so a failure is named by one number, and `soakCase(seed)` rebuilds it.
 *
 * Node settings are either the defaults or any mix of timings and overlays
 * (mesh or star from a drawn cluster size): the soak judges safety and
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
  // 9 and 25 nodes are drawn too, 25 the least often: its seeds are the heaviest.
  const node_count = d.pick([1, 2, 3, 3, 5, 5, 9, 25]);
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
  const retryAfterMs = d.int(5, 1000);
  const node: NodeConfig = {
    ...defaultNodeConfig,
    pollMaxPerKey: d.pick([1024, 1, 2, 3]),
    replicationIntervalMs: d.int(5, 100),
    retryAfterMs,
    retryMaxMs: retryAfterMs + d.int(0, 2000),
    starFromNodes: d.pick([2, 3, 4, 6, 100]),
  };
  return { options, tick_jitter_ms, node };
};
