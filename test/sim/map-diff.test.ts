/** forEachChange reports exactly the keys added or changed, with their old and new values. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMap, set, type PMap } from '../../src/core/persistent/hamt.js';
import { forEachChange } from '../../src/sim/map-diff.js';

const build = (pairs: readonly (readonly [string, number])[], base: PMap<number> = emptyMap()): PMap<number> =>
  pairs.reduce((map, [k, v]) => set(map, k, v), base);

describe('forEachChange', () => {
  it('finds what changed between two versions of a map, and nothing else', () => {
    const pairs = fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 60 });
    fc.assert(
      fc.property(pairs, pairs, (first, second) => {
        const before = build(first);
        const after = build(second, before);
        const expected = new Map<string, [number | undefined, number]>();
        const old = new Map(first);
        const now = new Map([...first, ...second]);
        for (const [key, value] of now) if (old.get(key) !== value) expected.set(key, [old.get(key), value]);
        const seen = new Map<string, [number | undefined, number]>();
        forEachChange(before, after, (key, was, is) => seen.set(key, [was, is]));
        expect(seen).toEqual(expected);
      }),
    );
  });

  it('does nothing for the same map', () => {
    const map = build([['a', 1]]);
    let calls = 0;
    forEachChange(map, map, () => calls++);
    expect(calls).toBe(0);
  });
});
