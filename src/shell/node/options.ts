/** The command line of bin/maelstrom-kafka. */
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';

export const usage = `usage: maelstrom-kafka [--poll-max N]

A Maelstrom node for the kafka workload: reads one JSON message per line on
stdin, writes replies on stdout, logs on stderr. Maelstrom starts it with no
arguments, e.g.

  maelstrom test -w kafka --bin bin/maelstrom-kafka --node-count 1 \\
    --concurrency 2n --time-limit 20 --rate 1000

options:
  --poll-max N   at most N [offset, msg] pairs per key in one poll_ok
                 (default ${defaultNodeConfig.pollMaxPerKey}; also MAELSTROM_KAFKA_POLL_MAX)
  -h, --help     this text
`;

export type Parsed = { readonly kind: 'run'; readonly config: NodeConfig } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

const positiveInt = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
};

export const parseOptions = (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed => {
  let pollMaxPerKey = defaultNodeConfig.pollMaxPerKey;
  const fromEnv = env['MAELSTROM_KAFKA_POLL_MAX'];
  if (fromEnv !== undefined) {
    const n = positiveInt(fromEnv);
    if (n === undefined) return { kind: 'error', message: `MAELSTROM_KAFKA_POLL_MAX must be a positive integer, got '${fromEnv}'` };
    pollMaxPerKey = n;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--poll-max') {
      const n = positiveInt(argv[++i]);
      if (n === undefined) return { kind: 'error', message: `--poll-max needs a positive integer, got '${argv[i] ?? ''}'` };
      pollMaxPerKey = n;
      continue;
    }
    return { kind: 'error', message: `unknown argument '${arg}'` };
  }
  return { kind: 'run', config: { ...defaultNodeConfig, pollMaxPerKey } };
};
