/**
 * Writes a simulated run into the store in the runner's layout (the runner's
 * own writeRunFiles for history.jsonl, results.json and the plots), plus
 * what only a simulation has: the exact trace (and messages.svg drawn from
 * it), each node's log, sim.log, and a "sim" section in results.json with the
 * seed, the events, virtual and real time, and the simulator's verdict.
 *
 * trace.jsonl keeps times exact (not rounded as the runner's wall-clock
 * trace is): feeding each node its entries through the decoder and `step`,
 * with `time_ms` as `now_ms`, rebuilds its state exactly.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimOutcome } from '../../sim/outcome.js';
import { traceOf } from '../../sim/outcome.js';
import type { SimState } from '../../sim/simulation.js';
import { encodeJson } from '../json.js';
import { writeMessagesPlot } from '../runner/plots.js';
import { isCheckerFailure, type Results } from '../runner/results.js';
import { writeJsonLines, type RunDir } from '../runner/store.js';
import { writeRunFiles } from '../runner/write-run.js';
import type { SimCliOptions } from './cli.js';

export interface SimFacts {
  readonly options: SimCliOptions;
  readonly wall_time_s: number;
  readonly replay: string;
}

export interface SimResults extends Results {
  readonly sim: {
    readonly verdict: SimOutcome['verdict'];
    readonly reasons: readonly string[];
    readonly safe: boolean;
    readonly live: boolean;
    readonly failure: SimOutcome['failure'];
    readonly seed: number;
    readonly events: number;
    readonly 'virtual-time-s': number;
    readonly 'wall-time-s': number;
    readonly 'ops-per-wall-s': number;
    readonly 'messages-dropped': number;
    readonly replay: string;
  };
}

export const writeSimRun = (run: RunDir, state: SimState, facts: SimFacts, judge: (state: SimState, results: Results) => SimOutcome): readonly [SimResults, SimOutcome] => {
  const { options } = facts;
  const results = writeRunFiles(run.dir, state.harness, {
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
  const outcome = judge(state, results);
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
  writeFileSync(join(run.dir, 'results.json'), encodeJson(simResults) + '\n');
  const trace = traceOf(state);
  writeJsonLines(join(run.dir, 'trace.jsonl'), trace, encodeJson);
  writeMessagesPlot(run.dir, trace, options.node, isCheckerFailure(results.workload) ? undefined : results.workload);
  writeLogs(run, state, facts);
  return [simResults, outcome];
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const writeLogs = (run: RunDir, state: SimState, facts: SimFacts): void => {
  const byNode = new Map<string, string[]>(state.nodes.map((node) => [node.id, []]));
  const harness: string[] = [];
  for (let i = 0; i < state.logs.length; i++) {
    const line = state.logs.backing[i]!;
    const text = `${(line.time_ms / 1000).toFixed(6)} ${line.text}`;
    (byNode.get(line.source) ?? harness).push(text);
  }
  for (const [id, lines] of byNode) writeFileSync(join(run.node_logs, `${id}.log`), lines.length === 0 ? '' : lines.join('\n') + '\n');
  const simLog = join(run.dir, 'sim.log');
  writeFileSync(simLog, `kafka-sim ${process.argv.slice(2).join(' ')}\nseed ${facts.options.seed}\nreplay: ${facts.replay}\n`);
  if (harness.length > 0) appendFileSync(simLog, harness.join('\n') + '\n');
  if (state.failure !== null) appendFileSync(simLog, `${state.failure.kind} at step ${state.failure.step}: ${state.failure.text}\n`);
};
