/**
 * The command line, with Maelstrom's flag names, meanings and defaults:
 *
 *   kafka-workload test -w kafka --bin FILE [options] [-- ARGS for the binary]
 *
 * Parsing is total: it returns either the options or a message saying what
 * was wrong, and never exits by itself.
 */
import { BadFlag, nonNegative, parseTotally, positive, positiveInt, readFlag, tokenize, wantsHelp, type FlagSpec, type Parsed as CommandLine } from '../flags.js';
import { WORKLOAD_DEFAULTS } from '../../maelstrom/workload/config.js';
import { DEFAULT_MAX_LINE_CHARS } from '../lines.js';
import { readWorkloadFlags, refuseOtherWorkloads, WORKLOAD_FLAGS, WORKLOAD_FLAGS_HELP, type SeedSource, type WorkloadFlags } from './workload-flags.js';

export type { SeedSource } from './workload-flags.js';

export interface RunnerOptions extends WorkloadFlags {
  readonly bin: string;
  readonly bin_args: readonly string[];
  readonly recovery_time_s: number;
  readonly client_timeout_ms: number;
  readonly init_timeout_s: number;
  readonly key_count: number;
  readonly strict: boolean;
  /** The longest line a node may print, in MiB of characters (see src/shell/lines.ts). */
  readonly max_line_mb: number;
}

export type Parsed = CommandLine<{ readonly kind: 'run'; readonly options: RunnerOptions }>;

export const USAGE = `Usage: kafka-workload test -w kafka --bin FILE [options] [-- ARGS]
       kafka-workload serve [--store DIR] [--port N] [--host H]   (serve --help)

Runs Maelstrom's kafka workload against a Maelstrom node binary, without the
JVM, and checks the history for the kafka anomalies.

Options (Maelstrom's names and defaults):
  -w, --workload NAME         workload to run; only kafka                 [kafka]
      --bin FILE              the node binary to test                  (required)
${WORKLOAD_FLAGS_HELP}
      --key-count N           keys active at once                            [10]
      --seed N                seed for every random choice          [random, printed]
Runner options:
      --strict                assigns resume from the committed offsets, and an
                              unsound committed offset (negative, not an integer,
                              above anything sent) is an anomaly; without it,
                              clients ignore them as Maelstrom 0.2.3's do, and
                              such offsets are only warnings
      --recovery-time S       pause after the final heal, before final reads
                              (Maelstrom always waits 10 s)                  [10]
      --final-time-limit S    bound on the final reads                       [10]
      --client-timeout MS     an RPC unanswered this long makes its op info [5000]
      --init-timeout S        how long a node may take to answer init        [10]
      --max-line-mb N         longest line a node may print, in MiB (2^20
                              characters); a longer one is a problem, dropped
                              unread, so it cannot fill the runner's memory  [64]
      --store DIR             where runs are stored                       [store]
  -h, --help                  this text

Results go to STORE/<time>/ (history.jsonl, trace.jsonl, results.json, the
plots latency/rate/lag/unseen/messages.svg, node-logs/), with STORE/latest
pointing there. Exit status: 0
valid, 1 invalid, 2 the run itself failed (a node died, hung, never answered
init, or spoke out of turn).`;

const SPEC: FlagSpec = {
  valued: new Set([...WORKLOAD_FLAGS, 'bin', 'recovery-time', 'client-timeout', 'init-timeout', 'key-count', 'max-line-mb']),
  boolean: new Set<string>(['strict']),
  refused: new Map<string, string>(),
  stray_word_hint: ' (arguments for the binary go after --)',
};

export const parseArgs = (argv: readonly string[], randomSeed: SeedSource): Parsed => parseTotally(() => parse(argv, randomSeed));

const parse = (argv: readonly string[], randomSeed: SeedSource): Parsed => {
  if (wantsHelp(argv) || argv.length === 0) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'test') throw new BadFlag(`unknown command ${JSON.stringify(command)}: the commands are "test" and "serve"`);
  const { values, flags, passthrough: bin_args } = tokenize(rest, SPEC);
  refuseOtherWorkloads(values, 'this runner');
  const bin = values.get('bin');
  if (bin === undefined) throw new BadFlag('expected --bin FILE, the node binary to test');
  const { seed, final_time_limit_s, store_dir, ...workload } = readWorkloadFlags(values, randomSeed);
  return {
    kind: 'run',
    // results.json lists the options in this order, as it always has.
    options: {
      bin,
      bin_args,
      ...workload,
      seed,
      recovery_time_s: readFlag(values, 'recovery-time', nonNegative, 10),
      final_time_limit_s,
      client_timeout_ms: readFlag(values, 'client-timeout', positive, 5000),
      init_timeout_s: readFlag(values, 'init-timeout', positive, 10),
      key_count: readFlag(values, 'key-count', positiveInt, WORKLOAD_DEFAULTS.key_count),
      strict: flags.has('strict'),
      max_line_mb: readFlag(values, 'max-line-mb', positive, DEFAULT_MAX_LINE_CHARS / 2 ** 20),
      store_dir,
    },
  };
};
