/**
 * Building the history as the workload runs: ops are appended in the order
 * they happen, so `index` is dense and `time` never decreases. Time is kept
 * in nanoseconds since the start of the run, as Jepsen keeps it.
 */
import type { Op, OpType, Process } from '../history/op.js';
import { append, type AppendLog } from '../../core/persistent/append-log.js';

export type History = AppendLog<Op>;

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
  const op: Op = {
    index: history.length,
    time: nanos(now_ms),
    type: fields.type,
    process: fields.process,
    f: fields.f,
    value: fields.value,
    ...(fields.error === undefined ? {} : { error: fields.error }),
    ...(fields.seek_to_beginning === true ? { 'seek-to-beginning?': true } : {}),
    ...(fields.node === undefined ? {} : { node: fields.node }),
  };
  return append(history, op);
};
