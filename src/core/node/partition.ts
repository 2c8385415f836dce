/** The rules of one key's log, as pure functions of a Partition. */
import { append, emptyLog, type AppendLog } from '../persistent/append-log.js';

/** One key's log as this node holds it. */
export interface Partition {
  /**
   * Messages by offset, every offset below the key's stable point (a hole,
   * `undefined`, where no node assigned it; there are none on one node).
   * Invariant: it only grows, and an offset, once in it, never changes.
   */
  readonly log: AppendLog<unknown>;
  /** Highest offset any client committed, or -1. Invariant: never decreases. */
  readonly committed: number;
}

export const emptyPartition: Partition = { log: emptyLog(), committed: -1 };

export type OffsetMessage = readonly [offset: number, msg: unknown];

/**
 * On a single node: appends `msg` at the next offset, the log's length before.
 * (Partitions are built field by field, not spread: one shape for all of them
 * keeps this once-per-send path fast.)
 */
export const appendMessage = (partition: Partition, msg: unknown): readonly [Partition, number] => [
  { log: append(partition.log, msg), committed: partition.committed },
  partition.log.length,
];

/**
 * Up to `max` [offset, msg] pairs, every message of the log from `from` on
 * in offset order, holes skipped: never a message left out between two it
 * returns, never one before `from`, empty when `from` is past the end.
 */
export const readFrom = (partition: Partition, from: number, max: number): OffsetMessage[] => {
  const { length, backing } = partition.log;
  // Built by push, not into a preallocated (holey) array: JSON.stringify
  // writes a packed array of pairs markedly faster.
  const pairs: OffsetMessage[] = [];
  for (let offset = Math.max(from, 0); offset < length && pairs.length < max; offset++) {
    const msg = backing[offset];
    if (msg !== undefined) pairs.push([offset, msg]);
  }
  return pairs;
};

/** A commit only moves forward; a lower one is acknowledged and ignored. */
export const commitUpTo = (partition: Partition, offset: number): Partition =>
  offset > partition.committed ? { log: partition.log, committed: offset } : partition;
