/** The rules of one key's log, as pure functions of a Partition. */
import { appendNext, emptyShownLog, readFrom as readShown, type OffsetMessage, type ShownLog } from './shown-log.js';

export type { OffsetMessage } from './shown-log.js';

/** One key's log as this node holds it. */
export interface Partition {
  /**
   * Every offset below the key's stable point, `log.length`: a message, or a
   * hole where no node assigned it (there are none on one node).
   * Invariant: it only grows, and an offset, once in it, never changes.
   */
  readonly log: ShownLog;
  /** Highest offset any client committed, or -1. Invariant: never decreases. */
  readonly committed: number;
}

export const emptyPartition: Partition = { log: emptyShownLog, committed: -1 };

/**
 * On a single node: appends `msg` at the next offset, the log's length before.
 * (Partitions are built field by field, not spread: one shape for all of them
 * keeps this once-per-send path fast.)
 */
export const appendMessage = (partition: Partition, msg: unknown): readonly [Partition, number] => [
  { log: appendNext(partition.log, msg), committed: partition.committed },
  partition.log.length,
];

/**
 * Up to `max` [offset, msg] pairs, every message of the log from `from` on
 * in offset order, holes skipped: never a message left out between two it
 * returns, never one before `from`, empty when `from` is past the end.
 */
export const readFrom = (partition: Partition, from: number, max: number): OffsetMessage[] => readShown(partition.log, from, max);

/** A commit only moves forward; a lower one is acknowledged and ignored. */
export const commitUpTo = (partition: Partition, offset: number): Partition =>
  offset > partition.committed ? { log: partition.log, committed: offset } : partition;
