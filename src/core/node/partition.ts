/** The rules of one key's log, as pure functions of a Partition. */
import { append, appendAll, at } from '../persistent/append-log.js';
import type { Partition } from './state.js';

export type OffsetMessage = readonly [offset: number, msg: unknown];

/**
 * Appends `msg` at the next offset; the offset is the log's length before.
 * (Partitions are built field by field, not spread: one shape for all of them
 * keeps this once-per-send path fast.)
 */
export const appendMessage = (partition: Partition, msg: unknown): readonly [Partition, number] => [
  { log: append(partition.log, msg), committed: partition.committed },
  partition.log.length,
];

/**
 * Up to `max` consecutive [offset, msg] pairs starting exactly at `from`:
 * never a gap, never a pair before `from`, empty when `from` is past the end.
 */
export const readFrom = (partition: Partition, from: number, max: number): OffsetMessage[] => {
  const end = Math.min(from + max, partition.log.length);
  if (from >= end) return [];
  // Built straight from the log by push, not into a preallocated (holey) array:
  // JSON.stringify writes a packed array of pairs markedly faster.
  const pairs: OffsetMessage[] = [];
  for (let offset = from; offset < end; offset++) pairs.push([offset, at(partition.log, offset)]);
  return pairs;
};

/** A commit only moves forward; a lower one is acknowledged and ignored. */
export const commitUpTo = (partition: Partition, offset: number): Partition =>
  offset > partition.committed ? { log: partition.log, committed: offset } : partition;

/**
 * Appends the messages a peer replicated to us, `msgs[i]` being at offset
 * `from + i`. Only the part past our end is new; a run starting past our end
 * would leave a gap, so it is refused (the owner resends from our length).
 */
export const extendFrom = (partition: Partition, from: number, msgs: readonly unknown[]): Partition => {
  const length = partition.log.length;
  if (from > length || from + msgs.length <= length) return partition;
  return { ...partition, log: appendAll(partition.log, msgs.slice(length - from)) };
};
