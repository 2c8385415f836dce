/**
 * Unseen messages (Jepsen's `unseen`): an acknowledged send that no
 * successful poll observed by the end of the history. The final phase of the
 * workload re-reads every key from offset 0, so anything left is missing.
 * Indefinite sends are not owed to anyone and never count.
 *
 * A send that a poll without results may have read is excused (counted, not
 * reported): see resultless-polls.ts.
 */
import { TYPE_OK, digestOpOf, offsetAt, type HistoryIndex, valueAt } from './history-index.js';
import type { Observations } from './observations.js';
import type { ExcuseFn, Excusable } from './resultless-polls.js';
import type { Unseen } from './types.js';
import { msgOf, type ValueKey } from './values.js';

export function unseenMessages(ix: HistoryIndex, obs: Observations, mayHaveBeenRead: ExcuseFn): Excusable<Unseen> {
  const unseen: Unseen[] = [];
  let excused = 0;
  const reported = new Map<number, Set<ValueKey>>();
  for (let d = 0; d < ix.digestCount; d++) {
    if (ix.opType[ix.digestOp[d] as number] !== TYPE_OK) continue;
    for (let r = ix.writeStart[d] as number, runsEnd = ix.runStart[d + 1] as number; r < runsEnd; r++) {
      const k = ix.runKey[r] as number;
      const readers = obs.okReaders[k];
      for (let p = ix.pairStart[r] as number, end = ix.pairStart[r + 1] as number; p < end; p++) {
        const v = valueAt(ix, p);
        if (readers?.has(v) === true) continue;
        let seen = reported.get(k);
        if (seen === undefined) reported.set(k, (seen = new Set()));
        if (seen.has(v)) continue;
        seen.add(v);
        if (mayHaveBeenRead(k, d)) {
          excused++;
          continue;
        }
        unseen.push({ key: ix.keyName[k] as string, value: msgOf(v), offset: offsetAt(ix, p), writer: digestOpOf(ix, d) });
      }
    }
  }
  return { found: unseen, excused };
}
