/**
 * The soak: `node dist/src/shell/sim/soak.js [--seeds N] [--from S]`
 * (npm run soak). Simulates N seeds in a row, each a whole run with faults
 * drawn from its seed (src/sim/soak-case.ts), and judges each for safety
 * and liveness. Prints progress now and then, each failure with the command
 * that replays it, and at the end how many ran and how many failed.
 * Exit 0 when every run was valid, 1 otherwise, 2 for bad flags.
 */
import { performance } from 'node:perf_hooks';
import { harnessConfigOf, simConfig } from '../../sim/config.js';
import { judge } from '../../sim/outcome.js';
import { runSimulation } from '../../sim/simulation.js';
import { soakCase } from '../../sim/soak-case.js';
import { replayCommand } from './cli.js';
import { nodeArgsOf } from './node-args.js';

const USAGE = `Usage: node dist/src/shell/sim/soak.js [--seeds N] [--from S]

Simulates seeds S, S+1, ... S+N-1 (default 10000 seeds from 0), each a run
with partitions, latency, loss, duplication, late timers and node timings
drawn from the seed, and reports how many ran and every failure.`;

const PROGRESS_EVERY_MS = 5000;

const parse = (argv: readonly string[]): { seeds: number; from: number } | string => {
  let seeds = 10_000;
  let from = 0;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '-h' || flag === '--help') return USAGE;
    const value = Number(argv[++i]);
    if (!Number.isSafeInteger(value) || value < 0) return `${flag} needs a non-negative integer, got ${JSON.stringify(argv[i] ?? '')}`;
    if (flag === '--seeds') seeds = value;
    else if (flag === '--from') from = value;
    else return `unknown option ${flag}`;
  }
  return { seeds, from };
};

const main = (): number => {
  const parsed = parse(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === USAGE;
    (help ? process.stdout : process.stderr).write(`${parsed}\n`);
    return help ? 0 : 2;
  }
  const started = performance.now();
  let lastReport = started;
  let ran = 0;
  let ops = 0;
  const failed: number[] = [];
  for (let seed = parsed.from; seed < parsed.from + parsed.seeds; seed++) {
    const c = soakCase(seed);
    const outcome = judge(runSimulation(simConfig(harnessConfigOf(c.options), { node: c.node, tick_jitter_ms: c.tick_jitter_ms, record_trace: false })));
    ran++;
    ops += outcome.ops;
    if (outcome.verdict !== 'valid') {
      failed.push(seed);
      const replay = replayCommand({
        ...c.options,
        tick_jitter_ms: c.tick_jitter_ms,
        wire_json: false,
        check_invariants: true,
        node_variant: null,
        node_args: nodeArgsOf(c.node),
        node: c.node,
        store_dir: 'store',
      });
      process.stdout.write(`soak: seed ${seed} ${outcome.verdict.toUpperCase()}\n  ${outcome.reasons.join('\n  ')}\n  replay: ${replay}\n`);
    }
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      process.stderr.write(`soak: ${ran}/${parsed.seeds} seeds, ${failed.length} failed, ${((now - started) / 1000).toFixed(0)} s\n`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `soak: ${ran} seeds ran (${parsed.from}..${parsed.from + parsed.seeds - 1}), ${failed.length} failed${failed.length > 0 ? `: ${failed.join(', ')}` : ''}; ` +
      `${ops} client operations in ${seconds.toFixed(1)} s\n`,
  );
  return failed.length === 0 ? 0 : 1;
};

process.exitCode = main();
