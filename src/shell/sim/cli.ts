/**
 * bin/kafka-sim's command line. The flags it shares with bin/kafka-workload
 * have the runner's names, meanings and defaults, so a runner command line
 * (without --bin) simulates the same workload; the rest are the simulator's.
 *
 * Parsing is total: it returns the options, help, or a message saying what
 * was wrong, and never exits by itself.
 */
import type { NodeConfig } from '../../core/node/config.js';
import { WORKLOAD_DEFAULTS } from '../../maelstrom/workload/config.js';
import type { SimOptions } from '../../sim/config.js';
import { BadFlag, nonNegative, parseTotally, positiveInt, probability, readFlag, tokenize, wantsHelp, type FlagSpec, type Parsed as CommandLine } from '../flags.js';
import { parseOptions } from '../node/options.js';
import { readWorkloadFlags, refuseOtherWorkloads, WORKLOAD_FLAG_DEFAULTS, WORKLOAD_FLAGS, WORKLOAD_FLAGS_HELP, type SeedSource, type WorkloadFlags } from '../runner/workload-flags.js';

export interface SimCliOptions extends SimOptions, WorkloadFlags {
  /** Keys active at once (the runner's --key-count). */
  readonly key_count: number;
  readonly tick_jitter_ms: number;
  readonly wire_json: boolean;
  readonly check_invariants: boolean;
  /** An ES module exporting `wrap(step)`: runs a variant of the node reducer (the tests' broken reducers). */
  readonly node_variant: string | null;
  /** The nodes' own flags (after --), read as bin/maelstrom-kafka reads them. */
  readonly node_args: readonly string[];
  readonly node: NodeConfig;
}

export type Parsed = CommandLine<{ readonly kind: 'run'; readonly options: SimCliOptions; readonly seed_given: boolean }>;

export const USAGE = `Usage: kafka-sim [options] [-- NODE OPTIONS]
       kafka-sim exhaustive [options]   (every delivery order of a tiny cluster; --help there)

Simulates a whole cluster of our node (the node reducer, in process) under
Maelstrom's kafka workload, on virtual time, from one seed: the runner's
clients, services and network, with latency, reordering, loss, duplication
and partitions. Checks every step against the cluster's invariants and the
history against the kafka anomalies. The same seed replays byte-identically.

Options shared with kafka-workload (same meaning and default):
${WORKLOAD_FLAGS_HELP}
      --key-count N           keys active at once                            [10]
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
(--poll-max, --replication-interval-ms, --star-interval-ms, --ack-delay-ms,
--retry-after-ms, --retry-max-ms, --star-from-nodes).

Results go to STORE/<time>/ (history.jsonl, trace.jsonl, results.json, the
plots latency/rate/lag/unseen/messages.svg, sim.log, node-logs/), with
STORE/latest pointing there. Exit
status: 0 valid, 1 invalid (an anomaly, a broken invariant, unseen writes),
2 the run itself failed (it stalled, or a flag was wrong).`;

const SPEC: FlagSpec = {
  valued: new Set([...WORKLOAD_FLAGS, 'key-count', 'drop', 'duplicate', 'tick-jitter', 'node-variant']),
  boolean: new Set(['wire-json', 'skip-invariants']),
  refused: new Map([['bin', '--bin: the simulator runs the node reducer in process (use --node-variant FILE for a variant of it)']]),
  stray_word_hint: '',
};

export const parseArgs = (argv: readonly string[], randomSeed: SeedSource): Parsed => parseTotally(() => parse(argv, randomSeed));

const parse = (argv: readonly string[], randomSeed: SeedSource): Parsed => {
  if (wantsHelp(argv)) return { kind: 'help' };
  // A runner command line pasted as is: `test -w kafka` are accepted and mean nothing more.
  const { values, flags, passthrough: node_args } = tokenize(argv[0] === 'test' ? argv.slice(1) : argv, SPEC);
  refuseOtherWorkloads(values, 'the simulator');
  const { store_dir, ...workload } = readWorkloadFlags(values, randomSeed);
  const node = parseOptions(node_args, {});
  if (node.kind === 'help') throw new BadFlag('after --: the node options are --poll-max, --replication-interval-ms, --star-interval-ms, --ack-delay-ms, --retry-after-ms, --retry-max-ms, --star-from-nodes');
  if (node.kind === 'error') throw new BadFlag(`after --: ${node.message}`);
  return {
    kind: 'run',
    seed_given: values.has('seed'),
    options: {
      ...workload,
      key_count: readFlag(values, 'key-count', positiveInt, WORKLOAD_DEFAULTS.key_count),
      drop_probability: readFlag(values, 'drop', probability, 0),
      duplicate_probability: readFlag(values, 'duplicate', probability, 0),
      tick_jitter_ms: readFlag(values, 'tick-jitter', nonNegative, 0),
      wire_json: flags.has('wire-json'),
      check_invariants: !flags.has('skip-invariants'),
      node_variant: values.get('node-variant') ?? null,
      node_args,
      node: node.config,
      store_dir,
    },
  };
};

/** The command line that replays a run: every option that differs from its default, and the seed. */
export const replayCommand = (options: SimCliOptions): string => {
  const args = ['bin/kafka-sim', '--seed', String(options.seed), '--node-count', String(options.node_count), '--concurrency', String(options.concurrency)];
  const add = (flag: string, value: number | string, fallback: number | string): void => {
    if (value !== fallback) args.push(`--${flag}`, String(value));
  };
  const defaults = WORKLOAD_FLAG_DEFAULTS;
  add('rate', options.rate_hz, defaults.rate_hz);
  add('time-limit', options.time_limit_s, defaults.time_limit_s);
  add('latency', options.latency_ms, defaults.latency_ms);
  add('latency-dist', options.latency_dist, defaults.latency_dist);
  if (options.nemesis_partition) args.push('--nemesis', 'partition');
  add('nemesis-interval', options.nemesis_interval_s, defaults.nemesis_interval_s);
  add('max-writes-per-key', options.max_writes_per_key, defaults.max_writes_per_key);
  add('key-count', options.key_count, WORKLOAD_DEFAULTS.key_count);
  add('final-time-limit', options.final_time_limit_s, defaults.final_time_limit_s);
  add('drop', options.drop_probability, 0);
  add('duplicate', options.duplicate_probability, 0);
  add('tick-jitter', options.tick_jitter_ms, 0);
  if (options.wire_json) args.push('--wire-json');
  if (!options.check_invariants) args.push('--skip-invariants');
  if (options.node_variant !== null) args.push('--node-variant', options.node_variant);
  if (options.node_args.length > 0) args.push('--', ...options.node_args);
  return args.join(' ');
};
