/**
 * Safety under faults, at 1, 2, 3 and 5 nodes: for any generated workload
 * and fault schedule (partitions, latency and reordering, loss, duplicated
 * deliveries, late timers), no invariant breaks while the cluster runs and
 * the checker finds no anomaly in the history (unseen aside: that is
 * liveness, sim-liveness.test.ts).
 *
 * A failure prints fast-check's seed and path, and the shrunk case as the
 * kafka-sim command line that replays it, the reasons, and its history.
 * Keep it in sim-replay.test.ts.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { safety } from './sim/properties.js';

/** More with SIM_RUNS=N, for a long local search. */
const RUNS_PER_NODE_COUNT = Number(process.env['SIM_RUNS'] ?? 120);

describe('the simulated cluster is safe under faults', () => {
  for (const nodes of [1, 2, 3, 5]) {
    it(`at ${nodes} node${nodes === 1 ? '' : 's'}`, () => {
      fc.assert(safety({ node_counts: [nodes] }), { numRuns: RUNS_PER_NODE_COUNT });
    });
  }
});
