/**
 * The numbers results.json carries beside the checker's verdict, computed
 * from the history and the network's counts the way Maelstrom computes them:
 *
 * - stats: per f, how many operations completed ok, fail and info (Jepsen's
 *   stats checker; `crash` ops are always info and do not count against it)
 * - availability: the fraction of client operations that were ok (crashes
 *   count, and are never ok, as in Maelstrom)
 * - net: message counts, all / clients / servers, and msgs-per-op: distinct
 *   messages divided by the number of client invocations, nemesis excluded
 * - latency: per f, percentiles of how long ok operations took, in ms
 *
 * Keys are kebab-case, as in Maelstrom's results.edn.
 */
import { bytes, doubles, ints } from '../history/growable.js';
import type { Op, Process } from '../history/op.js';
import type { NetCounts, NetStats } from '../network/stats.js';

export interface FStats {
  readonly 'valid?': boolean;
  readonly count: number;
  readonly 'ok-count': number;
  readonly 'fail-count': number;
  readonly 'info-count': number;
}

export interface Stats extends FStats {
  readonly 'by-f': Readonly<Record<string, FStats>>;
}

/** How a client operation ended. */
export type OpOutcome = 'ok' | 'fail' | 'info';

/** One completed client operation, paired with its invocation. */
export interface Completed {
  readonly f: string;
  readonly type: OpOutcome;
  readonly invoked_ns: number;
  readonly completed_ns: number;
}

const OUTCOME_CODES: readonly OpOutcome[] = ['ok', 'fail', 'info'];

/**
 * Every client completion paired with its invocation (a process has one
 * operation open at a time), gathered one op at a time and kept as columns:
 * a few bytes an operation, so that a history streamed from a file is
 * summed up without being held. The completions are numbered 0 .. length-1
 * in history order.
 */
export class Completions {
  /** Client invocations, crashes included: the denominator of msgs-per-op (Maelstrom counts every non-nemesis invoke). */
  invocations = 0;
  /** Client invocations but crashes: the operations a run did. */
  operations = 0;
  /** f code -> name, in the order first completed. */
  readonly fNames: string[] = [];
  private readonly fCodes = new Map<string, number>();
  /** When each invocation still pending began, by process. */
  private readonly open = new Map<Process, number>();
  private readonly fs = ints();
  private readonly types = bytes();
  private readonly invoked = doubles();
  private readonly completed = doubles();

  add(op: Op): void {
    if (op.process === 'nemesis') return;
    if (op.type === 'invoke') {
      this.open.set(op.process, op.time);
      this.invocations++;
      if (op.f !== 'crash') this.operations++;
      return;
    }
    const invoked_ns = this.open.get(op.process);
    this.open.delete(op.process);
    let f = this.fCodes.get(op.f);
    if (f === undefined) {
      this.fCodes.set(op.f, (f = this.fNames.length));
      this.fNames.push(op.f);
    }
    this.fs.push(f);
    this.types.push(OUTCOME_CODES.indexOf(op.type));
    this.invoked.push(invoked_ns ?? op.time);
    this.completed.push(op.time);
  }

  get length(): number {
    return this.fs.length;
  }

  /** Completion i's f code (fNames names it). */
  fCode(i: number): number {
    return this.fs.at(i);
  }

  f(i: number): string {
    return this.fNames[this.fs.at(i)] as string;
  }

  type(i: number): OpOutcome {
    return OUTCOME_CODES[this.types.at(i)] as OpOutcome;
  }

  invoked_ns(i: number): number {
    return this.invoked.at(i);
  }

  completed_ns(i: number): number {
    return this.completed.at(i);
  }

  /** The f names completed, in the order of their names. */
  sortedFs(): string[] {
    return [...this.fNames].sort((a, b) => (a < b ? -1 : 1));
  }
}

export const completionsOf = (history: readonly Op[]): Completions => {
  const completions = new Completions();
  for (const op of history) completions.add(op);
  return completions;
};

export const completedOps = (history: readonly Op[]): Completed[] => {
  const c = completionsOf(history);
  return Array.from({ length: c.length }, (_, i) => ({ f: c.f(i), type: c.type(i), invoked_ns: c.invoked_ns(i), completed_ns: c.completed_ns(i) }));
};

/** Jepsen's stats fold: valid when at least one op was ok (so a crash, never ok, is never valid on its own). */
const tally = (ok: number, fail: number, info: number): FStats => ({
  'valid?': ok > 0,
  count: ok + fail + info,
  'ok-count': ok,
  'fail-count': fail,
  'info-count': info,
});

/** Valid when every f but crash had an ok op (Jepsen's kafka stats-checker forgives crashes). */
export const statsOf = (c: Completions): Stats => {
  // Per f code, then overall: ok, fail and info counts, in OUTCOME_CODES order.
  const counts = c.fNames.map(() => [0, 0, 0]);
  const overall = [0, 0, 0];
  for (let i = 0; i < c.length; i++) {
    const code = OUTCOME_CODES.indexOf(c.type(i));
    counts[c.fCode(i)]![code]!++;
    overall[code]!++;
  }
  const byF: Record<string, FStats> = {};
  for (const f of c.sortedFs()) {
    const [ok, fail, info] = counts[c.fNames.indexOf(f)]! as [number, number, number];
    byF[f] = tally(ok, fail, info);
  }
  const [ok, fail, info] = overall as [number, number, number];
  return { ...tally(ok, fail, info), 'valid?': Object.entries(byF).every(([f, s]) => f === 'crash' || s['valid?']), 'by-f': byF };
};

export interface Availability {
  readonly 'valid?': boolean;
  readonly 'ok-fraction': number;
}

/** Maelstrom's availability checker: ok completions over client invocations, crashes included (a crash is never ok). */
export const availabilityOf = (c: Completions): Availability => {
  let ok = 0;
  for (let i = 0; i < c.length; i++) if (c.type(i) === 'ok') ok++;
  return { 'valid?': true, 'ok-fraction': c.length === 0 ? 1 : ok / c.length };
};

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The nearest-rank percentile of an ascending list. */
export const percentile = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Per f but crash, in the order of their names: percentiles of the ok operations' latencies. */
export const latencyOf = (c: Completions): Record<string, LatencySummary> => {
  const out: Record<string, LatencySummary> = {};
  for (const f of c.sortedFs()) {
    if (f === 'crash') continue;
    const code = c.fNames.indexOf(f);
    const latencies: number[] = [];
    for (let i = 0; i < c.length; i++) if (c.fCode(i) === code && c.type(i) === 'ok') latencies.push((c.completed_ns(i) - c.invoked_ns(i)) / 1e6);
    // A typed array sorts by value, and without a comparator call per pair.
    const sorted = Float64Array.from(latencies).sort();
    out[f] = {
      count: sorted.length,
      p50: round3(percentile(sorted, 50)),
      p95: round3(percentile(sorted, 95)),
      p99: round3(percentile(sorted, 99)),
      max: round3(sorted[sorted.length - 1] ?? 0),
    };
  }
  return out;
};

export interface NetSide {
  readonly 'send-count': number;
  readonly 'recv-count': number;
  readonly 'msg-count': number;
  readonly 'msgs-per-op': number;
}

export interface NetSummary {
  readonly 'valid?': boolean;
  readonly all: NetSide;
  readonly clients: NetSide;
  readonly servers: NetSide;
}

/** Client invocations, the denominator of msgs-per-op (Maelstrom counts every non-nemesis invoke). */
export const invocationCount = (history: readonly Op[]): number =>
  history.reduce((n, op) => (op.type === 'invoke' && op.process !== 'nemesis' ? n + 1 : n), 0);

export const netSummaryOf = (stats: NetStats, invocations: number): NetSummary => {
  const side = (counts: NetCounts): NetSide => ({
    'send-count': counts.send_count,
    'recv-count': counts.recv_count,
    'msg-count': counts.msg_count,
    'msgs-per-op': invocations === 0 ? 0 : round3(counts.msg_count / invocations),
  });
  return { 'valid?': true, all: side(stats.all), clients: side(stats.clients), servers: side(stats.servers) };
};
