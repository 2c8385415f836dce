/**
 * Maelstrom 0.2.3's `seq-kv` (`Sequential` in maelstrom/service.clj), quirks
 * included. The service keeps its last BUFFER_SIZE versions in a ring buffer
 * and, per client (source node), the index of the version it last used.
 *
 * Each request draws an index uniformly from [client's index, last index]
 * (both ends included) and runs on the version at that index. If the result
 * equals that version (a read, a failed cas, a write of the value already
 * there), that is the answer and the client's index becomes the drawn one.
 * Otherwise the request runs again on the newest version, whose result
 * becomes a new version (even if that second run changed nothing), and the
 * client's index becomes the new last index.
 *
 * The quirk: Maelstrom looks the drawn index up in the ring buffer with a
 * negative offset taken modulo the buffer's length, so a client whose index
 * has fallen more than BUFFER_SIZE versions behind sees a version picked
 * round the ring, and can see older states than it saw before.
 */
import type { Body } from '../../core/machine.js';
import { nextInt, type Rng } from '../workload/random.js';
import { emptyKv, handleKv, PERSISTENT_KV, type KvMap, type ReplyBody } from './kv.js';

export const BUFFER_SIZE = 32;

export interface SequentialKv {
  /** The most recent versions, oldest first; the last one has index `last_index`. */
  readonly versions: readonly KvMap[];
  readonly last_index: number;
  /** Per client (source node), the index it last used. */
  readonly seen: Readonly<Record<string, number>>;
}

export const emptySequential = (): SequentialKv => ({ versions: [emptyKv()], last_index: 0, seen: {} });

/** `(nth ring-buffer (dec (- index last-index)))`: a negative offset, modulo the ring's length. */
export const versionAt = (kv: SequentialKv, index: number): KvMap => {
  const length = kv.versions.length;
  return kv.versions[length - 1 - ((kv.last_index - index) % length)] as KvMap;
};

/** The new state and the answer, or a null answer where Maelstrom answers nothing. */
export const handleSequential = (
  kv: SequentialKv,
  src: string,
  body: Body,
  rng: Rng,
): readonly [SequentialKv, ReplyBody | null, Rng] => {
  const clientIndex = kv.seen[src] ?? 0;
  const [offset, next] = nextInt(rng, kv.last_index - clientIndex + 1);
  const index = clientIndex + offset;
  const speculative = handleKv(versionAt(kv, index), body, PERSISTENT_KV);
  if (speculative === null) return [kv, null, next];
  if (!speculative.changed) return [{ ...kv, seen: { ...kv.seen, [src]: index } }, speculative.reply, next];
  const applied = handleKv(kv.versions[kv.versions.length - 1] as KvMap, body, PERSISTENT_KV);
  if (applied === null) return [kv, null, next];
  const versions = [...kv.versions, applied.map].slice(-BUFFER_SIZE);
  const last_index = kv.last_index + 1;
  return [{ versions, last_index, seen: { ...kv.seen, [src]: last_index } }, applied.reply, next];
};
