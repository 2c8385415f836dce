/**
 * Building the history as the workload runs: ops are appended in the order
 * they happen, so `index` is dense and `time` never decreases. Time is kept
 * in nanoseconds since the start of the run, as Jepsen keeps it.
 *
 * Whoever composes the workload may take the ops recorded so far out of the
 * state (`drainHistory`: a long run streams them to its store instead of
 * holding hours of them); the history then holds only those recorded since,
 * and `first` is the index of the first it holds. Nothing in the workload
 * reads its history back, so draining changes no decision of the run.
 */
import type { Op, OpType, Process } from '../history/op.js';
import { append, emptyLog, type AppendLog } from '../../core/persistent/append-log.js';

/** The ops recorded since the last drain (all of them if never drained); op i of the window has index `first + i`. */
export interface History extends AppendLog<Op> {
  readonly first: number;
}

export const emptyHistory = (): History => ({ first: 0, ...emptyLog<Op>() });

/** The ops the history holds, and the history without them (the next op recorded keeps its index). */
export const drainHistory = (history: History): readonly [readonly Op[], History] =>
  history.length === 0 ? [[], history] : [history.backing.slice(0, history.length), { first: history.first + history.length, ...emptyLog<Op>() }];

export const nanos = (ms: number): number => Math.round(ms * 1_000_000);

export interface OpFields {
  readonly type: OpType;
  readonly process: Process;
  readonly f: string;
  readonly value: unknown;
  readonly error?: unknown;
  readonly node?: string;
  readonly seek_to_beginning?: boolean;
}

export const record = (history: History, now_ms: number, fields: OpFields): History => {
  const op: { -readonly [K in keyof Op]: Op[K] } = {
    index: history.first + history.length,
    time: nanos(now_ms),
    type: fields.type,
    process: fields.process,
    f: fields.f,
    value: fields.value,
  };
  // Added in this order, which is the order they are written in: not by spreads, which cost several times more.
  if (fields.error !== undefined) op.error = fields.error;
  if (fields.seek_to_beginning === true) op['seek-to-beginning?'] = true;
  if (fields.node !== undefined) op.node = fields.node;
  const { length, backing } = append(history, op);
  return { first: history.first, length, backing };
};
