/**
 * The key pool of elle's list-append generator, which Jepsen's kafka workload
 * rewrites into sends and polls: `key_count` keys are active at once; each
 * operation picks one with an exponential bias (key i of the pool is 2^i
 * times as likely as key 0), and is a send or a poll with equal odds. Values
 * sent to a key count up from 1; once a key has taken `max_writes_per_key`
 * sends, a fresh key (one past the highest so far) takes its place in the
 * pool, so every key's log stays short and old keys go quiet.
 */
import { nextFloat, nextInt, type Rng } from './random.js';

export interface KeyPool {
  /** The active keys, as integers (Maelstrom sends them as strings). */
  readonly active: readonly number[];
  /** Parallel to `active`: the value the next send to that key carries. */
  readonly next_value: readonly number[];
  /** The highest key ever made active. */
  readonly highest: number;
}

/** One drawn micro-operation, with the key it touches (the key a displaced assign takes). */
export type Drawn =
  | { readonly f: 'send'; readonly key: number; readonly msg: number }
  | { readonly f: 'poll'; readonly key: number };

export const initialKeyPool = (key_count: number): KeyPool => ({
  active: Array.from({ length: key_count }, (_, i) => i),
  next_value: Array.from({ length: key_count }, () => 1),
  highest: key_count - 1,
});

const BASE = 2;

/** An index into the pool, index i drawn with weight BASE^i. */
const chooseIndex = (rng: Rng, count: number): readonly [number, Rng] => {
  const scale = ((Math.pow(BASE, count) - 1) * BASE) / (BASE - 1);
  const [u, next] = nextFloat(rng);
  const index = Math.floor(Math.log(u * scale + BASE) / Math.log(BASE)) - 1;
  return [Math.min(Math.max(index, 0), count - 1), next];
};

const retire = (pool: KeyPool, index: number): KeyPool => {
  const fresh = pool.highest + 1;
  const active = pool.active.slice();
  const next_value = pool.next_value.slice();
  active[index] = fresh;
  next_value[index] = 1;
  return { active, next_value, highest: fresh };
};

export const drawMicroOp = (pool: KeyPool, rng: Rng, max_writes_per_key: number): readonly [Drawn, KeyPool, Rng] => {
  let current = pool;
  let r = rng;
  for (;;) {
    const [isWrite, afterF] = nextInt(r, 2);
    const [index, afterKey] = chooseIndex(afterF, current.active.length);
    r = afterKey;
    const key = current.active[index] as number;
    if (isWrite === 0) return [{ f: 'poll', key }, current, r];
    const msg = current.next_value[index] as number;
    if (msg > max_writes_per_key) {
      // Spent: a fresh key takes its slot, and the draw starts over, as elle does.
      current = retire(current, index);
      continue;
    }
    const next_value = current.next_value.slice();
    next_value[index] = msg + 1;
    return [{ f: 'send', key, msg }, { active: current.active, next_value, highest: current.highest }, r];
  }
};
