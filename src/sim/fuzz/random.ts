/**
 * The fuzzer's randomness: the project's xoshiro128** generator
 * (maelstrom/workload/random.ts), seeded by one number, behind a small
 * mutable cursor so the generator reads naturally. Same seed, same lines, on
 * any machine: the seed is the whole reproduction.
 */
import { nextUint32, seedRandom, type Rng } from '../../maelstrom/workload/random.js';

export class FuzzRandom {
  private rng: Rng;

  constructor(seed: number, stream = 0) {
    this.rng = seedRandom(seed, stream);
  }

  uint32(): number {
    const [n, rng] = nextUint32(this.rng);
    this.rng = rng;
    return n;
  }

  /** An integer in [0, n), n at most 2^32. */
  below(n: number): number {
    return Math.floor((this.uint32() / 4294967296) * n);
  }

  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.uint32() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let x = this.below(total);
    for (const [w, value] of table) {
      if (x < w) return value;
      x -= w;
    }
    return table[table.length - 1]![1];
  }
}
