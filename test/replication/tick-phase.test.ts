/**
 * When nodes tick: staggered by their place in the membership, and on a grid
 * that a late tick does not move.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstTick, nextTick } from '../../src/core/replication/tick-phase.js';

const cluster = (self: string, n: number) => ({ self, nodeIds: Array.from({ length: n }, (_, i) => `n${i}`) });

describe('tick phases', () => {
  it('node i of n first ticks i/n of a period after init (node 0 a whole period)', () => {
    expect([0, 1].map((i) => firstTick(cluster(`n${i}`, 2), 50, 1000))).toEqual([1050, 1025]);
    expect([0, 1, 2, 3, 4].map((i) => firstTick(cluster(`n${i}`, 5), 50, 0))).toEqual([50, 10, 20, 30, 40]);
  });

  it('the next tick is the first grid point after the tick, however late it ran', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1e6 }), (due, period, lateBy1024ths) => {
        const now = due + lateBy1024ths / 1024;
        const next = nextTick(due, period, now);
        expect(next).toBeGreaterThan(now);
        expect(next - period).toBeLessThanOrEqual(now);
        expect(Number.isInteger((next - due) / period)).toBe(true);
      }),
    );
  });
});
