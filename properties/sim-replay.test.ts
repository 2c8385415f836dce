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
import { harnessConfigOf, simConfig, SIM_DEFAULTS } from '../src/sim/config.js';
import { judge } from '../src/sim/outcome.js';
import { runSimulation } from '../src/sim/simulation.js';
import { defaultNodeConfig } from '../src/core/node/config.js';
import { brokenReducers, subtleReducers } from '../test/fixtures/reducers/index.mjs';
import { liveness, validity } from './sim/properties.js';

interface Found {
  readonly variant: string;
  readonly node_counts: readonly number[];
  readonly seed: number;
  readonly path: string;
  /** What the case shrank to, as `bin/kafka-sim` flags. */
  readonly shrunk: string;
}

/** Found by properties/sim-broken.test.ts (fast-check seed 5), again after the workload took Maelstrom's op mix (1 op in 8 an assign). */
const FOUND: readonly Found[] = [
  { variant: 'drops-acked-send', node_counts: [1, 2, 3], seed: 5, path: '0:0:0:1:0:0:0:0:0:0:7:2:1:1:2:2:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 13' },
  { variant: 'appends-twice', node_counts: [1, 2, 3], seed: 5, path: '0:0:0:0:3:1:0:0:0:0:1:1:1:1:1:1', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 10' },
  { variant: 'reuses-offset', node_counts: [1, 2, 3], seed: 5, path: '0:0:0:1:0:0:0:0:1:0:6:2:1:1:2:2:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 17' },
  { variant: 'poll-skips', node_counts: [1, 2, 3], seed: 5, path: '0:0:0:1:0:0:0:0:0:0:7:2:1:1:2:2:2:2:2:2', shrunk: '--seed 0 --node-count 1 --concurrency 1 --rate 13' },
  {
    variant: 'adds-run-length',
    node_counts: [2, 3],
    seed: 5,
    path: '0:0:0:2:1:0:1:3:6:1:1:3:6:3:5:0:0:2:2:2:3:2:2:2:2:2:2:3:3:3:3:4:3:3:3:7:5:1:1:1:4:3:0:0:3:2:3:3:3',
    shrunk: '--seed 0 --node-count 2 --concurrency 1 --rate 125',
  },
];

describe('failures found once still fail the same way', () => {
  for (const found of FOUND) {
    it(`${found.variant} (seed ${found.seed}, path ${found.path})`, () => {
      const reducer = [...brokenReducers, ...subtleReducers].find((r) => r.name === found.variant)!;
      const details = fc.check(validity({ node_counts: found.node_counts }, reducer.wrap(step), reducer.name), {
        seed: found.seed,
        path: found.path,
        endOnFailure: true,
      });
      expect(details.failed).toBe(true);
      expect(details.counterexample![0].toString()).toContain(found.shrunk);
    });
  }
});

/**
 * Found in our node by the liveness property, before its timings were
 * restricted (see properties/sim/case.ts, liveTimingsArb): with a suspicion
 * timeout shorter than the replication interval, every peer is suspected at
 * every tick (it is silent between two ticks for longer than the timeout), so
 * `sendSync` never sends it entries, and a replica never catches up: the final
 * reads at n0 never see key 8's message, though the cluster is healed and
 * quiet. The node accepts these flags without a word.
 *
 * Skipped until the node either refuses timings under which it cannot make
 * progress (then change this test to expect the refusal) or stops depending
 * on them (e.g. suspicion measured in missed full reports rather than in
 * milliseconds). Replay: bin/kafka-sim --seed 0 --node-count 2 --concurrency 2
 * --rate 10 --time-limit 0.1 -- --replication-interval-ms 51
 * --full-report-interval-ms 20 --suspect-after-ms 50
 */
describe('node findings, waiting for a fix', () => {
  it('a replica catches up even when --suspect-after-ms is shorter than the replication interval', () => {
    const options = { ...SIM_DEFAULTS, seed: 0, node_count: 2, concurrency: 2, rate_hz: 10, time_limit_s: 0.1 };
    const node = { ...defaultNodeConfig, replicationIntervalMs: 51, fullReportIntervalMs: 20, suspectAfterMs: 50 };
    const outcome = judge(runSimulation(simConfig(harnessConfigOf(options), { node })));
    expect(outcome.reasons).toEqual([]);
    expect(outcome.live).toBe(true);
  });
});

/**
 * Found by the 5-node liveness property (fast-check seed 467798497) against a
 * change that staggered the nodes' ticks (node i at i/n of the period): there
 * the final reads never caught up (22 acknowledged sends unseen). The design
 * as it stands passes it; kept so that a change of the tick's timing meets
 * this case first. Replay: bin/kafka-sim --seed 277546952 --node-count 5
 * --concurrency 1 --rate 31 --time-limit 2.893 --latency 1 --latency-dist
 * uniform --nemesis partition --nemesis-interval 1.117 --drop 0.2 --duplicate
 * 0.15 -- --replication-interval-ms 72 --full-report-interval-ms 994
 * --suspect-after-ms 2216
 */
describe('liveness cases kept', () => {
  it('every acknowledged send is seen after a partitioned, lossy 5-node run with a 72 ms tick', () => {
    const options = {
      ...SIM_DEFAULTS,
      seed: 277546952,
      node_count: 5,
      concurrency: 1,
      rate_hz: 31,
      time_limit_s: 2.893,
      latency_ms: 1,
      latency_dist: 'uniform' as const,
      nemesis_partition: true,
      nemesis_interval_s: 1.117,
      drop_probability: 0.2,
      duplicate_probability: 0.15,
    };
    const node = { ...defaultNodeConfig, pollMaxPerKey: 1024, replicationIntervalMs: 72, fullReportIntervalMs: 994, suspectAfterMs: 2216 };
    const outcome = judge(runSimulation(simConfig(harnessConfigOf(options), { node })));
    expect(outcome.reasons).toEqual([]);
    expect(outcome.live).toBe(true);
  });
});

/**
 * A liveness weakness of the repair, found by the 3-node liveness property
 * with a random seed (SIM_SEED=random SIM_RUNS=600): n2's only sync carrying
 * key 8 to n1 is lost, and so is each resend (19% loss). A resend waits for
 * n1's next full report to show the loss (898 ms here) and then for n2's to
 * carry `heard` (the first resend waits for both), so only four resends fit
 * in the final phase's 10 s, and all four are lost: about one case in a
 * thousand at these loss rates. Real Maelstrom loses messages only to
 * partitions, after which this repair has whole seconds to spare. Kept as
 * `it.fails` until the repair retries faster: fixing it turns this red.
 * Replay: bin/kafka-sim --seed 1993867222 --node-count 3 --concurrency 6
 * --rate 93 --time-limit 0.106 --latency 1 --latency-dist exponential
 * --drop 0.19 --duplicate 0.09 --tick-jitter 8 -- --replication-interval-ms 59
 * --full-report-interval-ms 898 --suspect-after-ms 2088
 */
describe('liveness findings, waiting for a fix', () => {
  it.fails('a key whose every resend is lost is still seen within the final phase (fast-check seed -551002067)', () => {
    fc.assert(liveness({ node_counts: [3], live_timings: true }), {
      seed: -551002067,
      path: '56:33:31:35:32:32:32:42:42:59:51',
      endOnFailure: true,
    });
  });
});
