/**
 * Maelstrom's `lww-kv`: an eventually consistent kv store simulated as five
 * replicas. Each replica stamps its writes with its own Lamport clock; on
 * every request one random replica gossips its state into another (higher
 * stamp wins, ties go to the larger value), then a random replica serves the
 * request. Reads can therefore be stale, and writes can be lost to a
 * concurrent write with a higher stamp: exactly the weakness a node built on
 * it must cope with.
 */
import type { Body } from '../../core/machine.js';
import { entries, get, set } from '../../core/persistent/hamt.js';
import { nextInt, type Rng } from '../workload/random.js';
import { compareJson } from './json-equal.js';
import { emptyKv, handleKv, type Cell, type KvMap, type ReplyBody } from './kv.js';

export const LWW_REPLICAS = 5;

export interface Stamped {
  readonly ts: number;
  readonly value: unknown;
}

export interface LwwReplica {
  readonly clock: number;
  readonly map: KvMap<Stamped>;
}

export const emptyLww = (): readonly LwwReplica[] =>
  Array.from({ length: LWW_REPLICAS }, () => ({ clock: 0, map: emptyKv<Stamped>() }));

const newer = (a: Stamped, b: Stamped): boolean => a.ts > b.ts || (a.ts === b.ts && compareJson(a.value, b.value) > 0);

/** `into` after hearing everything `from` knows. */
export const mergeReplicas = (into: LwwReplica, from: LwwReplica): LwwReplica => {
  let map = into.map;
  for (const [key, theirs] of entries(from.map)) {
    const ours = get(map, key);
    if (ours === undefined || newer(theirs, ours)) map = set(map, key, theirs);
  }
  return { clock: Math.max(into.clock, from.clock), map };
};

export const handleLww = (
  replicas: readonly LwwReplica[],
  body: Body,
  rng: Rng,
): readonly [readonly LwwReplica[], ReplyBody, Rng] => {
  const [source, r1] = nextInt(rng, replicas.length);
  const [target, r2] = nextInt(r1, replicas.length);
  const [serving, r3] = nextInt(r2, replicas.length);
  const next = replicas.slice();
  if (source !== target) next[target] = mergeReplicas(next[target] as LwwReplica, next[source] as LwwReplica);
  const replica = next[serving] as LwwReplica;
  const cell: Cell<Stamped> = { wrap: (value) => ({ ts: replica.clock, value }), unwrap: (stamped) => stamped.value };
  const outcome = handleKv(replica.map, body, cell);
  if (outcome.wrote) next[serving] = { clock: replica.clock + 1, map: outcome.map };
  return [next, outcome.reply, r3];
};
