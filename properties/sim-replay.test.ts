/**
 * Failures found once, kept: each replays one fast-check counterexample by
 * its seed and path (what a failing property prints) and asserts the
 * failure is still there, so a regression shows as the same small case.
 *
 * A path is a walk through the arbitrary's shrink tree: it stays valid as
 * long as properties/sim/case.ts generates cases the same way. If that
 * changes on purpose, find the failures again (the broken-reducer test
 * prints them with SIM_VERBOSE=1) and update the paths here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step } from '../src/core/node/step.js';
import { brokenReducers } from '../test/fixtures/reducers/index.mjs';
import { validity } from './sim/properties.js';

interface Found {
  readonly variant: string;
  readonly seed: number;
  readonly path: string;
  /** What the case shrank to, as `bin/kafka-sim` flags. */
  readonly shrunk: string;
}

/** Found by properties/sim-broken.test.ts (fast-check seed 5, node counts 1-3). */
const FOUND: readonly Found[] = [
  { variant: 'drops-acked-send', seed: 5, path: '0:0:0:0:1:1:3:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 10' },
  { variant: 'appends-twice', seed: 5, path: '0:0:0:0:1:0:3:0:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 10' },
  { variant: 'reuses-offset', seed: 5, path: '0:0:0:0:2:1:0:2:1:1:1:1', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 10' },
  { variant: 'poll-skips', seed: 5, path: '0:0:0:0:1:1:3:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 10' },
];

describe('failures found once still fail the same way', () => {
  for (const found of FOUND) {
    it(`${found.variant} (seed ${found.seed}, path ${found.path})`, () => {
      const reducer = brokenReducers.find((r) => r.name === found.variant)!;
      const details = fc.check(validity({ node_counts: [1, 2, 3] }, reducer.wrap(step), reducer.name), {
        seed: found.seed,
        path: found.path,
        endOnFailure: true,
      });
      expect(details.failed).toBe(true);
      expect(details.counterexample![0].toString()).toContain(found.shrunk);
    });
  }
});
