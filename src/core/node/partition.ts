/** The rules of one key's log, as pure functions of a Partition. */
import { append } from '../persistent/append-log.js';
import type { Partition } from './state.js';

export type OffsetMessage = readonly [offset: number, msg: unknown];

/** On a single node: appends `msg` at the next offset, the log's length before. */
export const appendMessage = (partition: Partition, msg: unknown): readonly [Partition, number] => [
  { ...partition, log: append(partition.log, msg) },
  partition.log.length,
];

/**
 * Up to `max` [offset, msg] pairs, every message of the log from `from` on
 * in offset order, holes skipped: never a message left out between two it
 * returns, never one before `from`, empty when `from` is past the end.
 */
export const readFrom = (partition: Partition, from: number, max: number): OffsetMessage[] => {
  const { length, backing } = partition.log;
  const pairs: OffsetMessage[] = [];
  for (let offset = Math.max(from, 0); offset < length && pairs.length < max; offset++) {
    const msg = backing[offset];
    if (msg !== undefined) pairs.push([offset, msg]);
  }
  return pairs;
};

/** A commit only moves forward; a lower one is acknowledged and ignored. */
export const commitUpTo = (partition: Partition, offset: number): Partition =>
  offset > partition.committed ? { ...partition, committed: offset } : partition;
