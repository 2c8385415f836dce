import { describe, expect, it } from 'vitest';
import { nextExponential, nextFloat, nextInt, nextUint32, seedRandom, shuffle, type Rng } from '../../src/maelstrom/workload/random.js';

const draws = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  let r = rng;
  for (let i = 0; i < n; i++) {
    const [x, next] = nextUint32(r);
    out.push(x);
    r = next;
  }
  return out;
};

describe('the seeded generator', () => {
  it('replays exactly from a seed, and never mutates its state', () => {
    const rng = seedRandom(42);
    const copy = { ...rng };
    expect(draws(rng, 50)).toEqual(draws(seedRandom(42), 50));
    expect(rng).toEqual(copy);
  });

  it('gives different sequences for different seeds and different streams of one seed', () => {
    expect(draws(seedRandom(1), 5)).not.toEqual(draws(seedRandom(2), 5));
    expect(draws(seedRandom(1, 1), 5)).not.toEqual(draws(seedRandom(1, 2), 5));
    expect(draws(seedRandom(2 ** 40 + 1), 5)).not.toEqual(draws(seedRandom(1), 5));
  });

  it('draws floats in [0, 1) and ints in [0, bound), roughly uniformly', () => {
    let r = seedRandom(7);
    const buckets = new Array<number>(10).fill(0);
    let least = 1;
    let most = 0;
    for (let i = 0; i < 20_000; i++) {
      const [u, next] = nextFloat(r);
      r = next;
      least = Math.min(least, u);
      most = Math.max(most, u);
      const [k, after] = nextInt(r, 10);
      r = after;
      buckets[k]! += 1;
    }
    expect(least).toBeGreaterThanOrEqual(0);
    expect(most).toBeLessThan(1);
    for (const count of buckets) expect(count).toBeGreaterThan(1800);
  });

  it('draws exponentials with the asked mean', () => {
    let r = seedRandom(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const [x, next] = nextExponential(r, 10);
      r = next;
      sum += x;
    }
    expect(sum / 20_000).toBeGreaterThan(9.5);
    expect(sum / 20_000).toBeLessThan(10.5);
  });

  it('shuffles into a permutation', () => {
    const [shuffled] = shuffle(seedRandom(5), ['a', 'b', 'c', 'd', 'e']);
    expect([...shuffled].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
