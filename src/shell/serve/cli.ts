/**
 * `kafka-workload serve [--store DIR] [--port N] [--host H]`: Maelstrom's
 * `serve` verb, with its default port. Parsing is total, as the runner's is.
 */
import { BadFlag, nonNegativeInt, parseTotally, readFlag, tokenize, wantsHelp, type FlagSpec, type Parsed as CommandLine } from '../flags.js';

export interface ServeOptions {
  readonly store_dir: string;
  /** 0 asks the system for a free port (the URL printed says which). */
  readonly port: number;
  readonly host: string;
}

export type Parsed = CommandLine<{ readonly kind: 'run'; readonly options: ServeOptions }>;

export const SERVE_USAGE = `Usage: kafka-workload serve [--store DIR] [--port N] [--host H]

Serves a store on http://H:N/: a page listing every run in it (time, nodes,
verdict, operations, messages per operation, and the problem of a run that
failed), each opening in the replay page with its plots. Maelstrom's own
store folders are listed and opened the same way (history.edn with
history.txt's values, as kafka-check reads them). A run still being written
shows as running. Only files under the store and the page's own are served.

      --store DIR   the store to serve                                 [store]
      --port N      the port (0: any free one)                          [8080]
      --host H      the address to listen on; another than 127.0.0.1 lets
                    other machines read the store                  [127.0.0.1]
  -h, --help        this text`;

const SPEC: FlagSpec = {
  valued: new Set(['store', 'port', 'host']),
  boolean: new Set<string>(),
  refused: new Map<string, string>(),
  stray_word_hint: ' (serve takes only --store, --port and --host)',
};

const port = (flag: string, text: string): number => {
  const n = nonNegativeInt(flag, text);
  if (n > 65535) throw new BadFlag(`--${flag} must be at most 65535, got ${JSON.stringify(text)}`);
  return n;
};

const host = (flag: string, text: string): string => {
  if (text.trim() === '') throw new BadFlag(`--${flag} needs an address, e.g. 127.0.0.1 or 0.0.0.0`);
  return text;
};

/** `argv` after the word `serve`. */
export const parseServeArgs = (argv: readonly string[]): Parsed =>
  parseTotally((): Parsed => {
    if (wantsHelp(argv)) return { kind: 'help' };
    const { values, passthrough } = tokenize(argv, SPEC);
    if (passthrough.length > 0) throw new BadFlag(`serve takes no arguments after --, got ${JSON.stringify(passthrough.join(' '))}`);
    return {
      kind: 'run',
      options: { store_dir: values.get('store') ?? 'store', port: readFlag(values, 'port', port, 8080), host: readFlag(values, 'host', host, '127.0.0.1') },
    };
  });
