/**
 * The history as spans on a timeline: each client operation from its
 * invocation to its completion (ok, fail or info), or still pending at the
 * end. Each process runs one operation at a time, so a process's ops pair
 * up in order. Processes are packed into lanes (a crashed client's
 * successor usually takes its lane), which keeps the timeline about as tall
 * as the run's concurrency.
 */
import type { Op } from '../../src/maelstrom/history/op.js';

export type Outcome = 'ok' | 'fail' | 'info' | 'pending';

export interface OpSpan {
  readonly invoke: Op;
  readonly done: Op | undefined;
  readonly process: number | string;
  readonly f: string;
  readonly start_ms: number;
  /** Infinity when the op never completed. */
  readonly end_ms: number;
  readonly outcome: Outcome;
  readonly lane: number;
}

/** A stretch of time the nemesis had the network cut. */
export interface Fault {
  readonly start_ms: number;
  readonly end_ms: number;
  readonly text: string;
}

export interface OpTimeline {
  /** Sorted by start. */
  readonly spans: readonly OpSpan[];
  readonly lanes: number;
  readonly laneLabels: readonly string[];
  readonly faults: readonly Fault[];
  readonly start_ms: number;
  readonly end_ms: number;
  /** The longest finite span, to bound searches by start time. */
  readonly longest_ms: number;
  /** Spans that never completed (drawn whatever their start). */
  readonly pending: readonly OpSpan[];
  /** The span of each op, by the op's index (invocations and completions alike). */
  readonly spanOf: ReadonlyMap<number, OpSpan>;
}

const toMs = (ns: number): number => ns / 1e6;

export const opTimeline = (history: readonly Op[]): OpTimeline => {
  const open = new Map<number | string, Op>();
  const pairs: { invoke: Op; done: Op | undefined }[] = [];
  const faults: Fault[] = [];
  let faultStart: { time_ms: number; text: string } | undefined;
  let end_ms = 0;
  for (const op of history) {
    end_ms = Math.max(end_ms, toMs(op.time));
    if (op.process === 'nemesis') {
      if (op.type === 'invoke') continue;
      if (op.f.startsWith('start')) faultStart = { time_ms: toMs(op.time), text: `${op.f} ${JSON.stringify(op.value) ?? ''}` };
      else if (op.f.startsWith('stop') && faultStart !== undefined) {
        faults.push({ start_ms: faultStart.time_ms, end_ms: toMs(op.time), text: faultStart.text });
        faultStart = undefined;
      }
      continue;
    }
    if (op.type === 'invoke') {
      const previous = open.get(op.process);
      if (previous !== undefined) pairs.push({ invoke: previous, done: undefined });
      open.set(op.process, op);
    } else {
      const invoke = open.get(op.process);
      open.delete(op.process);
      // A completion without an invocation (a crash op written alone) stands for itself.
      pairs.push({ invoke: invoke ?? op, done: op });
    }
  }
  for (const invoke of open.values()) pairs.push({ invoke, done: undefined });
  if (faultStart !== undefined) faults.push({ start_ms: faultStart.time_ms, end_ms, text: faultStart.text });
  pairs.sort((a, b) => a.invoke.time - b.invoke.time || a.invoke.index - b.invoke.index);

  // Lanes: a process keeps one lane; a new process takes the first lane free since its first op.
  const laneOfProcess = new Map<number | string, number>();
  const laneFreeAt: number[] = [];
  const laneProcesses: (number | string)[][] = [];
  const lastEnd = new Map<number | string, number>();
  for (const { invoke, done } of pairs) lastEnd.set(invoke.process, done === undefined ? Infinity : Math.max(lastEnd.get(invoke.process) ?? 0, toMs(done.time)));
  const spans: OpSpan[] = [];
  const spanOf = new Map<number, OpSpan>();
  let longest_ms = 0;
  for (const { invoke, done } of pairs) {
    let lane = laneOfProcess.get(invoke.process);
    const start_ms = toMs(invoke.time);
    if (lane === undefined) {
      lane = laneFreeAt.findIndex((free) => free <= start_ms);
      if (lane < 0) {
        lane = laneFreeAt.length;
        laneFreeAt.push(0);
        laneProcesses.push([]);
      }
      laneOfProcess.set(invoke.process, lane);
      laneProcesses[lane]!.push(invoke.process);
      laneFreeAt[lane] = lastEnd.get(invoke.process)!;
    }
    const end = done === undefined ? Infinity : toMs(done.time);
    if (Number.isFinite(end)) longest_ms = Math.max(longest_ms, end - start_ms);
    const outcome: Outcome = done === undefined ? 'pending' : done.type === 'invoke' ? 'pending' : done.type;
    const span: OpSpan = { invoke, done, process: invoke.process, f: invoke.f, start_ms, end_ms: end, outcome, lane };
    spans.push(span);
    spanOf.set(invoke.index, span);
    if (done !== undefined) spanOf.set(done.index, span);
  }
  const start_ms = spans.length === 0 ? 0 : spans[0]!.start_ms;
  const laneLabels = laneProcesses.map((ps) => (ps.length <= 2 ? ps.map(String).join(',') : `${String(ps[0])}…${String(ps[ps.length - 1])}`));
  const pending = spans.filter((span) => !Number.isFinite(span.end_ms));
  return { spans, lanes: laneFreeAt.length, laneLabels, faults, start_ms, end_ms, longest_ms, pending, spanOf };
};

/** Index of the first span that might overlap [from, …): spans start in order and last at most `longest_ms`. */
export const firstSpanFrom = (timeline: OpTimeline, from_ms: number): number => {
  const target = from_ms - timeline.longest_ms;
  let lo = 0;
  let hi = timeline.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline.spans[mid]!.start_ms < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
