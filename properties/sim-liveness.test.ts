/**
 * Liveness, at 1, 2, 3 and 5 nodes: whatever the faults did during the run,
 * once they heal (the nemesis's last act, before the final phase) the final
 * reads see every acknowledged send (no `unseen`), and catch up before
 * their bound.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { liveness } from './sim/properties.js';

/** More with SIM_RUNS=N, for a long local search. */
const RUNS_PER_NODE_COUNT = Number(process.env['SIM_RUNS'] ?? 60);

describe('after the heal, every acknowledged send is seen', () => {
  for (const nodes of [1, 2, 3, 5]) {
    it(`at ${nodes} node${nodes === 1 ? '' : 's'}`, () => {
      fc.assert(liveness({ node_counts: [nodes], live_timings: true }), { numRuns: RUNS_PER_NODE_COUNT });
    });
  }
});
