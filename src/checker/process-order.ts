/**
 * Between one process's successive ops on a key: a poll must resume right
 * after the last value the process's previous successful poll of that key
 * read (`poll-skip`, `nonmonotonic-poll`), and a send must land after the
 * process's previous send to that key (`nonmonotonic-send`). Jepsen's
 * `poll-skip+nonmonotonic-cases` and `nonmonotonic-send-cases`.
 *
 * Failed and indefinite polls are checked against the position but never
 * move it; assigns and crashes reset it (see process-keys.ts).
 */
import type { Op, Process } from '../core/history/op.js';
import type { KeyRun, OpDigest } from './digest.js';
import { applyKeysAfter, keysAfter } from './process-keys.js';
import type { NonmonotonicPoll, NonmonotonicSend, Offset, PollSkip } from './types.js';
import { msgOf, type ValueKey } from './values.js';
import { orderDelta, valuesBetween, type VersionOrders } from './version-order.js';

/** The last thing a process saw of a key: the op, and the last value (if the op saw any). */
interface Position {
  readonly op: Op;
  readonly seen: boolean;
  readonly value: ValueKey;
  readonly offset: Offset;
}

export interface ProcessOrderAnomalies {
  readonly pollSkips: PollSkip[];
  readonly pollNonmonotonic: NonmonotonicPoll[];
  readonly sendNonmonotonic: NonmonotonicSend[];
}

/** `ops` are the client ops in history order; `digestAt[i]` is the digest of `ops[i]`, if any. */
export function processOrderAnomalies(
  ops: readonly Op[],
  digestAt: readonly (OpDigest | null)[],
  orders: VersionOrders,
): ProcessOrderAnomalies {
  const found: ProcessOrderAnomalies = { pollSkips: [], pollNonmonotonic: [], sendNonmonotonic: [] };
  const reads = new Map<Process, Map<string, Position>>();
  const sends = new Map<Process, Map<string, Position>>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    const d = digestAt[i];
    if (d === null || d === undefined) {
      const readKeys = reads.get(op.process);
      if (readKeys !== undefined) applyKeysAfter(readKeys, keysAfter(op, true));
      const sendKeys = sends.get(op.process);
      if (sendKeys !== undefined) applyKeysAfter(sendKeys, keysAfter(op, false));
      continue;
    }
    if (d.reads.length > 0) {
      checkPolls(d, positionsOf(reads, op.process), orders, found);
    }
    if (d.writes.length > 0 && (op.type === 'ok' || op.type === 'info')) {
      checkSends(d, positionsOf(sends, op.process), orders, found);
    }
  }
  return found;
}

function positionsOf(m: Map<Process, Map<string, Position>>, p: Process): Map<string, Position> {
  let positions = m.get(p);
  if (positions === undefined) m.set(p, (positions = new Map()));
  return positions;
}

function checkPolls(d: OpDigest, positions: Map<string, Position>, orders: VersionOrders, found: ProcessOrderAnomalies): void {
  for (const run of d.reads) {
    const last = positions.get(run.key);
    if (last === undefined || !last.seen || run.values.length === 0) continue;
    const order = orders.get(run.key);
    const next = run.values[0];
    const delta = orderDelta(order, last.value, next);
    if (delta === 1) continue;
    const fields = {
      key: run.key,
      values: [msgOf(last.value), msgOf(next)] as const,
      offsets: [last.offset, run.offsets[0] ?? null] as const,
      delta,
    };
    if (delta > 1 && order !== undefined) {
      found.pollSkips.push({ ...fields, skipped: valuesBetween(order, last.value, next).map(msgOf), ops: [last.op, d.op] });
    } else {
      found.pollNonmonotonic.push({ ...fields, ops: [last.op, d.op] });
    }
  }
  // Only a successful poll moves the process's position.
  if (d.op.type === 'ok') {
    for (const run of d.reads) positions.set(run.key, positionAfter(d.op, run));
  }
}

function checkSends(d: OpDigest, positions: Map<string, Position>, orders: VersionOrders, found: ProcessOrderAnomalies): void {
  for (const run of d.writes) {
    const last = positions.get(run.key);
    if (last !== undefined && last.seen && run.values.length > 0) {
      const next = run.values[0];
      const delta = orderDelta(orders.get(run.key), last.value, next);
      if (delta < 1) {
        found.sendNonmonotonic.push({
          key: run.key,
          values: [msgOf(last.value), msgOf(next)],
          offsets: [last.offset, run.offsets[0] ?? null],
          delta,
          ops: [last.op, d.op],
        });
      }
    }
  }
  for (const run of d.writes) positions.set(run.key, positionAfter(d.op, run));
}

function positionAfter(op: Op, run: KeyRun): Position {
  const n = run.values.length;
  return n === 0
    ? { op, seen: false, value: undefined, offset: null }
    : { op, seen: true, value: run.values[n - 1], offset: run.offsets[n - 1] ?? null };
}
