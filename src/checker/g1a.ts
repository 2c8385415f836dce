/**
 * Aborted reads (Jepsen's `g1a-cases`): a successful poll returned a value
 * whose send definitely failed. A failed send must leave no trace.
 */
import type { OpDigest } from './digest.js';
import type { Observations } from './observations.js';
import type { G1a } from './types.js';
import { msgOf } from './values.js';

export function abortedReads(digests: readonly OpDigest[], obs: Observations): G1a[] {
  const found: G1a[] = [];
  if (obs.failedWrites.size === 0) return found;
  for (const d of digests) {
    if (d.op.type !== 'ok') continue;
    for (const run of d.reads) {
      const failed = obs.failedWrites.get(run.key);
      if (failed === undefined) continue;
      for (let i = 0; i < run.values.length; i++) {
        const v = run.values[i];
        if (!failed.has(v)) continue;
        const writer = obs.writerOf.get(run.key)?.get(v);
        if (writer === undefined) continue;
        found.push({ key: run.key, value: msgOf(v), offset: run.offsets[i] ?? null, writer: writer.op, reader: d.op });
      }
    }
  }
  return found;
}
