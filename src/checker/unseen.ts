/**
 * Unseen messages (Jepsen's `unseen`): an acknowledged send that no
 * successful poll observed by the end of the history. The final phase of the
 * workload re-reads every key from offset 0, so anything left is missing.
 * Indefinite sends are not owed to anyone and never count.
 */
import type { OpDigest } from './digest.js';
import type { Observations } from './observations.js';
import type { Unseen } from './types.js';
import { msgOf, type ValueKey } from './values.js';

export function unseenMessages(digests: readonly OpDigest[], obs: Observations): Unseen[] {
  const unseen: Unseen[] = [];
  const reported = new Map<string, Set<ValueKey>>();
  for (const d of digests) {
    if (d.op.type !== 'ok') continue;
    for (const run of d.writes) {
      const readers = obs.okReaders.get(run.key);
      for (let i = 0; i < run.values.length; i++) {
        const v = run.values[i];
        if (readers?.has(v) === true) continue;
        let seen = reported.get(run.key);
        if (seen === undefined) reported.set(run.key, (seen = new Set()));
        if (seen.has(v)) continue;
        seen.add(v);
        unseen.push({ key: run.key, value: msgOf(v), offset: run.offsets[i] ?? null, writer: d.op });
      }
    }
  }
  return unseen;
}
