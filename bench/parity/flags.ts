/**
 * The parity script's command line. Flags both Maelstrom and our runner know
 * go to both; the script's own flags are taken; every other flag (with its
 * value, when the next word is not a flag) goes to our runner only, so runner
 * flags added later (`--strict`, `--recovery-time`...) pass straight through.
 */
import { resolve } from 'node:path';

/** Flags Maelstrom 0.2.3's `test` and bin/kafka-workload both take, each with a value. */
export const SHARED_FLAGS = [
  '--node-count', '--concurrency', '--rate', '--time-limit', '--latency', '--latency-dist', '--nemesis', '--nemesis-interval', '--max-writes-per-key',
] as const;

export interface ParityOptions {
  /** Node binaries given with --bin (absolute); empty means the default suite. */
  readonly bins: readonly string[];
  /** Case names to keep from the suite (--only a,b); empty keeps all. */
  readonly only: readonly string[];
  /** Shared flags given on the command line, overriding each case's own. */
  readonly shared: ReadonlyMap<string, string>;
  readonly oursOnly: readonly string[];
  readonly maelstromOnly: readonly string[];
  readonly jar: string | null;
  readonly keep: boolean;
  readonly markdown: string | null;
  readonly list: boolean;
  readonly help: boolean;
}

export class ParityFlagError extends Error {}

export const USAGE = `npm run parity -- [options] [runner-only flags]

Runs real Maelstrom (java -jar maelstrom.jar) and bin/kafka-workload on the
same node with the same flags, one run after another, and prints side by side:
verdict, anomaly types, op mix, msgs/op, ok-fraction, and where they differ.
A development tool: it needs Java, the jar and gnuplot, and is never run by
npm test.

  --bin FILE            a node binary; repeat for several (default: the suite)
  --only NAME[,NAME]    run only these cases (of the default suite, or the optional probes --list shows)
  --list                list the default suite and the optional probes, and exit
  --time-limit S        seconds of operations, both sides (default 20; 10 for a quick look)
  --node-count N, --concurrency C, --rate R, --latency MS, --latency-dist D,
  --nemesis partition, --nemesis-interval S, --max-writes-per-key N
                        given to both sides, overriding a case's own
  --maelstrom-arg ARG   one more word for Maelstrom only (repeatable)
  --jar FILE            Maelstrom's jar (default $MAELSTROM_JAR, else ../shared/maelstrom/maelstrom.jar)
  --keep                keep each run's temporary directory (Maelstrom's store is ~1 GB per 20 s run)
  --markdown FILE       also write the table as Markdown
  any other flag        given to our runner only (e.g. --seed 7, --recovery-time 10)

Exit: 0 done (differences are reported, not failed on), 2 cannot run (no Java, jar or gnuplot; bad flags).`;

const OWN_WITH_VALUE = new Set(['--bin', '--only', '--maelstrom-arg', '--jar', '--markdown']);
const OWN_BOOLEAN = new Set(['--keep', '--list', '--help', '-h']);

export const parseFlags = (argv: readonly string[]): ParityOptions => {
  const bins: string[] = [];
  const only: string[] = [];
  const shared = new Map<string, string>();
  const oursOnly: string[] = [];
  const maelstromOnly: string[] = [];
  let jar: string | null = null;
  let markdown: string | null = null;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new ParityFlagError(`${name} needs a value`);
      i++;
      return next;
    };
    if (OWN_BOOLEAN.has(name)) flags.add(name);
    else if ((SHARED_FLAGS as readonly string[]).includes(name)) shared.set(name, value());
    else if (OWN_WITH_VALUE.has(name)) {
      const v = value();
      if (name === '--bin') bins.push(resolve(v));
      else if (name === '--only') only.push(...v.split(',').filter((s) => s !== ''));
      else if (name === '--maelstrom-arg') maelstromOnly.push(v);
      else if (name === '--jar') jar = resolve(v);
      else markdown = resolve(v);
    } else if (name.startsWith('-')) {
      oursOnly.push(word);
      const next = argv[i + 1];
      if (inline === undefined && next !== undefined && !next.startsWith('--')) {
        oursOnly.push(next);
        i++;
      }
    } else throw new ParityFlagError(`unexpected word ${JSON.stringify(word)}: flags only`);
  }
  return {
    bins, only, shared, oursOnly, maelstromOnly, jar, markdown,
    keep: flags.has('--keep'), list: flags.has('--list'), help: flags.has('--help') || flags.has('-h'),
  };
};

/** A case's flags with the command line's shared flags put over them, and the time limit always given. */
export const mergeShared = (own: readonly string[], overrides: ReadonlyMap<string, string>): string[] => {
  const merged = new Map<string, string>();
  for (let i = 0; i + 1 < own.length; i += 2) merged.set(own[i] as string, own[i + 1] as string);
  for (const [k, v] of overrides) merged.set(k, v);
  if (!merged.has('--time-limit')) merged.set('--time-limit', '20');
  return [...merged].flat();
};
