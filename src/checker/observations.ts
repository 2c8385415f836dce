/**
 * Who wrote and who read each value of each key: the indexes that Jepsen
 * calls `reads-by-type`, `writes-by-type` and `writer-of`, built in one pass.
 */
import type { Op } from '../core/history/op.js';
import type { OpDigest } from './digest.js';
import type { ValueKey } from './values.js';

export type PerKey<T> = Map<string, Map<ValueKey, T>>;

export interface Observations {
  /** key -> value -> the first successful poll that read it. Its key set is Jepsen's `(:ok reads-by-type)`. */
  readonly okReaders: PerKey<Op>;
  /** key -> values whose send definitely failed. */
  readonly failedWrites: Map<string, Set<ValueKey>>;
  /** key -> value -> the last completion that tried to send it (any type), as Jepsen's `writer-of`. */
  readonly writerOf: PerKey<OpDigest>;
}

export function observe(digests: readonly OpDigest[]): Observations {
  const okReaders: PerKey<Op> = new Map();
  const failedWrites = new Map<string, Set<ValueKey>>();
  const writerOf: PerKey<OpDigest> = new Map();
  for (const d of digests) {
    const op = d.op;
    if (op.type === 'ok') {
      for (const run of d.reads) {
        const readers = inner(okReaders, run.key);
        for (const v of run.values) {
          if (!readers.has(v)) readers.set(v, op);
        }
      }
    }
    for (const run of d.writes) {
      const writers = inner(writerOf, run.key);
      for (const v of run.values) writers.set(v, d);
      if (op.type === 'fail') {
        let failed = failedWrites.get(run.key);
        if (failed === undefined) failedWrites.set(run.key, (failed = new Set()));
        for (const v of run.values) failed.add(v);
      }
    }
  }
  return { okReaders, failedWrites, writerOf };
}

function inner<T>(outer: PerKey<T>, key: string): Map<ValueKey, T> {
  let m = outer.get(key);
  if (m === undefined) outer.set(key, (m = new Map()));
  return m;
}

/**
 * Jepsen's `must-have-committed?`: a send took effect if it was acknowledged,
 * or if it was indefinite and a successful poll read one of its values.
 */
export function mustHaveCommitted(obs: Observations, d: OpDigest): boolean {
  if (d.op.type === 'ok') return true;
  if (d.op.type !== 'info') return false;
  for (const run of d.writes) {
    const readers = obs.okReaders.get(run.key);
    if (readers === undefined) continue;
    for (const v of run.values) {
      if (readers.has(v)) return true;
    }
  }
  return false;
}
