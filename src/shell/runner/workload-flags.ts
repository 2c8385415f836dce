/**
 * The flags bin/kafka-workload and bin/kafka-sim share, with Maelstrom's
 * names, meanings and defaults, read here once for both: a runner command line
 * (without --bin) simulates the very same workload.
 */
import { LATENCY_DISTS, type LatencyDist } from '../../maelstrom/network/latency.js';
import type { WorkloadOptions } from '../../maelstrom/workload/options.js';
import { BadFlag, concurrencyOf, nonNegative, nonNegativeInt, positive, positiveInt, readFlag } from '../flags.js';

export const WORKLOAD_FLAGS: readonly string[] = [
  'workload',
  'node-count',
  'concurrency',
  'rate',
  'time-limit',
  'latency',
  'latency-dist',
  'nemesis',
  'nemesis-interval',
  'max-writes-per-key',
  'final-time-limit',
  'seed',
  'store',
];

export interface WorkloadFlags extends WorkloadOptions {
  readonly store_dir: string;
}

/** Maelstrom's defaults. Each tool's --help spells them out; keep the two in step. */
export const WORKLOAD_FLAG_DEFAULTS = {
  node_count: 5,
  concurrency: '1n',
  rate_hz: 5,
  time_limit_s: 60,
  latency_ms: 0,
  latency_dist: 'constant',
  nemesis_interval_s: 10,
  max_writes_per_key: 16,
  final_time_limit_s: 10,
  store_dir: 'store',
} as const;

/** The help lines both tools print alike, one after another. */
export const WORKLOAD_FLAGS_HELP = `      --node-count N          how many nodes, named n0..n(N-1)                [5]
      --concurrency N|Kn      client threads; Kn means K times node count    [1n]
      --rate R                operations per second, across all clients       [5]
      --time-limit S          seconds of operations before the final phase   [60]
      --latency MS            mean latency between servers, ms                [0]
      --latency-dist D        constant, uniform or exponential         [constant]
      --nemesis partition     cut the network into random groups now and then
      --nemesis-interval S    mean seconds between nemesis actions            [10]
      --max-writes-per-key N  sends to a key before a fresh key replaces it  [16]`;

/** -w is there so a Maelstrom command line works as is; `tool` says who refuses ("this runner"). */
export const refuseOtherWorkloads = (values: ReadonlyMap<string, string>, tool: string): void => {
  const workload = values.get('workload') ?? 'kafka';
  if (workload !== 'kafka') throw new BadFlag(`-w ${workload}: ${tool} only runs the kafka workload`);
};

/** A default seed when none is given: the shell's business, so the core stays deterministic. */
export type SeedSource = () => number;

export const readWorkloadFlags = (values: ReadonlyMap<string, string>, randomSeed: SeedSource): WorkloadFlags => {
  const defaults = WORKLOAD_FLAG_DEFAULTS;
  const node_count = readFlag(values, 'node-count', positiveInt, defaults.node_count);
  const latency_dist = values.get('latency-dist') ?? defaults.latency_dist;
  if (!(LATENCY_DISTS as readonly string[]).includes(latency_dist)) {
    throw new BadFlag(`--latency-dist must be one of ${LATENCY_DISTS.join(', ')}, got ${JSON.stringify(latency_dist)}`);
  }
  const nemesis = values.get('nemesis');
  const faults = nemesis === undefined ? [] : nemesis.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const fault of faults) if (fault !== 'partition') throw new BadFlag(`--nemesis: unknown fault ${JSON.stringify(fault)}; the only one is partition`);
  const seedText = values.get('seed');
  const seed = seedText === undefined ? randomSeed() : nonNegativeInt('seed', seedText);
  return {
    seed,
    node_count,
    concurrency: concurrencyOf(values.get('concurrency') ?? defaults.concurrency, node_count),
    rate_hz: readFlag(values, 'rate', nonNegative, defaults.rate_hz),
    time_limit_s: readFlag(values, 'time-limit', positive, defaults.time_limit_s),
    latency_ms: readFlag(values, 'latency', nonNegative, defaults.latency_ms),
    latency_dist: latency_dist as LatencyDist,
    nemesis_partition: faults.includes('partition'),
    nemesis_interval_s: readFlag(values, 'nemesis-interval', positive, defaults.nemesis_interval_s),
    max_writes_per_key: readFlag(values, 'max-writes-per-key', positiveInt, defaults.max_writes_per_key),
    final_time_limit_s: readFlag(values, 'final-time-limit', positive, defaults.final_time_limit_s),
    store_dir: values.get('store') ?? defaults.store_dir,
  };
};
