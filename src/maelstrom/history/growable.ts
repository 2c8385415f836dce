/**
 * A growable typed array: appends without per-element garbage, and ends as a
 * view of exactly its length. What a history's tables are built of (the
 * checker's index, the summary's completions), so that a history streamed
 * through them costs a few bytes an op, not an object.
 */
export class Growable<A extends Uint8Array | Int32Array | Float64Array> {
  length = 0;

  constructor(
    private data: A,
    private readonly make: (size: number) => A,
  ) {}

  push(x: number): void {
    if (this.length === this.data.length) {
      // Grows by half: less room left unused at the end (and at the peak, while both copies live) than doubling.
      const bigger = this.make(this.data.length + (this.data.length >> 1));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  /** The i-th value pushed, i below `length`. */
  at(i: number): number {
    return this.data[i] as number;
  }

  done(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

export const bytes = (size = 1024): Growable<Uint8Array> => new Growable(new Uint8Array(size), (n) => new Uint8Array(n));
export const ints = (size = 1024): Growable<Int32Array> => new Growable(new Int32Array(size), (n) => new Int32Array(n));
export const doubles = (size = 1024): Growable<Float64Array> => new Growable(new Float64Array(size), (n) => new Float64Array(n));
