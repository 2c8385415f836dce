/** The sends and reads in an op's value, as (key, offset, msg) facts, whatever its f (send, poll, or a txn of both). */
import type { Op } from '../../maelstrom/history/op.js';

export interface Fact {
  readonly mop: 'send' | 'poll';
  readonly key: string;
  /** null for a send whose offset is unknown (an indefinite send). */
  readonly offset: number | null;
  readonly msg: unknown;
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

export const factsOf = (op: Op): Fact[] => {
  if (!Array.isArray(op.value)) return [];
  const facts: Fact[] = [];
  for (const mop of op.value as unknown[]) {
    if (!Array.isArray(mop)) continue;
    if (mop[0] === 'send' && typeof mop[1] === 'string') {
      const sent = mop[2];
      if (Array.isArray(sent) && sent.length === 2 && (typeof sent[0] === 'number' || sent[0] === null)) facts.push({ mop: 'send', key: mop[1], offset: sent[0] as number | null, msg: sent[1] });
      else facts.push({ mop: 'send', key: mop[1], offset: null, msg: sent });
    } else if (mop[0] === 'poll' && isRecord(mop[1])) {
      for (const [key, pairs] of Object.entries(mop[1])) {
        if (!Array.isArray(pairs)) continue;
        for (const pair of pairs) if (Array.isArray(pair) && typeof pair[0] === 'number') facts.push({ mop: 'poll', key, offset: pair[0], msg: pair[1] });
      }
    }
  }
  return facts;
};
