/**
 * The command line, with Maelstrom's flag names, meanings and defaults:
 *
 *   kafka-workload test -w kafka --bin FILE [options] [-- ARGS for the binary]
 *
 * Parsing is total: it returns either the options or a message saying what
 * was wrong, and never exits by itself.
 */
import { LATENCY_DISTS, type LatencyDist } from '../../core/network/latency.js';

export interface RunnerOptions {
  readonly bin: string;
  readonly bin_args: readonly string[];
  readonly node_count: number;
  readonly concurrency: number;
  readonly rate_hz: number;
  readonly time_limit_s: number;
  readonly latency_ms: number;
  readonly latency_dist: LatencyDist;
  readonly nemesis_partition: boolean;
  readonly nemesis_interval_s: number;
  readonly max_writes_per_key: number;
  readonly seed: number;
  readonly recovery_time_s: number;
  readonly final_time_limit_s: number;
  readonly client_timeout_ms: number;
  readonly init_timeout_s: number;
  readonly store_dir: string;
}

export type Parsed =
  | { readonly kind: 'run'; readonly options: RunnerOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `Usage: kafka-workload test -w kafka --bin FILE [options] [-- ARGS]

Runs Maelstrom's kafka workload against a Maelstrom node binary, without the
JVM, and checks the history for the kafka anomalies.

Options (Maelstrom's names and defaults):
  -w, --workload NAME         workload to run; only kafka                 [kafka]
      --bin FILE              the node binary to test                  (required)
      --node-count N          how many nodes, named n0..n(N-1)                [5]
      --concurrency N|Kn      client threads; Kn means K times node count    [1n]
      --rate R                operations per second, across all clients       [5]
      --time-limit S          seconds of operations before the final phase   [60]
      --latency MS            mean latency between servers, ms                [0]
      --latency-dist D        constant, uniform or exponential         [constant]
      --nemesis partition     cut the network into random groups now and then
      --nemesis-interval S    mean seconds between nemesis actions            [10]
      --max-writes-per-key N  sends to a key before a fresh key replaces it  [16]
      --seed N                seed for every random choice          [random, printed]
Runner options:
      --recovery-time S       pause after the final heal, before final reads  [0]
      --final-time-limit S    bound on the final reads                       [10]
      --client-timeout MS     an RPC unanswered this long makes its op info [5000]
      --init-timeout S        how long a node may take to answer init        [10]
      --store DIR             where runs are stored                       [store]
  -h, --help                  this text

Results go to STORE/<time>/ (history.jsonl, trace.jsonl, results.json,
latency.svg, node-logs/), with STORE/latest pointing there. Exit status: 0
valid, 1 invalid, 2 the run itself failed (a node died, hung, never answered
init, or spoke out of turn).`;

type FlagName =
  | 'workload'
  | 'bin'
  | 'node-count'
  | 'concurrency'
  | 'rate'
  | 'time-limit'
  | 'latency'
  | 'latency-dist'
  | 'nemesis'
  | 'nemesis-interval'
  | 'max-writes-per-key'
  | 'seed'
  | 'recovery-time'
  | 'final-time-limit'
  | 'client-timeout'
  | 'init-timeout'
  | 'store';

const FLAGS: ReadonlySet<string> = new Set<FlagName>([
  'workload',
  'bin',
  'node-count',
  'concurrency',
  'rate',
  'time-limit',
  'latency',
  'latency-dist',
  'nemesis',
  'nemesis-interval',
  'max-writes-per-key',
  'seed',
  'recovery-time',
  'final-time-limit',
  'client-timeout',
  'init-timeout',
  'store',
]);

class BadFlag extends Error {}

const number = (flag: string, text: string, check: (n: number) => boolean, wanted: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new BadFlag(`--${flag} must be ${wanted}, got ${JSON.stringify(text)}`);
  return n;
};

const positiveInt = (flag: string, text: string): number => number(flag, text, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
const nonNegative = (flag: string, text: string): number => number(flag, text, (n) => n >= 0, 'a non-negative number');
const positive = (flag: string, text: string): number => number(flag, text, (n) => n > 0, 'a positive number');

/** "6" or "2n" (twice the node count), as Jepsen reads --concurrency. */
const concurrencyOf = (text: string, node_count: number): number => {
  const match = /^(\d+)(n?)$/.exec(text.trim());
  if (match === null) throw new BadFlag(`--concurrency must be a number or a multiple of n such as 2n, got ${JSON.stringify(text)}`);
  const n = Number(match[1]) * (match[2] === 'n' ? node_count : 1);
  if (n < 1) throw new BadFlag(`--concurrency must be at least 1, got ${JSON.stringify(text)}`);
  return n;
};

/** A default seed when none is given: the shell's business, so the core stays deterministic. */
export type SeedSource = () => number;

export const parseArgs = (argv: readonly string[], randomSeed: SeedSource): Parsed => {
  try {
    return parse(argv, randomSeed);
  } catch (error) {
    if (error instanceof BadFlag) return { kind: 'error', message: error.message };
    throw error;
  }
};

const parse = (argv: readonly string[], randomSeed: SeedSource): Parsed => {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'test') throw new BadFlag(`unknown command ${JSON.stringify(command)}: the only command is "test"`);
  const values = new Map<string, string>();
  const bin_args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--') {
      bin_args.push(...rest.slice(i + 1));
      break;
    }
    let name: string;
    let value: string | undefined;
    if (arg === '-w') name = 'workload';
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) value = arg.slice(eq + 1);
    } else throw new BadFlag(`unexpected argument ${JSON.stringify(arg)} (arguments for the binary go after --)`);
    if (!FLAGS.has(name)) throw new BadFlag(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new BadFlag(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new BadFlag(`--${name} given twice`);
    values.set(name, value);
  }
  const workload = values.get('workload') ?? 'kafka';
  if (workload !== 'kafka') throw new BadFlag(`-w ${workload}: this runner only runs the kafka workload`);
  const bin = values.get('bin');
  if (bin === undefined) throw new BadFlag('expected --bin FILE, the node binary to test');
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
  return {
    kind: 'run',
    options: {
      bin,
      bin_args,
      node_count,
      concurrency: concurrencyOf(values.get('concurrency') ?? '1n', node_count),
      rate_hz: values.has('rate') ? nonNegative('rate', values.get('rate')!) : 5,
      time_limit_s: values.has('time-limit') ? positive('time-limit', values.get('time-limit')!) : 60,
      latency_ms: values.has('latency') ? nonNegative('latency', values.get('latency')!) : 0,
      latency_dist: latency_dist as LatencyDist,
      nemesis_partition: faults.includes('partition'),
      nemesis_interval_s: values.has('nemesis-interval') ? positive('nemesis-interval', values.get('nemesis-interval')!) : 10,
      max_writes_per_key: values.has('max-writes-per-key') ? positiveInt('max-writes-per-key', values.get('max-writes-per-key')!) : 16,
      seed,
      recovery_time_s: values.has('recovery-time') ? nonNegative('recovery-time', values.get('recovery-time')!) : 0,
      final_time_limit_s: values.has('final-time-limit') ? positive('final-time-limit', values.get('final-time-limit')!) : 10,
      client_timeout_ms: values.has('client-timeout') ? positive('client-timeout', values.get('client-timeout')!) : 5000,
      init_timeout_s: values.has('init-timeout') ? positive('init-timeout', values.get('init-timeout')!) : 10,
      store_dir: values.get('store') ?? 'store',
    },
  };
};
