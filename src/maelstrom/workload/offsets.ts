/**
 * Reading offsets out of completed operations, as Jepsen's kafka workload
 * does to steer its generator: the highest offset each ok send was given, and
 * the highest offset each ok poll saw, per key.
 */
import type { OffsetMessage, PollResult } from '../history/op.js';

export type OffsetsByKey = Readonly<Record<string, number>>;

/** Per key, the highest offset among the pairs (-1 for a key with no pairs). */
export const maxPolledOffsets = (msgs: PollResult): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const key of Object.keys(msgs)) {
    let max = -1;
    for (const pair of msgs[key] as readonly OffsetMessage[]) if (pair[0] > max) max = pair[0];
    out[key] = max;
  }
  return out;
};

/**
 * The offsets a poll commits (Maelstrom's `txn-offsets`): per key that
 * returned at least one message, the highest offset returned.
 */
export const commitOffsetsOf = (msgs: PollResult): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const key of Object.keys(msgs)) {
    const pairs = msgs[key] as readonly OffsetMessage[];
    if (pairs.length === 0) continue;
    let max = 0;
    for (const pair of pairs) if (pair[0] > max) max = pair[0];
    out[key] = max;
  }
  return out;
};

/**
 * The client's positions after a poll: per key, one past the highest offset
 * returned, never moving a position back (Maelstrom merges with max; a key
 * returned with no pairs is remembered at 0).
 */
export const advancePositions = (positions: OffsetsByKey, msgs: PollResult): OffsetsByKey => {
  const polled = maxPolledOffsets(msgs);
  const keys = Object.keys(polled);
  if (keys.length === 0) return positions;
  const out: Record<string, number> = { ...positions };
  for (const key of keys) {
    const next = (polled[key] as number) + 1;
    const current = out[key];
    out[key] = current === undefined ? next : Math.max(current, next);
  }
  return out;
};

/** Per key, the highest offset an ok operation's value shows: sends' offsets and polls' pairs. */
export const maxOffsetsOfValue = (f: string, value: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  if (!Array.isArray(value)) return out;
  // A poll's value is one micro-op: its offsets are the pairs' own, with nothing to merge them with.
  const only: unknown = value.length === 1 ? value[0] : undefined;
  if (f === 'poll' && Array.isArray(only) && only[0] === 'poll' && typeof only[1] === 'object' && only[1] !== null) return maxPolledOffsets(only[1] as PollResult);
  for (const mop of value as readonly unknown[]) {
    if (!Array.isArray(mop)) continue;
    if (f === 'send' && mop[0] === 'send') {
      const sent = mop[2];
      const key = mop[1];
      if (typeof key === 'string' && Array.isArray(sent) && typeof sent[0] === 'number') {
        out[key] = Math.max(out[key] ?? -1, sent[0]);
      }
    } else if (f === 'poll' && mop[0] === 'poll' && typeof mop[1] === 'object' && mop[1] !== null) {
      const polled = maxPolledOffsets(mop[1] as PollResult);
      for (const key of Object.keys(polled)) out[key] = Math.max(out[key] ?? -1, polled[key] as number);
    }
  }
  return out;
};
