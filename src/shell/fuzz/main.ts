/**
 * `npm run fuzz` (node dist/src/shell/fuzz/main.js): a million fuzzed lines,
 * into the node process and into the reducer in process, from one seed.
 * Prints the seed, lines per second for each, every failure with its stream
 * and line, and the command that replays the run. Exit 0 when the node
 * answered every line as it must, 1 when it did not, 2 for bad flags.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { step } from '../../core/node/step.js';
import { fuzzReducer, type FuzzResult, type FuzzRun } from '../../sim/fuzz/in-process.js';
import { fuzzProcess } from './process.js';

const DEFAULT_BIN = new URL('../../../../bin/maelstrom-kafka', import.meta.url).pathname;

const USAGE = `Usage: node dist/src/shell/fuzz/main.js [options]   (npm run fuzz -- [options])

Feeds a node fuzzed Maelstrom traffic, seeded and reproducible: real
requests, many of them mutated (fields missing, extra, of the wrong type;
odd numbers; unicode, empty and long keys; huge and deep values; cut, junk
and joined lines; CRLF), through the node process over pipes and through the
reducer in process. Checks that the process lives and exits 0 at the end of
its input, that every request with a usable msg_id gets exactly one reply,
and the right one (a map-of-arrays model predicts every answer: dense
offsets, polls, commits), and, in process, that a refused request changes
no state.

  --seed N            the seed of everything                      [random, printed]
  --lines N           lines in all, per mode                      [1000000]
  --lines-per-node N  lines per stream; each stream is a fresh node  [20000]
  --mode M            process, reducer or both                    [both]
  --bin FILE          the node binary for the process mode        [bin/maelstrom-kafka]
  --max-depth N       the deepest nesting of a fuzzed value       [10000]
  --no-prototype-names  no keys or sources named __proto__, constructor,
                      toString, hasOwnProperty or valueOf
  --poll-max N        the node's --poll-max (passed to it)        [1024]`;

interface Options extends FuzzRun {
  readonly mode: 'process' | 'reducer' | 'both';
  readonly bin: string;
  readonly bin_given: boolean;
  readonly poll_max_given: boolean;
}

const parse = (argv: readonly string[]): Options | string => {
  const o = {
    seed: randomInt(2 ** 31),
    lines: 1_000_000,
    lines_per_stream: 20_000,
    poll_max: 1024,
    max_depth: 10_000,
    prototype_names: true,
    mode: 'both' as Options['mode'],
    bin: DEFAULT_BIN,
    bin_given: false,
    poll_max_given: false,
  };
  const numeric: Readonly<Record<string, 'seed' | 'lines' | 'lines_per_stream' | 'poll_max' | 'max_depth'>> = {
    '--seed': 'seed',
    '--lines': 'lines',
    '--lines-per-node': 'lines_per_stream',
    '--poll-max': 'poll_max',
    '--max-depth': 'max_depth',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '-h' || flag === '--help') return USAGE;
    if (flag === '--no-prototype-names') {
      o.prototype_names = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) return `${flag} needs a value`;
    if (flag === '--mode') {
      if (value !== 'process' && value !== 'reducer' && value !== 'both') return `--mode must be process, reducer or both, got ${JSON.stringify(value)}`;
      o.mode = value;
    } else if (flag === '--bin') {
      o.bin = value;
      o.bin_given = true;
    } else {
      const field = numeric[flag];
      if (field === undefined) return `unknown option ${flag}`;
      const n = Number(value);
      const least = field === 'seed' || field === 'lines' ? 0 : 1;
      if (!Number.isSafeInteger(n) || n < least) return `${flag} needs an integer of at least ${least}, got ${JSON.stringify(value)}`;
      o[field] = n;
      if (field === 'poll_max') o.poll_max_given = true;
    }
  }
  return o;
};

const replayOf = (o: Options): string =>
  [
    'npm run fuzz --',
    `--seed ${o.seed}`,
    `--lines ${o.lines}`,
    o.lines_per_stream !== 20_000 ? `--lines-per-node ${o.lines_per_stream}` : '',
    o.mode !== 'both' ? `--mode ${o.mode}` : '',
    o.bin_given ? `--bin ${o.bin}` : '',
    o.max_depth !== 10_000 ? `--max-depth ${o.max_depth}` : '',
    o.prototype_names ? '' : '--no-prototype-names',
    o.poll_max_given ? `--poll-max ${o.poll_max}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');

const report = (label: string, result: FuzzResult, seconds: number): void => {
  const rate = Math.round(result.lines / Math.max(seconds, 1e-9));
  process.stdout.write(
    `fuzz ${label}: ${result.lines} lines in ${seconds.toFixed(1)} s (${rate} lines/s), ${result.replies} requests answered exactly once and rightly, ${result.failures.length} failure(s)\n`,
  );
  for (const f of result.failures) process.stdout.write(`  stream ${f.stream} line ${f.line}: ${f.problem}\n    line: ${f.text}\n`);
};

const main = async (): Promise<number> => {
  const parsed = parse(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === USAGE;
    (help ? process.stdout : process.stderr).write(`${help ? parsed : `fuzz: ${parsed}\n(--help lists the options)`}\n`);
    return help ? 0 : 2;
  }
  const o = parsed;
  process.stdout.write(`fuzz: seed ${o.seed}, ${o.lines} lines per mode, ${o.lines_per_stream} per node\n`);
  let failed = false;
  if (o.mode !== 'reducer') {
    const started = performance.now();
    let last = started;
    const result = await fuzzProcess(o, {
      bin: o.bin,
      args: o.poll_max_given ? ['--poll-max', String(o.poll_max)] : [],
      progress: (lines) => {
        const now = performance.now();
        if (now - last < 5000) return;
        last = now;
        process.stderr.write(`fuzz process: ${lines}/${o.lines} lines, ${((now - started) / 1000).toFixed(0)} s\n`);
      },
    });
    report(`process (${o.bin_given ? o.bin : 'bin/maelstrom-kafka'})`, result, (performance.now() - started) / 1000);
    failed ||= result.failures.length > 0;
  }
  if (o.mode !== 'process') {
    const started = performance.now();
    const result = fuzzReducer(o, step);
    report('reducer (decodeNodeInput + step, in process)', result, (performance.now() - started) / 1000);
    failed ||= result.failures.length > 0;
  }
  process.stdout.write(`fuzz: ${failed ? 'FAILED' : 'ok'}; replay: ${replayOf(o)}\n`);
  return failed ? 1 : 0;
};

process.exitCode = await main();
