/**
 * Command-line flags as bin/kafka-workload and bin/kafka-sim read them: the
 * tokenizer, the number parsers, and what a parse ends in (options, help, or a
 * message). Parsing never exits; only `runCommandLine` prints and picks the
 * exit code, so both tools answer help and bad flags alike.
 */

/** A flag the user got wrong; its message is printed as is. */
export class BadFlag extends Error {}

export type Parsed<Run extends { readonly kind: 'run' }> = Run | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Runs a parse that throws BadFlag, turning the flag's message into a result; any other error is a bug and propagates. */
export const parseTotally = <Run extends { readonly kind: 'run' }>(parse: () => Parsed<Run>): Parsed<Run> => {
  try {
    return parse();
  } catch (error) {
    if (error instanceof BadFlag) return { kind: 'error', message: error.message };
    throw error;
  }
};

/** Prints help (exit 0) or the flag error (exit 2), or runs; resolves to the exit code. */
export const runCommandLine = async <Run extends { readonly kind: 'run' }>(
  tool: string,
  usage: string,
  parsed: Parsed<Run>,
  run: (parsed: Run) => Promise<number>,
): Promise<number> => {
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(usage + '\n');
      return 0;
    case 'error':
      process.stderr.write(`${tool}: ${parsed.message}\n(run ${tool} --help for the options)\n`);
      return 2;
    default:
      return run(parsed);
  }
};

export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('-h') || argv.includes('--help');

export interface FlagSpec {
  /** Flags that take a value, as `--name VALUE` or `--name=VALUE`. */
  readonly valued: ReadonlySet<string>;
  /** Flags that take none; giving one twice is the same as once. */
  readonly boolean: ReadonlySet<string>;
  /** Flags refused whatever follows them, each with the reason. */
  readonly refused: ReadonlyMap<string, string>;
  /** Added to the error for a word that is not a flag, to say where such words belong. */
  readonly stray_word_hint: string;
}

export interface Tokens {
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
  /** Everything after `--`, untouched: the arguments of whatever the tool runs. */
  readonly passthrough: readonly string[];
}

/** Splits argv into flag values, boolean flags and the words after `--`; `-w` is `--workload`, as in Maelstrom. */
export const tokenize = (argv: readonly string[], spec: FlagSpec): Tokens => {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const passthrough: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      passthrough.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let value: string | undefined;
    if (arg === '-w') name = 'workload';
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) value = arg.slice(eq + 1);
    } else throw new BadFlag(`unexpected argument ${JSON.stringify(arg)}${spec.stray_word_hint}`);
    const refusal = spec.refused.get(name);
    if (refusal !== undefined) throw new BadFlag(refusal);
    if (spec.boolean.has(name)) {
      if (value !== undefined) throw new BadFlag(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!spec.valued.has(name)) throw new BadFlag(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      value = argv[i + 1];
      // A following flag is not a value (`--store --seed 1`), but a bare `--` is.
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new BadFlag(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new BadFlag(`--${name} given twice`);
    values.set(name, value);
  }
  return { values, flags, passthrough };
};

/** The flag's value read by `parse`, or `fallback` when the flag is absent. */
export const readFlag = <T>(values: ReadonlyMap<string, string>, flag: string, parse: (flag: string, text: string) => T, fallback: T): T => {
  const text = values.get(flag);
  return text === undefined ? fallback : parse(flag, text);
};

const number = (flag: string, text: string, check: (n: number) => boolean, wanted: string): number => {
  const n = Number(text);
  // Number('') and Number('  ') are 0: an empty value is a mistake, not zero.
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new BadFlag(`--${flag} must be ${wanted}, got ${JSON.stringify(text)}`);
  return n;
};

export const positiveInt = (flag: string, text: string): number => number(flag, text, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
export const nonNegativeInt = (flag: string, text: string): number => number(flag, text, (n) => Number.isSafeInteger(n) && n >= 0, 'a non-negative integer');
export const nonNegative = (flag: string, text: string): number => number(flag, text, (n) => n >= 0, 'a non-negative number');
export const positive = (flag: string, text: string): number => number(flag, text, (n) => n > 0, 'a positive number');
export const probability = (flag: string, text: string): number => number(flag, text, (n) => n >= 0 && n < 1, 'a probability in [0, 1)');

/** "6" or "2n" (twice the node count), as Jepsen reads --concurrency. */
export const concurrencyOf = (text: string, node_count: number): number => {
  const match = /^(\d+)(n?)$/.exec(text.trim());
  if (match === null) throw new BadFlag(`--concurrency must be a number or a multiple of n such as 2n, got ${JSON.stringify(text)}`);
  const n = Number(match[1]) * (match[2] === 'n' ? node_count : 1);
  if (n < 1) throw new BadFlag(`--concurrency must be at least 1, got ${JSON.stringify(text)}`);
  return n;
};
