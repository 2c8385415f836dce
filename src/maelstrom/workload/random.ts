/**
 * A seeded pseudo-random generator whose state is plain data: xoshiro128**
 * (Blackman and Vigna), seeded through splitmix32.
 *
 * Every draw takes a state and returns the value with the next state; nothing
 * is mutated, so a machine that keeps its `Rng` in its state replays exactly
 * from the same seed, in the runner, the simulator and the browser alike.
 * Invariant: the four words are never all zero (xoshiro's one fixed point);
 * splitmix32 seeding guarantees it.
 */

export interface Rng {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

const TWO_POW_32 = 4294967296;

/** One splitmix32 step: returns the output and the advanced state. */
const splitmix32 = (state: number): readonly [number, number] => {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [z >>> 0, next];
};

/**
 * A generator for `seed` (any safe integer) and an optional `stream`: the same
 * seed with different streams gives independent sequences, which is how the
 * workload, the network and the services each get their own randomness from
 * the run's one seed.
 */
export const seedRandom = (seed: number, stream = 0): Rng => {
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  let state = (low ^ Math.imul(high, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1)) | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [word, next] = splitmix32(state);
    words.push(word);
    state = next;
  }
  const [a, b, c, d] = words as [number, number, number, number];
  return a === 0 && b === 0 && c === 0 && d === 0 ? { a: 1, b, c, d } : { a, b, c, d };
};

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A uniformly distributed unsigned 32-bit integer. */
export const nextUint32 = (rng: Rng): readonly [number, Rng] => {
  const result = Math.imul(rotl(Math.imul(rng.b, 5), 7), 9) >>> 0;
  const t = rng.b << 9;
  let { a, b, c, d } = rng;
  c ^= a;
  d ^= b;
  b ^= c;
  a ^= d;
  c ^= t;
  d = rotl(d, 11);
  return [result, { a: a >>> 0, b: b >>> 0, c: c >>> 0, d: d >>> 0 }];
};

// The draws below index the pairs they get rather than destructure them:
// outside optimised code, destructuring runs the iterator protocol, an object
// per element, and every message and operation of a run draws several times.

/** A float uniformly distributed in [0, 1). */
export const nextFloat = (rng: Rng): readonly [number, Rng] => {
  const drawn = nextUint32(rng);
  return [drawn[0] / TWO_POW_32, drawn[1]];
};

/** An integer uniformly distributed in [0, bound); 0 when bound <= 1. */
export const nextInt = (rng: Rng, bound: number): readonly [number, Rng] => {
  const drawn = nextFloat(rng);
  return [bound <= 1 ? 0 : Math.floor(drawn[0] * bound), drawn[1]];
};

/** A float uniformly distributed in [0, bound). */
export const nextUniform = (rng: Rng, bound: number): readonly [number, Rng] => {
  const drawn = nextFloat(rng);
  return [drawn[0] * bound, drawn[1]];
};

/** An exponentially distributed float with the given mean (0 when mean is 0). */
export const nextExponential = (rng: Rng, mean: number): readonly [number, Rng] => {
  const drawn = nextFloat(rng);
  return [-mean * Math.log(1 - drawn[0]), drawn[1]];
};

/** True with probability p. */
export const nextChance = (rng: Rng, p: number): readonly [boolean, Rng] => {
  if (p <= 0) return [false, rng];
  const drawn = nextFloat(rng);
  return [drawn[0] < p, drawn[1]];
};

/** One element of a non-empty list, uniformly. */
export const pick = <T>(rng: Rng, items: readonly T[]): readonly [T, Rng] => {
  const drawn = nextInt(rng, items.length);
  return [items[drawn[0]] as T, drawn[1]];
};

/** A uniformly shuffled copy (Fisher-Yates). */
export const shuffle = <T>(rng: Rng, items: readonly T[]): readonly [T[], Rng] => {
  const out = items.slice();
  let r = rng;
  for (let i = out.length - 1; i > 0; i--) {
    const [j, next] = nextInt(r, i + 1);
    r = next;
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return [out, r];
};
