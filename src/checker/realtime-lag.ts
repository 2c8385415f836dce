/**
 * Realtime lag (Jepsen's `realtime-lag`): a lower bound on how stale each
 * successful poll was. Offset i of a key is known to exist from the first
 * completion (ok or info) that sent or read offset i or above. A process
 * whose highest offset of key k is o, polling at time t, lags by
 * t - (when offset o+1 became known to exist), or 0 if that never happened.
 *
 * A process's offsets follow its assigns: an assign keeps the offsets of the
 * keys it names and starts the others at -1 (nothing read yet).
 */
import type { Op, Process } from '../core/history/op.js';
import type { KeyRun, OpDigest } from './digest.js';
import { assignedKeys } from './process-keys.js';
import type { RealtimeLag } from './types.js';

const NANOS_PER_SECOND = 1e9;

export interface RealtimeLagSummary {
  readonly worst: RealtimeLag;
  readonly byKey: Readonly<Record<string, RealtimeLag>>;
}

/**
 * When each offset of a key came to exist, as breakpoints: `offsets` ascend
 * strictly and `times[j]` is when `offsets[j]` (and every offset above
 * `offsets[j-1]`) was first known to exist.
 */
interface Existence {
  readonly offsets: number[];
  readonly times: number[];
}

export function realtimeLag(ops: readonly Op[], digestAt: readonly (OpDigest | null)[]): RealtimeLagSummary {
  const existence = existenceTimes(digestAt);
  const positions = new Map<Process, Map<string, number>>();
  const invokedAt = new Map<Process, number>();
  let worst: RealtimeLag = { time: 0, lag: 0, key: null, process: null };
  let worstLagNanos = -1;
  const worstByKey = new Map<string, { lagNanos: number; time: number; process: number }>();

  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    if (op.type === 'invoke') {
      invokedAt.set(op.process, op.time);
      continue;
    }
    if (op.f === 'crash') {
      positions.delete(op.process);
      continue;
    }
    if (op.type !== 'ok') continue;
    if (op.f === 'assign') {
      const before = positions.get(op.process);
      const after = new Map<string, number>();
      for (const key of assignedKeys(op)) after.set(key, before?.get(key) ?? -1);
      positions.set(op.process, after);
      continue;
    }
    if (op.f === 'subscribe') {
      positions.set(op.process, new Map());
      continue;
    }
    const d = digestAt[i];
    if (d === null || d === undefined || (op.f !== 'poll' && op.f !== 'txn')) continue;
    let mine = positions.get(op.process);
    if (mine === undefined) positions.set(op.process, (mine = new Map()));
    mergeMaxOffsets(mine, d.reads);
    if (op.f === 'txn') mergeMaxOffsets(mine, d.writes);
    const start = invokedAt.get(op.process) ?? op.time;
    for (const [key, offset] of mine) {
      const lagNanos = Math.max(0, start - existedAt(existence.get(key), offset + 1));
      const best = worstByKey.get(key);
      if (best === undefined || lagNanos > best.lagNanos) {
        worstByKey.set(key, { lagNanos, time: start, process: op.process as number });
      }
      if (lagNanos > worstLagNanos) {
        worstLagNanos = lagNanos;
        worst = lagReport(key, lagNanos, start, op.process as number);
      }
    }
  }
  const byKey: Record<string, RealtimeLag> = {};
  for (const [key, w] of worstByKey) byKey[key] = lagReport(key, w.lagNanos, w.time, w.process);
  return { worst, byKey };
}

function lagReport(key: string, lagNanos: number, time: number, process: number): RealtimeLag {
  return { time: time / NANOS_PER_SECOND, lag: lagNanos / NANOS_PER_SECOND, key, process };
}

/** Jepsen's `op->max-offsets`: per key, the highest offset an op touched (-1 for an empty read). */
function mergeMaxOffsets(into: Map<string, number>, runs: readonly KeyRun[]): void {
  for (const run of runs) {
    let max = into.get(run.key) ?? -1;
    for (const o of run.offsets) if (o !== null && o > max) max = o;
    into.set(run.key, max);
  }
}

function existenceTimes(digestAt: readonly (OpDigest | null)[]): Map<string, Existence> {
  const existence = new Map<string, Existence>();
  const note = (runs: readonly KeyRun[], time: number): void => {
    for (const run of runs) {
      let max = -1;
      for (const o of run.offsets) if (o !== null && o > max) max = o;
      if (max < 0) continue;
      let e = existence.get(run.key);
      if (e === undefined) existence.set(run.key, (e = { offsets: [], times: [] }));
      const known = e.offsets.length === 0 ? -1 : (e.offsets[e.offsets.length - 1] as number);
      if (max > known) {
        e.offsets.push(max);
        e.times.push(time);
      }
    }
  };
  for (const d of digestAt) {
    if (d === null || (d.op.type !== 'ok' && d.op.type !== 'info')) continue;
    if (d.op.f !== 'send') note(d.reads, d.op.time);
    if (d.op.f !== 'poll') note(d.writes, d.op.time);
  }
  return existence;
}

/** When offset `offset` was first known to exist; +Infinity if never. */
function existedAt(e: Existence | undefined, offset: number): number {
  if (e === undefined) return Infinity;
  // The first breakpoint at or above the offset.
  let lo = 0;
  let hi = e.offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((e.offsets[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < e.times.length ? (e.times[lo] as number) : Infinity;
}
