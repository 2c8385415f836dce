/**
 * Maelstrom 0.2.3's `lww-kv` (`(eventual (lww-kv))` in maelstrom/service.clj),
 * as it really behaves: LWW_REPLICAS independent replicas, each request served
 * by one drawn at random. Maelstrom also merges one random replica into
 * another on each request, but binds the merged vector to a name it then
 * shadows, so the merge is dropped: replicas never converge. After one write,
 * about half the reads of that key answer error 20 forever (seen on the real
 * jar: 21 of 40). A cas never creates a missing key here, and its error 22
 * prints `from` with `str` (a bare string), not `pr-str`.
 *
 * Each replica's Lamport clock and timestamps only feed the dropped merge, so
 * they are not modelled.
 */
import type { Body } from '../../core/machine.js';
import { nextInt, type Rng } from '../workload/random.js';
import { emptyKv, handleKv, LWW_KV, type KvMap, type ReplyBody } from './kv.js';

/** `(eventual persistent-service)` defaults to two replicas. */
export const LWW_REPLICAS = 2;

export const emptyLww = (): readonly KvMap[] => Array.from({ length: LWW_REPLICAS }, () => emptyKv());

/** The new replicas and the answer, or a null answer where Maelstrom answers nothing. */
export const handleLww = (replicas: readonly KvMap[], body: Body, rng: Rng): readonly [readonly KvMap[], ReplyBody | null, Rng] => {
  const [serving, next] = nextInt(rng, replicas.length);
  const outcome = handleKv(replicas[serving] as KvMap, body, LWW_KV);
  if (outcome === null) return [replicas, null, next];
  const updated = replicas.slice();
  updated[serving] = outcome.map;
  return [updated, outcome.reply, next];
};
