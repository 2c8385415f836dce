/**
 * Writes a simulated run into the store in the runner's layout (the runner's
 * own writers for results.json, results.edn and the plots), plus what only a
 * simulation has: the exact trace (and messages.svg drawn from it), each
 * node's log, sim.log, and a "sim" section in results.json with the seed,
 * the events, virtual and real time, and the simulator's verdict. The
 * history, the trace and the logs are written as the run goes (stream.ts).
 *
 * trace.jsonl keeps times exact (not rounded as the runner's wall-clock
 * trace is): feeding each node its entries through the decoder and `step`,
 * with `time_ms` as `now_ms`, rebuilds its state exactly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeChecked, type FinishedRun, type SimJudgement } from '../../sim/outcome.js';
import { encodeJson } from '../json.js';
import { writeHistoryPlots, writeMessagesPlot } from '../runner/plots.js';
import { resultsOf, type Results } from '../runner/results.js';
import type { RunDir } from '../runner/store.js';
import { writeResults } from '../runner/write-run.js';
import type { SimCliOptions } from './cli.js';
import { readTraceForMessages, summariseHistory } from './read-back.js';

export interface SimFacts {
  readonly options: SimCliOptions;
  readonly wall_time_s: number;
  readonly replay: string;
}

export interface SimResults extends Results {
  readonly sim: {
    readonly verdict: SimJudgement['verdict'];
    readonly reasons: readonly string[];
    readonly safe: boolean;
    readonly live: boolean;
    readonly failure: SimJudgement['failure'];
    readonly seed: number;
    readonly events: number;
    readonly 'virtual-time-s': number;
    readonly 'wall-time-s': number;
    readonly 'ops-per-wall-s': number;
    readonly 'messages-dropped': number;
    readonly replay: string;
    /** The process's peak resident memory, the summary's work included (absent until then). */
    readonly 'peak-rss-mb'?: number;
  };
}

/** How many operations an invalid run's summary shows. */
export const SHOWN_OPS = 40;

/**
 * The summary files of a run streamed to `run` (stream.ts, all files closed):
 * results, plots and messages.svg, from the history streamed back through
 * the checker, the figures and the plots (two passes, never held whole), and
 * the start of the trace. `state` holds no node states: a long run's are let
 * go first. Returns the results, the verdict, and the first SHOWN_OPS
 * operations as lines.
 */
export const writeSimRun = (run: RunDir, state: FinishedRun, facts: SimFacts): readonly [SimResults, SimJudgement, readonly string[]] => {
  const { options } = facts;
  const summary = summariseHistory(join(run.dir, 'history.jsonl'), state.harness.workload.config.time_limit_ms, SHOWN_OPS);
  const results = resultsOf(state.harness, summary.check, summary.figures, {
    seed: options.seed,
    wall_time_s: facts.wall_time_s,
    time_limit_s: options.time_limit_s,
    options: { ...options },
    interrupted: null,
    runner_cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    runner_peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    node_cpu_s: {},
    trace_source: 'simulator',
  });
  writeResults(run.dir, results);
  writeHistoryPlots(run.dir, summary.plots);
  const outcome = judgeChecked(state, summary.check, summary.figures.completions.operations);
  const simResults: SimResults = {
    ...results,
    'valid?': results['valid?'] && outcome.verdict === 'valid',
    sim: {
      verdict: outcome.verdict,
      reasons: outcome.reasons,
      safe: outcome.safe,
      live: outcome.live,
      failure: outcome.failure,
      seed: options.seed,
      events: state.steps,
      'virtual-time-s': round3(state.now_ms / 1000),
      'wall-time-s': round3(facts.wall_time_s),
      'ops-per-wall-s': Math.round(outcome.ops / Math.max(facts.wall_time_s, 1e-9)),
      'messages-dropped': state.harness.network.dropped,
      replay: facts.replay,
    },
  };
  writeMessagesPlot(run.dir, readTraceForMessages(join(run.dir, 'trace.jsonl'), summary.check), options.node, summary.check);
  // Last of all: the peak covers the run, the reading back, the checker and the plots.
  const withPeak: SimResults = { ...simResults, sim: { ...simResults.sim, 'peak-rss-mb': Math.round(process.resourceUsage().maxRSS / 1024) } };
  writeFileSync(join(run.dir, 'results.json'), encodeJson(withPeak) + '\n');
  return [withPeak, outcome, summary.head];
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** sim.log's first lines: how the run was started and how to replay it. */
export const simLogHeader = (facts: Pick<SimFacts, 'options' | 'replay'>): string[] => [
  `kafka-sim ${process.argv.slice(2).join(' ')}`,
  `seed ${facts.options.seed}`,
  `replay: ${facts.replay}`,
];

/** sim.log's last line, if the run failed. */
export const simLogFooter = (state: FinishedRun): string[] =>
  state.failure === null ? [] : [`${state.failure.kind} at step ${state.failure.step}: ${state.failure.text}`];
