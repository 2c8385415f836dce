/**
 * Maelstrom's `seq-kv`: sequentially consistent, not linearizable. The
 * service keeps its last BUFFER_SIZE versions. A request that would not
 * change the map (a read, a failed cas) is served from a random version
 * between the newest one this client has seen and the newest one overall
 * (exclusive, as Maelstrom draws it), so reads can be stale but never go
 * backwards for one client; anything that writes is applied to the newest
 * version, which the client has then seen.
 */
import type { Body } from '../../core/machine.js';
import { nextInt, type Rng } from '../workload/random.js';
import { emptyKv, handleKv, plainCell, type KvMap, type ReplyBody } from './kv.js';

export const BUFFER_SIZE = 32;

export interface SequentialKv {
  /** The most recent versions, oldest first; the last one has index `last_index`. */
  readonly versions: readonly KvMap<unknown>[];
  readonly last_index: number;
  /** Per client (source node), the newest version index it has observed. */
  readonly seen: Readonly<Record<string, number>>;
}

export const emptySequential = (): SequentialKv => ({ versions: [emptyKv<unknown>()], last_index: 0, seen: {} });

const versionAt = (kv: SequentialKv, index: number): KvMap<unknown> =>
  kv.versions[kv.versions.length - 1 - (kv.last_index - index)] as KvMap<unknown>;

export const handleSequential = (
  kv: SequentialKv,
  src: string,
  body: Body,
  rng: Rng,
): readonly [SequentialKv, ReplyBody, Rng] => {
  const oldest = kv.last_index - (kv.versions.length - 1);
  const from = Math.max(kv.seen[src] ?? 0, oldest);
  const [offset, next] = nextInt(rng, kv.last_index - from);
  const index = from + offset;
  const speculative = handleKv(versionAt(kv, index), body, plainCell);
  if (!speculative.wrote) return [{ ...kv, seen: { ...kv.seen, [src]: index } }, speculative.reply, next];
  const applied = handleKv(versionAt(kv, kv.last_index), body, plainCell);
  const versions = [...kv.versions, applied.map].slice(-BUFFER_SIZE);
  const last_index = kv.last_index + 1;
  return [{ versions, last_index, seen: { ...kv.seen, [src]: last_index } }, applied.reply, next];
};
