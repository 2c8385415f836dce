/**
 * Who assigns which offset: node i of n takes the smallest offset of its
 * class above what it knows, so classes never collide and no offset of the
 * class is skipped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignerOf, nextInClass } from '../../src/core/replication/offsets.js';

describe('offsets by residue class', () => {
  it('the next offset is the smallest of the class above what is known', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.nat(8), fc.integer({ min: -1, max: 10_000 }), (n, i, above) => {
        const index = i % n;
        const next = nextInClass(index, n, above);
        expect(next % n).toBe(index);
        expect(next).toBeGreaterThan(above);
        expect(next - n).toBeLessThanOrEqual(above);
      }),
    );
  });

  it('on one node, offsets are dense: the next is one above what is known', () => {
    expect([-1, 0, 1, 7].map((above) => nextInClass(0, 1, above))).toEqual([0, 1, 2, 8]);
  });

  it('names the one node that may assign an offset', () => {
    const ids = ['n0', 'n1', 'n2'];
    expect([0, 1, 2, 3, 7].map((o) => assignerOf(ids, o))).toEqual(['n0', 'n1', 'n2', 'n0', 'n1']);
    expect(nextInClass(1, 3, 3)).toBe(4);
    expect(nextInClass(2, 3, 3)).toBe(5);
    expect(nextInClass(0, 3, 3)).toBe(6);
  });
});
