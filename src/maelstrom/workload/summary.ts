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

/** One completed client operation, paired with its invocation. */
export interface Completed {
  readonly process: Process;
  readonly f: string;
  readonly type: 'ok' | 'fail' | 'info';
  readonly invoked_ns: number;
  readonly completed_ns: number;
  readonly node: string | undefined;
}

/** Pairs every client completion with its invocation (a process has one operation open at a time). */
export const completedOps = (history: readonly Op[]): Completed[] => {
  const open = new Map<Process, Op>();
  const out: Completed[] = [];
  for (const op of history) {
    if (op.process === 'nemesis') continue;
    if (op.type === 'invoke') {
      open.set(op.process, op);
      continue;
    }
    const invoked = open.get(op.process);
    open.delete(op.process);
    out.push({
      process: op.process,
      f: op.f,
      type: op.type,
      invoked_ns: invoked?.time ?? op.time,
      completed_ns: op.time,
      node: op.node,
    });
  }
  return out;
};

/** Jepsen's stats fold: valid when at least one op was ok (so a crash, never ok, is never valid on its own). */
const tally = (ops: readonly Completed[]): FStats => {
  let ok = 0;
  let fail = 0;
  let info = 0;
  for (const op of ops) {
    if (op.type === 'ok') ok++;
    else if (op.type === 'fail') fail++;
    else info++;
  }
  return { 'valid?': ok > 0, count: ops.length, 'ok-count': ok, 'fail-count': fail, 'info-count': info };
};

const groupByF = (ops: readonly Completed[]): Map<string, Completed[]> => {
  const groups = new Map<string, Completed[]>();
  for (const op of ops) {
    const group = groups.get(op.f);
    if (group === undefined) groups.set(op.f, [op]);
    else group.push(op);
  }
  return groups;
};

/** Valid when every f but crash had an ok op (Jepsen's kafka stats-checker forgives crashes). */
export const statsOf = (ops: readonly Completed[]): Stats => {
  const byF: Record<string, FStats> = {};
  for (const [f, group] of [...groupByF(ops)].sort(([a], [b]) => (a < b ? -1 : 1))) byF[f] = tally(group);
  const overall = tally(ops);
  return { ...overall, 'valid?': Object.entries(byF).every(([f, s]) => f === 'crash' || s['valid?']), 'by-f': byF };
};

export interface Availability {
  readonly 'valid?': boolean;
  readonly 'ok-fraction': number;
}

/** Maelstrom's availability checker: ok completions over client invocations, crashes included (a crash is never ok). */
export const availabilityOf = (ops: readonly Completed[]): Availability => {
  const ok = ops.filter((op) => op.type === 'ok').length;
  return { 'valid?': true, 'ok-fraction': ops.length === 0 ? 1 : ok / ops.length };
};

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The nearest-rank percentile of an ascending list. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export const latencyOf = (ops: readonly Completed[]): Record<string, LatencySummary> => {
  const out: Record<string, LatencySummary> = {};
  for (const [f, group] of [...groupByF(ops)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (f === 'crash') continue;
    const latencies = group
      .filter((op) => op.type === 'ok')
      .map((op) => (op.completed_ns - op.invoked_ns) / 1e6)
      .sort((a, b) => a - b);
    out[f] = {
      count: latencies.length,
      p50: round3(percentile(latencies, 50)),
      p95: round3(percentile(latencies, 95)),
      p99: round3(percentile(latencies, 99)),
      max: round3(latencies[latencies.length - 1] ?? 0),
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
