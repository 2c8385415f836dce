/**
 * bin/kafka-workload: parse the flags, run, write the store, print the
 * summary, exit 0 (valid), 1 (invalid) or 2 (the run failed). No node process
 * outlives this one, however it ends. `kafka-workload serve` serves a store
 * instead (src/shell/serve).
 */
import { accessSync, appendFileSync, constants, statSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCommandLine } from '../flags.js';
import { parseArgs, USAGE, type RunnerOptions } from './cli.js';
import { killAllNow } from './nodes.js';
import { harnessConfigOf } from './harness-config.js';
import { createProgress } from './progress.js';
import { parseServeArgs, SERVE_USAGE } from '../serve/cli.js';
import { serve } from '../serve/main.js';
import { renderReport } from './report.js';
import { exitCodeOf } from './results.js';
import { startRun } from './run.js';
import { createRunDir, pointLatest } from './store.js';
import { writeRunFiles } from './write-run.js';

const checkBinary = (bin: string): string | null => {
  try {
    if (!statSync(bin).isFile()) return `--bin ${bin}: not a file`;
    accessSync(bin, constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `--bin ${bin}: no such file` : `--bin ${bin}: not executable (${code ?? String(error)})`;
  }
};

const run = async (options: RunnerOptions): Promise<number> => {
  const bin = resolve(options.bin);
  const binProblem = checkBinary(bin);
  if (binProblem !== null) {
    process.stderr.write(`kafka-workload: ${binProblem}\n`);
    return 2;
  }
  const started = new Date();
  const wallStart = performance.now();
  const store = createRunDir(options.store_dir, started);
  pointLatest(store);
  const runnerLog = join(store.dir, 'runner.log');
  writeFileSync(runnerLog, `kafka-workload ${process.argv.slice(2).join(' ')}\nseed ${options.seed}\n`);
  const progress = createProgress(process.stderr, options.time_limit_s);
  process.stderr.write(`kafka-workload: ${options.node_count} node(s) of ${options.bin}, seed ${options.seed}, results in ${store.dir}\n`);

  const handle = startRun(harnessConfigOf(options), bin, options.bin_args, store, {
    onProgress: (state, now_ms) => progress.update(state, now_ms),
    onBeforeDrain: (state) => progress.count(state),
    onLog: (text, now_ms) => {
      appendFileSync(runnerLog, `${(now_ms / 1000).toFixed(3)} ${text}\n`);
      if (text.startsWith('problem:')) {
        progress.clear();
        process.stderr.write(`kafka-workload: ${text}\n`);
      }
    },
  }, Math.max(1, Math.floor(options.max_line_mb * 2 ** 20)));
  let interrupted: string | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted !== null) {
      killAllNow();
      process.exit(2);
    }
    interrupted = `received ${signal}`;
    handle.stop(interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { state, node_cpu_s, trace_source } = await handle.finished;
  progress.clear();
  const wall_time_s = (performance.now() - wallStart) / 1000;
  const results = writeRunFiles(store.dir, state, {
    seed: options.seed,
    wall_time_s,
    time_limit_s: options.time_limit_s,
    options: { ...options, bin },
    interrupted,
    runner_cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    runner_peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    node_cpu_s,
    trace_source,
  });
  const resultsPath = join(store.dir, 'results.json');
  process.stdout.write(renderReport(results, resultsPath) + '\n');
  return exitCodeOf(results);
};

const main = async (): Promise<void> => {
  process.on('exit', killAllNow);
  process.on('uncaughtException', (error) => {
    killAllNow();
    process.stderr.write(`kafka-workload: internal error: ${error.stack ?? String(error)}\n`);
    process.exit(2);
  });
  const parsed = parseArgs(process.argv.slice(2), () => randomInt(2 ** 31));
  process.exitCode = await runCommandLine('kafka-workload', USAGE, parsed, ({ options }) => run(options));
};

const argv = process.argv.slice(2);
// `serve` is a verb of its own, with its own flags (src/shell/serve).
if (argv[0] === 'serve') process.exitCode = await runCommandLine('kafka-workload serve', SERVE_USAGE, parseServeArgs(argv.slice(1)), ({ options }) => serve(options));
else await main();
