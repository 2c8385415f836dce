/** The command line of bin/maelstrom-kafka. */
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';
import { DEFAULT_MAX_LINE_CHARS } from '../lines.js';

const d = defaultNodeConfig;

export const usage = `usage: maelstrom-kafka [options]

A Maelstrom node for the kafka workload: reads one JSON message per line on
stdin, writes replies on stdout, logs on stderr. Maelstrom starts it with no
arguments, e.g.

  maelstrom test -w kafka --bin bin/maelstrom-kafka --node-count 1 \\
    --concurrency 2n --time-limit 20 --rate 1000

options (each also MAELSTROM_KAFKA_<NAME>, e.g. MAELSTROM_KAFKA_POLL_MAX=64):
  --poll-max N                   at most N [offset, msg] pairs per key in one poll_ok (${d.pollMaxPerKey})
  --replication-interval-ms MS   how often new entries, floors and commits leave for the neighbors (${d.replicationIntervalMs})
  --star-interval-ms MS          the tick of a star, whose hub sends every leaf a message a tick (${d.starIntervalMs})
  --ack-delay-ms MS              a neighbor's news waits this long (at least a tick) for a sync of ours
                                 to acknowledge it, then gets a message of its own (${d.ackDelayMs})
  --retry-after-ms MS            unacknowledged news goes again after this long at first; then after the
                                 measured round trip, a tick and the ack delay, doubling per try while
                                 the neighbor is silent; the first try after it was heard goes twice (${d.retryAfterMs})
  --retry-max-ms MS              the longest wait between two tries (${d.retryMaxMs})
  --star-from-nodes N            from N nodes on, replicate as a star around the first node instead of a
                                 mesh: 2(n-1) messages a tick instead of n(n-1), two hops more (${d.starFromNodes})
  --max-line-mb N                longest input line read, in MiB (2^20 characters); a longer
                                 one is logged and skipped unread (${DEFAULT_MAX_LINE_CHARS / 2 ** 20})
  -h, --help                     this text
`;

export type Parsed =
  | { readonly kind: 'run'; readonly config: NodeConfig; readonly maxLineChars: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const flags: Readonly<Record<string, keyof NodeConfig>> = {
  '--poll-max': 'pollMaxPerKey',
  '--replication-interval-ms': 'replicationIntervalMs',
  '--star-interval-ms': 'starIntervalMs',
  '--ack-delay-ms': 'ackDelayMs',
  '--retry-after-ms': 'retryAfterMs',
  '--retry-max-ms': 'retryMaxMs',
  '--star-from-nodes': 'starFromNodes',
};

const envName = (flag: string): string => `MAELSTROM_KAFKA_${flag.slice(2).toUpperCase().replace(/-/g, '_')}`;

const positiveInt = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
};

/** The shell's own options, beside the reducer's NodeConfig. */
const MAX_LINE_FLAG = '--max-line-mb';

export const parseOptions = (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed => {
  const config: Record<keyof NodeConfig, number> = { ...defaultNodeConfig };
  let maxLineMb = DEFAULT_MAX_LINE_CHARS / 2 ** 20;
  const take = (flag: string, n: number): void => {
    if (flag === MAX_LINE_FLAG) maxLineMb = n;
    else config[flags[flag]!] = n;
  };
  for (const flag of [...Object.keys(flags), MAX_LINE_FLAG]) {
    const text = env[envName(flag)];
    if (text === undefined) continue;
    const n = positiveInt(text);
    if (n === undefined) return { kind: 'error', message: `${envName(flag)} must be a positive integer, got '${text}'` };
    take(flag, n);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (flags[arg] === undefined && arg !== MAX_LINE_FLAG) return { kind: 'error', message: `unknown argument '${arg}'` };
    const n = positiveInt(argv[++i]);
    if (n === undefined) return { kind: 'error', message: `${arg} needs a positive integer, got '${argv[i] ?? ''}'` };
    take(arg, n);
  }
  return { kind: 'run', config, maxLineChars: maxLineMb * 2 ** 20 };
};
