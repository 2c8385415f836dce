/** The command line of bin/maelstrom-kafka. */
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';

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
  --ack-delay-ms MS              a neighbor's news waits this long for a sync of ours to acknowledge it,
                                 then gets a message of its own (${d.ackDelayMs})
  --retry-after-ms MS            unacknowledged news goes again after this long at first; then after the
                                 measured round trip, a tick and the ack delay, doubling per try (${d.retryAfterMs})
  --retry-max-ms MS              the longest wait between two tries (${d.retryMaxMs})
  --star-from-nodes N            from N nodes on, replicate as a star around the first node instead of a
                                 mesh: 2(n-1) messages a tick instead of n(n-1), two hops more (${d.starFromNodes})
  -h, --help                     this text
`;

export type Parsed =
  | { readonly kind: 'run'; readonly config: NodeConfig }
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

export const parseOptions = (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed => {
  const config: Record<keyof NodeConfig, number> = { ...defaultNodeConfig };
  for (const [flag, field] of Object.entries(flags)) {
    const text = env[envName(flag)];
    if (text === undefined) continue;
    const n = positiveInt(text);
    if (n === undefined) return { kind: 'error', message: `${envName(flag)} must be a positive integer, got '${text}'` };
    config[field] = n;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const field = flags[arg];
    if (field === undefined) return { kind: 'error', message: `unknown argument '${arg}'` };
    const n = positiveInt(argv[++i]);
    if (n === undefined) return { kind: 'error', message: `${arg} needs a positive integer, got '${argv[i] ?? ''}'` };
    config[field] = n;
  }
  return { kind: 'run', config };
};
