/**
 * bin/kafka-sim: parse the flags, simulate (streaming the run into the
 * store as it goes), write the summary files, print the summary, exit 0
 * (valid), 1 (invalid) or 2 (the run itself failed).
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProgress, type Progress } from '../runner/progress.js';
import { createRunDir, pointLatest, type RunDir } from '../runner/store.js';
import { harnessConfigOf, simConfig, type SimConfig } from '../../sim/config.js';
import { drainSim } from '../../sim/drain.js';
import type { FinishedRun } from '../../sim/outcome.js';
import { initialSimulation, simStep, type SimState } from '../../sim/simulation.js';
import { step } from '../../core/node/step.js';
import { runCommandLine } from '../flags.js';
import { parseArgs, replayCommand, USAGE, type SimCliOptions } from './cli.js';
import { runExhaustive } from './exhaustive.js';
import { renderSimReport } from './report.js';
import { simLogFooter, simLogHeader, writeSimRun } from './store.js';
import { SimStream } from './stream.js';
import { loadNodeVariant } from './variant.js';

/** Progress, and the records drained to the store, every so many events: memory holds this many events' records. */
const DRAIN_EVERY_STEPS = 8192;

const simulate = async (options: SimCliOptions): Promise<number> => {
  const nodeStep = options.node_variant === null ? step : await loadNodeVariant(options.node_variant);
  const config = simConfig(harnessConfigOf(options, { key_count: options.key_count }), {
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

  const wallStart = performance.now();
  const finished = simulateToStore(config, store, simLogHeader({ options, replay }), createProgress(process.stderr, options.time_limit_s));
  const wall_time_s = (performance.now() - wallStart) / 1000;

  const [results, outcome, head] = writeSimRun(store, finished, { options, wall_time_s, replay });
  process.stdout.write(renderSimReport(results, head, join(store.dir, 'results.json')) + '\n');
  if (outcome.verdict === 'failed') return 2;
  return results['valid?'] ? 0 : 1;
};

/**
 * Runs to the end, streaming the history, trace and logs into the store as
 * they are made; returns what the summary needs, and no node state, so that
 * a long run's cluster can be let go before its history is read back.
 */
const simulateToStore = (config: SimConfig, store: RunDir, header: readonly string[], progress: Progress): FinishedRun => {
  const stream = new SimStream(store, config.harness.workload.node_ids, header);
  let state: SimState = initialSimulation(config);
  const drain = (): void => {
    const [drained, records] = drainSim(state);
    stream.write(records);
    state = drained;
  };
  while (!state.done) {
    state = simStep(state)[0];
    if (state.steps % DRAIN_EVERY_STEPS === 0) {
      // Progress counts the history before it is drained.
      progress.update(state.harness, state.now_ms);
      drain();
    }
  }
  drain();
  progress.clear();
  const { harness, failure, now_ms, steps } = state;
  stream.close(simLogFooter(state));
  return { harness, failure, now_ms, steps };
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
