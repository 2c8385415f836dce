/**
 * bin/kafka-sim's command line. The flags it shares with bin/kafka-workload
 * have the runner's names, meanings and defaults, so a runner command line
 * (without --bin) simulates the same workload; the rest are the simulator's.
 *
 * Parsing is total: it returns the options, help, or a message saying what
 * was wrong, and never exits by itself.
 */
import { LATENCY_DISTS, type LatencyDist } from '../../core/network/latency.js';
import type { NodeConfig } from '../../core/node/config.js';
import type { SimOptions } from '../../core/sim/config.js';
import { parseOptions } from '../node/options.js';

export interface SimCliOptions extends SimOptions {
  readonly tick_jitter_ms: number;
  readonly wire_json: boolean;
  readonly check_invariants: boolean;
  /** An ES module exporting `wrap(step)`: runs a variant of the node reducer (the tests' broken reducers). */
  readonly node_variant: string | null;
  /** The nodes' own flags (after --), read as bin/maelstrom-kafka reads them. */
  readonly node_args: readonly string[];
  readonly node: NodeConfig;
  readonly store_dir: string;
}

export type Parsed =
  | { readonly kind: 'run'; readonly options: SimCliOptions; readonly seed_given: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `Usage: kafka-sim [options] [-- NODE OPTIONS]
       kafka-sim exhaustive [options]   (every delivery order of a tiny cluster; --help there)

Simulates a whole cluster of our node (the node reducer, in process) under
Maelstrom's kafka workload, on virtual time, from one seed: the runner's
clients, services and network, with latency, reordering, loss, duplication
and partitions. Checks every step against the cluster's invariants and the
history against the kafka anomalies. The same seed replays byte-identically.

Options shared with kafka-workload (same meaning and default):
      --node-count N          how many nodes, named n0..n(N-1)                [5]
      --concurrency N|Kn      client threads; Kn means K times node count    [1n]
      --rate R                operations per second, across all clients       [5]
      --time-limit S          seconds of operations before the final phase   [60]
      --latency MS            mean latency between servers, ms                [0]
      --latency-dist D        constant, uniform or exponential         [constant]
      --nemesis partition     cut the network into random groups now and then
      --nemesis-interval S    mean seconds between nemesis actions            [10]
      --max-writes-per-key N  sends to a key before a fresh key replaces it  [16]
      --final-time-limit S    bound on the final reads                       [10]
      --seed N                seed for every random choice          [random, printed]
      --store DIR             where runs are stored                       [store]
Simulator options:
      --drop P                probability that a message between servers is lost  [0]
      --duplicate P           probability that one is delivered twice             [0]
      --tick-jitter MS        node timers fire up to MS late (uniform)             [0]
      --wire-json             pass every message through JSON text, as a pipe would
      --skip-invariants       do not assert the invariants after every step
      --node-variant FILE     an ES module exporting wrap(step): run that variant
                              of the node reducer (test/fixtures/reducers/*.mjs)
  -h, --help                  this text
After --, the node's own options, as bin/maelstrom-kafka takes them
(--poll-max, --replication-interval-ms, --full-report-interval-ms,
--forward-timeout-ms, --suspect-after-ms).

Results go to STORE/<time>/ (history.jsonl, trace.jsonl, results.json,
latency.svg, sim.log, node-logs/), with STORE/latest pointing there. Exit
status: 0 valid, 1 invalid (an anomaly, a broken invariant, unseen writes),
2 the run itself failed (it stalled, or a flag was wrong).`;

const VALUED = new Set([
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
  'drop',
  'duplicate',
  'tick-jitter',
  'node-variant',
  'workload',
]);
const BOOLEAN = new Set(['wire-json', 'skip-invariants']);

class BadFlag extends Error {}

const number = (flag: string, text: string, check: (n: number) => boolean, wanted: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new BadFlag(`--${flag} must be ${wanted}, got ${JSON.stringify(text)}`);
  return n;
};

const positiveInt = (flag: string, text: string): number => number(flag, text, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
const nonNegative = (flag: string, text: string): number => number(flag, text, (n) => n >= 0, 'a non-negative number');
const positive = (flag: string, text: string): number => number(flag, text, (n) => n > 0, 'a positive number');
const probability = (flag: string, text: string): number => number(flag, text, (n) => n >= 0 && n < 1, 'a probability in [0, 1)');

/** "6" or "2n" (twice the node count), as Jepsen reads --concurrency. */
const concurrencyOf = (text: string, node_count: number): number => {
  const match = /^(\d+)(n?)$/.exec(text.trim());
  if (match === null) throw new BadFlag(`--concurrency must be a number or a multiple of n such as 2n, got ${JSON.stringify(text)}`);
  const n = Number(match[1]) * (match[2] === 'n' ? node_count : 1);
  if (n < 1) throw new BadFlag(`--concurrency must be at least 1, got ${JSON.stringify(text)}`);
  return n;
};

export const parseArgs = (argv: readonly string[], randomSeed: () => number): Parsed => {
  try {
    return parse(argv, randomSeed);
  } catch (error) {
    if (error instanceof BadFlag) return { kind: 'error', message: error.message };
    throw error;
  }
};

const parse = (argv: readonly string[], randomSeed: () => number): Parsed => {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  // A runner command line pasted as is: `test -w kafka` are accepted and mean nothing more.
  const rest = argv[0] === 'test' ? argv.slice(1) : argv;
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const node_args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--') {
      node_args.push(...rest.slice(i + 1));
      break;
    }
    let name: string;
    let value: string | undefined;
    if (arg === '-w') name = 'workload';
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) value = arg.slice(eq + 1);
    } else throw new BadFlag(`unexpected argument ${JSON.stringify(arg)}`);
    if (name === 'bin') throw new BadFlag('--bin: the simulator runs the node reducer in process (use --node-variant FILE for a variant of it)');
    if (BOOLEAN.has(name)) {
      if (value !== undefined) throw new BadFlag(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!VALUED.has(name)) throw new BadFlag(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new BadFlag(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new BadFlag(`--${name} given twice`);
    values.set(name, value);
  }
  const workload = values.get('workload') ?? 'kafka';
  if (workload !== 'kafka') throw new BadFlag(`-w ${workload}: the simulator only runs the kafka workload`);
  const node_count = values.has('node-count') ? positiveInt('node-count', values.get('node-count')!) : 5;
  const latency_dist = values.get('latency-dist') ?? 'constant';
  if (!(LATENCY_DISTS as readonly string[]).includes(latency_dist)) {
    throw new BadFlag(`--latency-dist must be one of ${LATENCY_DISTS.join(', ')}, got ${JSON.stringify(latency_dist)}`);
  }
  const nemesis = values.get('nemesis');
  const faults = nemesis === undefined ? [] : nemesis.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const fault of faults) if (fault !== 'partition') throw new BadFlag(`--nemesis: unknown fault ${JSON.stringify(fault)}; the only one is partition`);
  const seedText = values.get('seed');
  const seed = seedText === undefined ? randomSeed() : number('seed', seedText, (n) => Number.isSafeInteger(n) && n >= 0, 'a non-negative integer');
  const node = parseOptions(node_args, {});
  if (node.kind === 'help') throw new BadFlag('after --: the node options are --poll-max, --replication-interval-ms, --full-report-interval-ms, --forward-timeout-ms, --suspect-after-ms');
  if (node.kind === 'error') throw new BadFlag(`after --: ${node.message}`);
  const get = <T>(flag: string, read: (flag: string, text: string) => T, fallback: T): T => (values.has(flag) ? read(flag, values.get(flag)!) : fallback);
  return {
    kind: 'run',
    seed_given: seedText !== undefined,
    options: {
      seed,
      node_count,
      concurrency: concurrencyOf(values.get('concurrency') ?? '1n', node_count),
      rate_hz: get('rate', nonNegative, 5),
      time_limit_s: get('time-limit', positive, 60),
      latency_ms: get('latency', nonNegative, 0),
      latency_dist: latency_dist as LatencyDist,
      nemesis_partition: faults.includes('partition'),
      nemesis_interval_s: get('nemesis-interval', positive, 10),
      max_writes_per_key: get('max-writes-per-key', positiveInt, 16),
      final_time_limit_s: get('final-time-limit', positive, 10),
      drop_probability: get('drop', probability, 0),
      duplicate_probability: get('duplicate', probability, 0),
      tick_jitter_ms: get('tick-jitter', nonNegative, 0),
      wire_json: flags.has('wire-json'),
      check_invariants: !flags.has('skip-invariants'),
      node_variant: values.get('node-variant') ?? null,
      node_args,
      node: node.config,
      store_dir: values.get('store') ?? 'store',
    },
  };
};

/** The command line that replays a run: every option that differs from its default, and the seed. */
export const replayCommand = (options: SimCliOptions): string => {
  const args = ['bin/kafka-sim', '--seed', String(options.seed), '--node-count', String(options.node_count), '--concurrency', String(options.concurrency)];
  const add = (flag: string, value: number | string, fallback: number | string): void => {
    if (value !== fallback) args.push(`--${flag}`, String(value));
  };
  add('rate', options.rate_hz, 5);
  add('time-limit', options.time_limit_s, 60);
  add('latency', options.latency_ms, 0);
  add('latency-dist', options.latency_dist, 'constant');
  if (options.nemesis_partition) args.push('--nemesis', 'partition');
  add('nemesis-interval', options.nemesis_interval_s, 10);
  add('max-writes-per-key', options.max_writes_per_key, 16);
  add('final-time-limit', options.final_time_limit_s, 10);
  add('drop', options.drop_probability, 0);
  add('duplicate', options.duplicate_probability, 0);
  add('tick-jitter', options.tick_jitter_ms, 0);
  if (options.wire_json) args.push('--wire-json');
  if (!options.check_invariants) args.push('--skip-invariants');
  if (options.node_variant !== null) args.push('--node-variant', options.node_variant);
  if (options.node_args.length > 0) args.push('--', ...options.node_args);
  return args.join(' ');
};
