/**
 * Successful polls whose results the history does not hold (`[["poll"]]`).
 * Maelstrom 0.2.3 writes its final polls into history.edn so; the results are
 * in history.txt beside it (see parse/true-values.ts). Read alone, such a
 * history hides the very reads that `unseen` and `lost-write` rely on.
 *
 * So a send is excused from `unseen` and `lost-write` exactly when one of
 * these polls may have read it:
 *
 *  - the poll completed after the send was invoked (an earlier poll cannot
 *    have returned it), and
 *  - the poll's process held the send's key at the time: the keys of its
 *    last completed assign (ok or info). A process whose keys are unknown
 *    (no assign yet, or since its last crash) may have held any key.
 *
 * Everything else is still reported, and so are the other anomaly types.
 */
import type { Op } from '../maelstrom/history/op.js';
import { F_ASSIGN, F_CRASH, F_SUBSCRIBE, TYPE_FAIL, TYPE_INVOKE, TYPE_OK, assignedAt, type HistoryIndex } from './history-index.js';

/** Whether the send of digest d to key k is excused from being reported missing. */
export type ExcuseFn = (k: number, d: number) => boolean;

/** What an analysis found, and how many more it excused. */
export interface Excusable<T> {
  readonly found: T[];
  readonly excused: number;
}

export interface ResultlessPolls {
  /** The successful polls without results, in history order. */
  readonly polls: readonly Op[];
  /** Whether one of them may have read the send of digest d to key k (see above). */
  readonly mayHaveRead: ExcuseFn;
}

const NONE: ResultlessPolls = { polls: [], mayHaveRead: () => false };

export function findResultlessPolls(ix: HistoryIndex): ResultlessPolls {
  const okDigests = ix.resultless.filter((d) => ix.opType[ix.digestOp[d] as number] === TYPE_OK);
  if (okDigests.length === 0) return NONE;
  const okOps = ix.resultlessOps.filter((_, i) => ix.opType[ix.digestOp[ix.resultless[i] as number] as number] === TYPE_OK);
  const isResultless = new Set(okDigests.map((d) => ix.digestOp[d] as number));
  /** Key id -> op position of the last resultless poll that may have read it; -1 for none. */
  const lastReadableAt = new Int32Array(ix.keyName.length).fill(-1);
  /** The last resultless poll by a process whose keys were unknown: it may have read any key. */
  let lastAnyKeyAt = -1;
  /** Digest -> op position of its invocation (the process's previous invoke). */
  const invokedAt = new Int32Array(ix.digestCount).fill(-1);
  const lastInvoke = new Int32Array(ix.processCount).fill(-1);
  const heldKeys = new Map<number, readonly number[]>();
  for (let o = 0; o < ix.opCount; o++) {
    const process = ix.opProcess[o] as number;
    const type = ix.opType[o];
    if (type === TYPE_INVOKE) {
      lastInvoke[process] = o;
      continue;
    }
    const d = ix.opDigest[o] as number;
    if (d >= 0) invokedAt[d] = lastInvoke[process] as number;
    const f = ix.opF[o];
    if ((f === F_ASSIGN || f === F_SUBSCRIBE) && type !== TYPE_FAIL) {
      heldKeys.set(process, assignedAt(ix, o));
    } else if (f === F_CRASH) {
      heldKeys.delete(process);
    } else if (isResultless.has(o)) {
      const keys = heldKeys.get(process);
      if (keys === undefined) lastAnyKeyAt = o;
      else for (const k of keys) lastReadableAt[k] = o;
    }
  }
  return {
    polls: okOps,
    mayHaveRead: (k, d) => {
      const invoked = invokedAt[d] as number;
      return (lastReadableAt[k] as number) > invoked || lastAnyKeyAt > invoked;
    },
  };
}

/** The one warning a history with resultless polls gets, or null. */
export function resultlessPollsWarning(polls: ResultlessPolls, excusedUnseen: number, excusedLost: number): string | null {
  const first = polls.polls[0];
  if (first === undefined) return null;
  const n = polls.polls.length;
  const excused =
    excusedUnseen + excusedLost === 0
      ? 'No acknowledged send depended on them.'
      : `${excusedUnseen} acknowledged send${excusedUnseen === 1 ? '' : 's'} that no other poll read` +
        (excusedLost > 0 ? ` (and ${excusedLost} that would be lost-write${excusedLost === 1 ? '' : 's'})` : '') +
        ' may have been read by them, so they are not reported as unseen or lost.';
  return (
    `${n} successful poll${n === 1 ? '' : 's'} carr${n === 1 ? 'ies' : 'y'} no results ` +
    `(e.g. op ${first.index}, process ${String(first.process)}: ${JSON.stringify(first.value)}). ` +
    `Maelstrom 0.2.3 writes its final polls into history.edn that way; their results are in the history.txt it writes beside it. ` +
    `${excused} For a full check, put history.txt beside history.edn (or give kafka-check the store folder).`
  );
}
