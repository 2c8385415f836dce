/**
 * bin/kafka-sim: parse the flags, simulate, write the store, print the
 * summary, exit 0 (valid), 1 (invalid) or 2 (the run itself failed).
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isCheckerFailure } from '../runner/results.js';
import { createProgress } from '../runner/progress.js';
import { createRunDir, pointLatest } from '../runner/store.js';
import { harnessConfigOf, simConfig } from '../../sim/config.js';
import { judge } from '../../sim/outcome.js';
import { initialSimulation, simStep, type SimState } from '../../sim/simulation.js';
import { step } from '../../core/node/step.js';
import { runCommandLine } from '../flags.js';
import { parseArgs, replayCommand, USAGE, type SimCliOptions } from './cli.js';
import { runExhaustive } from './exhaustive.js';
import { renderSimReport } from './report.js';
import { writeSimRun } from './store.js';
import { loadNodeVariant } from './variant.js';

const PROGRESS_EVERY_STEPS = 8192;

const simulate = async (options: SimCliOptions): Promise<number> => {
  const nodeStep = options.node_variant === null ? step : await loadNodeVariant(options.node_variant);
  const config = simConfig(harnessConfigOf(options), {
    node: options.node,
    nodeStep,
    tick_jitter_ms: options.tick_jitter_ms,
    wire_json: options.wire_json,
    check_invariants: options.check_invariants,
  });
  const started = new Date();
  const store = createRunDir(options.store_dir, started);
  pointLatest(store);
  const replay = replayCommand(options);
  process.stderr.write(`kafka-sim: ${options.node_count} node(s), seed ${options.seed}, results in ${store.dir}\n`);

  const progress = createProgress(process.stderr, options.time_limit_s);
  const wallStart = performance.now();
  let state: SimState = initialSimulation(config);
  while (!state.done) {
    state = simStep(state)[0];
    if (state.steps % PROGRESS_EVERY_STEPS === 0) progress.update(state.harness, state.now_ms);
  }
  const wall_time_s = (performance.now() - wallStart) / 1000;
  progress.clear();

  const [results, outcome] = writeSimRun(store, state, { options, wall_time_s, replay }, (s, r) =>
    judge(s, isCheckerFailure(r.workload) ? undefined : r.workload),
  );
  process.stdout.write(renderSimReport(results, outcome, join(store.dir, 'results.json')) + '\n');
  if (outcome.verdict === 'failed') return 2;
  return results['valid?'] ? 0 : 1;
};

const main = async (): Promise<void> => {
  if (process.argv[2] === 'exhaustive') {
    try {
      process.exitCode = await runExhaustive(process.argv.slice(3));
    } catch (error) {
      process.stderr.write(`kafka-sim exhaustive: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
    return;
  }
  const parsed = parseArgs(process.argv.slice(2), () => randomInt(2 ** 31));
  process.exitCode = await runCommandLine('kafka-sim', USAGE, parsed, async ({ options }) => {
    try {
      return await simulate(options);
    } catch (error) {
      process.stderr.write(`kafka-sim: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  });
};

await main();
