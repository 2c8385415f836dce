/**
 * Realtime lag (Jepsen's `realtime-lag`): a lower bound on how stale each
 * successful poll was. Offset i of a key is known to exist from the first
 * completion (ok or info) that sent or read offset i or above. A process
 * whose highest offset of key k is o, polling at time t, lags on k by
 * t - (when offset o+1 became known to exist), or 0 if that never happened.
 * Like Jepsen, every poll measures every key the process holds, read or not.
 *
 * A process's offsets follow its assigns: an assign keeps the offsets of the
 * keys it names and starts the others at -1 (nothing read yet); a crash
 * forgets them all.
 *
 * Measuring every held key at every poll would cost O(polls x keys held).
 * But while a process's offset on a key stays put, its lag only grows (the
 * polls of one process are sequential), so the worst lag of such a stretch
 * is the one at its last poll. Each stretch is therefore measured once, when
 * it ends: the offset moves, the key is dropped, or the history ends. On a
 * tie the earliest such measurement is reported.
 */
import {
  F_ASSIGN,
  F_CRASH,
  F_POLL,
  F_SUBSCRIBE,
  F_TXN,
  TYPE_INFO,
  TYPE_INVOKE,
  TYPE_OK,
  assignedAt,
  pairOffsetAt,
  type HistoryIndex,
} from './history-index.js';
import type { RealtimeLag } from './types.js';

const NANOS_PER_SECOND = 1e9;

export interface RealtimeLagSummary {
  readonly worst: RealtimeLag;
  readonly byKey: Readonly<Record<string, RealtimeLag>>;
}

/**
 * When each offset of a key came to exist, as breakpoints: `offsets` ascend
 * strictly, and every offset above `offsets[j-1]` up to `offsets[j]` was
 * first known to exist at `times[j]`.
 */
export interface Existence {
  readonly offsets: number[];
  readonly times: number[];
}

/** A process's offset on a key, since which of its polls it has held it, and when that offset went stale. */
interface Cursor {
  readonly key: number;
  offset: number;
  staleSince: number;
  /** The process's poll count when the cursor took this offset; polls numbered from here on measured it. */
  since: number;
}

/** What a process holds, and its latest poll (the last one each cursor was measured at). */
class ProcessLag {
  cursors = new Map<number, Cursor>();
  polls = 0;
  lastPollStart = 0;
  lastPollAt = -1;
}

/** Per key, the worst lag measured so far and where. */
class Worst {
  readonly lag: Float64Array;
  readonly at: Int32Array;
  readonly time: Float64Array;

  constructor(keys: number) {
    this.lag = new Float64Array(keys).fill(-1);
    this.at = new Int32Array(keys).fill(-1);
    this.time = new Float64Array(keys);
  }

  /** Measures the stretch that `cursor` ends now, at the process's last poll, if a poll saw it. */
  close(p: ProcessLag, cursor: Cursor): void {
    if (p.polls <= cursor.since) return;
    const k = cursor.key;
    const lag = Math.max(0, p.lastPollStart - cursor.staleSince);
    const worst = this.lag[k] as number;
    if (lag > worst || (lag === worst && p.lastPollAt < (this.at[k] as number))) {
      this.lag[k] = lag;
      this.at[k] = p.lastPollAt;
      this.time[k] = p.lastPollStart;
    }
  }
}

export function realtimeLag(ix: HistoryIndex): RealtimeLagSummary {
  const existence = existenceTimes(ix);
  const staleSince = (k: number, offset: number): number => existedAt(existence[k], offset + 1);
  const processes = Array.from({ length: ix.processCount }, () => new ProcessLag());
  const invokedAt = new Float64Array(ix.processCount).fill(NaN);
  const worst = new Worst(ix.keyName.length);
  // Null in the usual case (every poll has its results), which keeps the hot loop free of it.
  const resultless = ix.resultless.length > 0 ? new Set(ix.resultless) : null;

  for (let o = 0; o < ix.opCount; o++) {
    const type = ix.opType[o];
    const f = ix.opF[o];
    const process = ix.opProcess[o] as number;
    const p = processes[process] as ProcessLag;
    if (type === TYPE_INVOKE) {
      invokedAt[process] = ix.opTime[o] as number;
      continue;
    }
    if (f === F_CRASH) {
      for (const cursor of p.cursors.values()) worst.close(p, cursor);
      p.cursors = new Map();
      continue;
    }
    if (type !== TYPE_OK) continue;
    if (f === F_ASSIGN || f === F_SUBSCRIBE) {
      // Subscribing holds nothing until polls say what was assigned.
      const kept = new Map<number, Cursor>();
      if (f === F_ASSIGN) {
        for (const k of assignedAt(ix, o)) {
          kept.set(k, p.cursors.get(k) ?? { key: k, offset: -1, staleSince: staleSince(k, -1), since: p.polls });
        }
      }
      for (const cursor of p.cursors.values()) if (!kept.has(cursor.key)) worst.close(p, cursor);
      p.cursors = kept;
      continue;
    }
    const d = ix.opDigest[o] as number;
    if (d < 0 || (f !== F_POLL && f !== F_TXN)) continue;
    // A poll whose results the history lacks (resultless-polls.ts) says nothing about staleness.
    if (resultless !== null && resultless.has(d)) continue;
    // Jepsen's op->max-offsets: what the poll read (and, in a txn, sent).
    const runsEnd = f === F_TXN ? (ix.runStart[d + 1] as number) : (ix.writeStart[d] as number);
    for (let r = ix.runStart[d] as number; r < runsEnd; r++) {
      const k = ix.runKey[r] as number;
      const max = maxOffset(ix, r);
      const cursor = p.cursors.get(k);
      if (cursor === undefined) {
        p.cursors.set(k, { key: k, offset: max, staleSince: staleSince(k, max), since: p.polls });
      } else if (max > cursor.offset) {
        worst.close(p, cursor);
        cursor.offset = max;
        cursor.staleSince = staleSince(k, max);
        cursor.since = p.polls;
      }
    }
    const invoked = invokedAt[process] as number;
    p.polls++;
    p.lastPollStart = Number.isNaN(invoked) ? (ix.opTime[o] as number) : invoked;
    p.lastPollAt = o;
  }
  for (const p of processes) for (const cursor of p.cursors.values()) worst.close(p, cursor);
  return summarize(ix, worst);
}

function summarize(ix: HistoryIndex, worst: Worst): RealtimeLagSummary {
  const byKey: Record<string, RealtimeLag> = {};
  let overall: RealtimeLag = { time: 0, lag: 0, key: null, process: null };
  let overallK = -1;
  for (let k = 0; k < ix.keyName.length; k++) {
    const o = worst.at[k] as number;
    if (o < 0) continue;
    const report: RealtimeLag = {
      time: (worst.time[k] as number) / NANOS_PER_SECOND,
      lag: (worst.lag[k] as number) / NANOS_PER_SECOND,
      key: ix.keyName[k] as string,
      process: ix.processNames[ix.opProcess[o] as number] as number,
    };
    byKey[report.key as string] = report;
    // The largest lag; on a tie, the one measured first.
    const lag = worst.lag[k] as number;
    const best = overallK < 0 ? -1 : (worst.lag[overallK] as number);
    if (lag > best || (lag === best && o < (worst.at[overallK] as number))) {
      overall = report;
      overallK = k;
    }
  }
  return { worst: overall, byKey };
}

function maxOffset(ix: HistoryIndex, r: number): number {
  let max = -1;
  for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
    const o = pairOffsetAt(ix, p);
    if (o > max) max = o;
  }
  return max;
}

function existenceTimes(ix: HistoryIndex): (Existence | undefined)[] {
  const existence = new Array<Existence | undefined>(ix.keyName.length);
  for (let d = 0; d < ix.digestCount; d++) {
    const o = ix.digestOp[d] as number;
    const type = ix.opType[o];
    if (type !== TYPE_OK && type !== TYPE_INFO) continue;
    const time = ix.opTime[o] as number;
    for (let r = ix.runStart[d] as number, end = ix.runStart[d + 1] as number; r < end; r++) {
      const max = maxOffset(ix, r);
      if (max < 0) continue;
      const k = ix.runKey[r] as number;
      const e = (existence[k] ??= { offsets: [], times: [] });
      const known = e.offsets.length === 0 ? -1 : (e.offsets[e.offsets.length - 1] as number);
      if (max > known) {
        e.offsets.push(max);
        e.times.push(time);
      }
    }
  }
  return existence;
}

/** When offset `offset` was first known to exist; +Infinity if never. */
export function existedAt(e: Existence | undefined, offset: number): number {
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
