/**
 * results.json, shaped like Maelstrom's results.edn with kebab-case keys:
 *
 *   "valid?"        true only if the workload, the stats and the run itself are
 *   "workload"      the checker's verdict (src/checker), Maelstrom's :workload map
 *   "stats"         ok/fail/info counts, overall and per f
 *   "availability"  the ok fraction of client operations
 *   "net"           message counts all/clients/servers, msgs-per-op
 *   "commits"       with --strict only: the runner's own check of the committed
 *                   offsets nodes reported (`bad-committed-offset` anomalies), a
 *                   sibling of the checker's verdict as :stats and :net are
 *   "latency"       p50/p95/p99/max of ok operations per f, in ms
 *   "run"           what the runner itself saw: problems, warnings, options, timing
 */
import { check, type CheckResult } from '../../checker/index.js';
import type { Op } from '../../maelstrom/history/op.js';
import type { ProblemKind, Report, WarningKind } from '../../maelstrom/workload/problems.js';
import {
  availabilityOf,
  Completions,
  latencyOf,
  netSummaryOf,
  statsOf,
  type Availability,
  type LatencySummary,
  type NetSummary,
  type Stats,
} from '../../maelstrom/workload/summary.js';
import { runProblems, runWarnings, type HarnessState } from '../../maelstrom/workload/harness.js';
import type { CommitAnomaly } from '../../maelstrom/workload/workload.js';

export interface RunInfo {
  readonly 'valid?': boolean;
  readonly problems: readonly Report<ProblemKind>[];
  readonly warnings: readonly Report<WarningKind>[];
  readonly seed: number;
  readonly nodes: readonly string[];
  readonly 'phase-reached': string;
  readonly 'wall-time-s': number;
  readonly 'beyond-time-limit-s': number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly interrupted: string | null;
  /** The runner's own CPU seconds and peak resident memory, and each node's CPU seconds: who was busy. */
  readonly 'runner-cpu-s': number;
  readonly 'runner-peak-rss-mb': number;
  readonly 'node-cpu-s': Readonly<Record<string, number | null>>;
  /** Client operations per second over the main phase, against the requested rate. */
  readonly 'achieved-rate': number;
  readonly 'trace-source'?: 'nodes' | 'runner' | 'simulator';
}

/** What results.json holds under "workload" if the checker itself threw. */
export interface CheckerFailure {
  readonly 'valid?': 'unknown';
  readonly error: string;
}

/** Strict mode's check of the committed offsets nodes reported: the first few anomalies kept, all counted. */
export interface CommitsVerdict {
  readonly 'valid?': boolean;
  readonly count: number;
  readonly 'bad-committed-offset': readonly CommitAnomaly[];
}

export interface Results {
  readonly 'valid?': boolean;
  readonly workload: CheckResult | CheckerFailure;
  readonly stats: Stats;
  readonly availability: Availability;
  readonly net: NetSummary;
  readonly commits?: CommitsVerdict;
  readonly latency: Readonly<Record<string, LatencySummary>>;
  readonly run: RunInfo;
}

export interface RunFacts {
  readonly seed: number;
  readonly wall_time_s: number;
  readonly time_limit_s: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly interrupted: string | null;
  readonly runner_cpu_s: number;
  readonly runner_peak_rss_mb: number;
  readonly node_cpu_s: Readonly<Record<string, number | null>>;
  /** Who recorded trace.jsonl: the nodes themselves (an exact replay), the runner's router, or the simulator (exact). */
  readonly trace_source?: 'nodes' | 'runner' | 'simulator';
}

export const historyOf = (state: HarnessState): readonly Op[] => state.workload.history.backing.slice(0, state.workload.history.length);

/**
 * What results.json needs of the history besides the checker's verdict,
 * gathered one op at a time: the simulator streams its history from the
 * file through this, the runner feeds it the history it holds.
 */
export class HistoryFigures {
  readonly completions = new Completions();
  /** The main phase's end: time_limit_ms after the first client invocation. */
  private mainPhaseEnd_ns: number | null = null;
  private mainPhaseInvocations = 0;

  constructor(private readonly time_limit_ms: number) {}

  add(op: Op): void {
    this.completions.add(op);
    if (op.type !== 'invoke' || op.process === 'nemesis') return;
    this.mainPhaseEnd_ns ??= op.time + this.time_limit_ms * 1e6;
    if (op.f !== 'crash' && op.time <= this.mainPhaseEnd_ns) this.mainPhaseInvocations++;
  }

  /** Client invocations (crashes aside) per second of the main phase: up to the last main-phase invoke. */
  achievedRate(): number {
    return this.mainPhaseEnd_ns === null ? 0 : this.mainPhaseInvocations / (this.time_limit_ms / 1000);
  }
}

export const figuresOf = (history: readonly Op[], time_limit_ms: number): HistoryFigures => {
  const figures = new HistoryFigures(time_limit_ms);
  for (const op of history) figures.add(op);
  return figures;
};

export const buildResults = (state: HarnessState, history: readonly Op[], facts: RunFacts): Results =>
  resultsOf(state, checkSafely(history), figuresOf(history, state.workload.config.time_limit_ms), facts);

/** The results of a run whose history was checked (`workload`) and summed up (`figures`), held or streamed. */
export const resultsOf = (state: HarnessState, workload: CheckResult | CheckerFailure, figures: HistoryFigures, facts: RunFacts): Results => {
  const { completions } = figures;
  const stats = statsOf(completions);
  const problems = runProblems(state);
  const interrupted = facts.interrupted;
  const checked = workload['valid?'] !== 'unknown';
  const runValid = problems.length === 0 && interrupted === null && state.workload.phase === 'done' && checked;
  const run: RunInfo = {
    'valid?': runValid,
    problems,
    warnings: runWarnings(state),
    seed: facts.seed,
    nodes: state.workload.config.node_ids,
    'phase-reached': state.workload.phase,
    'wall-time-s': round3(facts.wall_time_s),
    'beyond-time-limit-s': round3(facts.wall_time_s - facts.time_limit_s),
    options: facts.options,
    interrupted,
    'runner-cpu-s': round3(facts.runner_cpu_s),
    'runner-peak-rss-mb': round3(facts.runner_peak_rss_mb),
    'node-cpu-s': facts.node_cpu_s,
    'achieved-rate': round3(figures.achievedRate()),
    ...(facts.trace_source === undefined ? {} : { 'trace-source': facts.trace_source }),
  };
  const { commit_anomalies, commit_anomaly_count } = state.workload;
  const commits: CommitsVerdict | undefined = state.workload.config.strict
    ? { 'valid?': commit_anomaly_count === 0, count: commit_anomaly_count, 'bad-committed-offset': commit_anomalies }
    : undefined;
  return {
    'valid?': workload['valid?'] === true && stats['valid?'] && runValid && (commits?.['valid?'] ?? true),
    workload,
    stats,
    availability: availabilityOf(completions),
    net: netSummaryOf(state.network.stats, completions.invocations),
    ...(commits === undefined ? {} : { commits }),
    latency: latencyOf(completions),
    run,
  };
};

/** The checker's verdict; a checker that throws leaves the verdict unknown, not the run unwritten. */
export const checkSafely = (history: readonly Op[]): CheckResult | CheckerFailure => {
  try {
    return check(history);
  } catch (error) {
    return { 'valid?': 'unknown', error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
};

export const isCheckerFailure = (workload: CheckResult | CheckerFailure): workload is CheckerFailure => workload['valid?'] === 'unknown';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** 0 valid, 1 invalid, 2 the run itself failed. */
export const exitCodeOf = (results: Results): number => (!results.run['valid?'] ? 2 : results['valid?'] ? 0 : 1);
