/**
 * A key's shown log: every offset below the stable point (`length`) is
 * decided, a message or a hole (an offset no node assigned, and none ever
 * will). Only the messages are stored: while there is no hole the log is
 * dense (message i at offset i, as on one node, 8 bytes a message); from
 * its first hole on it also keeps each message's offset beside it. A key
 * written only at one node of n gets offsets n apart (replication/offsets.ts),
 * so holes may outnumber messages n - 1 to 1: stored as slots they would
 * cost n times the messages.
 *
 * Persistent like AppendLog, whose sharing both arrays use: a version never
 * changes, and appending to the newest one is O(1) amortised.
 */
import { append, appendAll, at, emptyLog, slice, type AppendLog } from '../persistent/append-log.js';

export type OffsetMessage = readonly [offset: number, msg: unknown];

export interface ShownLog {
  /** The stable point: every offset below it is decided. Invariant: it only grows, and a decided offset never changes. */
  readonly length: number;
  /** The messages below `length`, by ascending offset. */
  readonly msgs: AppendLog<unknown>;
  /** `offsets[i]` is `msgs[i]`'s offset; null while the log has no hole (then `msgs[i]` is at offset i and `msgs.length === length`). */
  readonly offsets: AppendLog<number> | null;
}

export const emptyShownLog: ShownLog = { length: 0, msgs: emptyLog(), offsets: null };

/** `msg` at offset `log.length` (one node: every offset is taken in turn). */
export const appendNext = (log: ShownLog, msg: unknown): ShownLog => ({
  length: log.length + 1,
  msgs: append(log.msgs, msg),
  offsets: log.offsets === null ? null : append(log.offsets, log.length),
});

/**
 * Decides every offset up to `stable`: `entries` (ascending, each at or above
 * `log.length` and below `stable`) are shown, every other offset is a hole.
 */
export const decideUpTo = (log: ShownLog, entries: readonly OffsetMessage[], stable: number): ShownLog => {
  const msgs = appendAll(log.msgs, entries.map(([, msg]) => msg));
  const dense = log.offsets === null && entries.length === stable - log.length;
  if (dense) return { length: stable, msgs, offsets: null };
  // The first hole: every message so far sits at its own index.
  const before = log.offsets ?? appendAll(emptyLog<number>(), Array.from({ length: log.msgs.length }, (_, i) => i));
  return { length: stable, msgs, offsets: appendAll(before, entries.map(([offset]) => offset)) };
};

/** The index in `msgs` of the first message at or above `offset`. */
const indexFrom = (log: ShownLog, offset: number): number => {
  if (log.offsets === null) return Math.min(Math.max(offset, 0), log.msgs.length);
  const { backing } = log.offsets;
  let lo = 0;
  let hi = log.offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (backing[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const offsetOf = (log: ShownLog, index: number): number => (log.offsets === null ? index : log.offsets.backing[index]!);

/** The message at `offset`, or undefined at a hole or past the stable point. */
export const messageAt = (log: ShownLog, offset: number): unknown => {
  if (offset < 0 || offset >= log.length) return undefined;
  const i = indexFrom(log, offset);
  return i < log.msgs.length && offsetOf(log, i) === offset ? at(log.msgs, i) : undefined;
};

/**
 * Up to `max` [offset, msg] pairs, every message from `from` on in offset
 * order: never one left out between two it returns, never one before `from`,
 * empty when `from` is past the end.
 */
export const readFrom = (log: ShownLog, from: number, max: number): OffsetMessage[] => {
  const { msgs } = log;
  // Built by push, not into a preallocated (holey) array: JSON.stringify
  // writes a packed array of pairs markedly faster.
  const pairs: OffsetMessage[] = [];
  const end = Math.min(msgs.length, indexFrom(log, from) + max);
  for (let i = indexFrom(log, from); i < end; i++) pairs.push([offsetOf(log, i), msgs.backing[i]]);
  return pairs;
};

/** The decided offsets `[from, to)` as one slot each: the message, or undefined at a hole (for the demo and the invariants). */
export const decidedSlots = (log: ShownLog, from = 0, to = log.length): unknown[] => {
  const end = Math.min(to, log.length);
  if (log.offsets === null) return slice(log.msgs, from, end);
  const slots: unknown[] = [];
  for (let offset = Math.max(from, 0); offset < end; offset++) slots.push(undefined);
  for (const [offset, msg] of readFrom(log, from, Infinity)) {
    if (offset >= end) break;
    slots[offset - Math.max(from, 0)] = msg;
  }
  return slots;
};

/** A copy sharing nothing with `log`'s arrays (for benchmarks that append to one state many times). */
export const detachedCopy = (log: ShownLog): ShownLog => ({
  length: log.length,
  msgs: appendAll(emptyLog(), slice(log.msgs, 0, log.msgs.length)),
  offsets: log.offsets === null ? null : appendAll(emptyLog<number>(), slice(log.offsets, 0, log.offsets.length)),
});
