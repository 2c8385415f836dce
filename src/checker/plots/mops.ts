/** The sends and reads in an op's value, as (key, offset, msg) facts, whatever its f (send, poll, or a txn of both). */
import type { Op } from '../../maelstrom/history/op.js';

export type FactKind = 'send' | 'poll';

/** One fact: `offset` is null for a send whose offset is unknown (an indefinite send). */
export type FactVisitor = (mop: FactKind, key: string, offset: number | null, msg: unknown) => void;

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Calls `visit` with each fact of `op`, in order. A visitor, not a list: the
 * final reads of a long run return every message of every key in one poll
 * (millions of pairs), which is read here without an object per pair.
 */
export const forEachFact = (op: Op, visit: FactVisitor): void => {
  if (!Array.isArray(op.value)) return;
  for (const mop of op.value as unknown[]) {
    if (!Array.isArray(mop)) continue;
    if (mop[0] === 'send' && typeof mop[1] === 'string') {
      const sent = mop[2];
      if (Array.isArray(sent) && sent.length === 2 && (typeof sent[0] === 'number' || sent[0] === null)) visit('send', mop[1], sent[0] as number | null, sent[1]);
      else visit('send', mop[1], null, sent);
    } else if (mop[0] === 'poll' && isRecord(mop[1])) {
      for (const [key, pairs] of Object.entries(mop[1])) {
        if (!Array.isArray(pairs)) continue;
        for (const pair of pairs) if (Array.isArray(pair) && typeof pair[0] === 'number') visit('poll', key, pair[0], pair[1]);
      }
    }
  }
};
