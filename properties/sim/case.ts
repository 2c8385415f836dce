/**
 * One simulated run as fast-check generates and shrinks it: the workload's
 * size, the cluster and the faults, and the seed of everything else. It runs
 * once (memoised), and prints as what a person needs when it fails: the
 * command line that replays it, why it failed, and its history, one
 * operation per line.
 */
import fc from 'fast-check';
import type { LatencyDist } from '../../src/maelstrom/network/latency.js';
import { WORKLOAD_DEFAULTS } from '../../src/maelstrom/workload/config.js';
import { simConfig, harnessConfigOf, SIM_DEFAULTS, type NodeStep } from '../../src/sim/config.js';
import { judge, type SimOutcome } from '../../src/sim/outcome.js';
import { renderHistory } from '../../src/sim/render.js';
import { runSimulation } from '../../src/sim/simulation.js';
import { defaultNodeConfig, type NodeConfig } from '../../src/core/node/config.js';
import { step } from '../../src/core/node/step.js';
import { replayCommand, type SimCliOptions } from '../../src/shell/sim/cli.js';

export interface CaseFields {
  readonly seed: number;
  readonly node_count: number;
  readonly concurrency: number;
  readonly rate_hz: number;
  readonly time_limit_ms: number;
  readonly latency_ms: number;
  readonly latency_dist: LatencyDist;
  /** Mean time between partition changes; null: no partitions. */
  readonly nemesis_interval_ms: number | null;
  readonly drop_percent: number;
  readonly duplicate_percent: number;
  readonly tick_jitter_ms: number;
  /** The nodes' timings and poll size; null: their defaults. */
  readonly node: NodeTimings | null;
}

export interface NodeTimings {
  readonly poll_max: number;
  readonly replication_interval_ms: number;
  readonly retry_after_ms: number;
  readonly star_from_nodes: number;
}

/** The node's own flags, as bin/maelstrom-kafka reads them. */
const nodeArgs = (t: NodeTimings | null): string[] =>
  t === null
    ? []
    : [
        '--poll-max', String(t.poll_max),
        '--replication-interval-ms', String(t.replication_interval_ms),
        '--retry-after-ms', String(t.retry_after_ms),
        '--star-from-nodes', String(t.star_from_nodes),
      ];

const nodeConfigOf = (t: NodeTimings | null): NodeConfig =>
  t === null
    ? defaultNodeConfig
    : {
        ...defaultNodeConfig,
        pollMaxPerKey: t.poll_max,
        replicationIntervalMs: t.replication_interval_ms,
        retryAfterMs: t.retry_after_ms,
        starFromNodes: t.star_from_nodes,
      };

/** How many operations of a failing case's history its description shows. */
const SHOWN_OPS = 60;

export class SimCase {
  private memo: SimOutcome | undefined;

  constructor(
    readonly fields: CaseFields,
    readonly nodeStep: NodeStep = step,
    readonly variant: string | null = null,
    readonly check_invariants = true,
  ) {}

  get options(): SimCliOptions {
    const f = this.fields;
    return {
      ...SIM_DEFAULTS,
      seed: f.seed,
      node_count: f.node_count,
      concurrency: f.concurrency,
      rate_hz: f.rate_hz,
      time_limit_s: f.time_limit_ms / 1000,
      latency_ms: f.latency_ms,
      latency_dist: f.latency_dist,
      nemesis_partition: f.nemesis_interval_ms !== null,
      nemesis_interval_s: (f.nemesis_interval_ms ?? 10_000) / 1000,
      key_count: WORKLOAD_DEFAULTS.key_count,
      drop_probability: f.drop_percent / 100,
      duplicate_probability: f.duplicate_percent / 100,
      tick_jitter_ms: f.tick_jitter_ms,
      wire_json: false,
      check_invariants: this.check_invariants,
      node_variant: this.variant === null ? null : `test/fixtures/reducers/${this.variant}.mjs`,
      node_args: nodeArgs(f.node),
      node: nodeConfigOf(f.node),
      store_dir: 'store',
    };
  }

  /** The run's verdict; the simulation runs on first use only. */
  get outcome(): SimOutcome {
    if (this.memo === undefined) {
      const o = this.options;
      const config = simConfig(harnessConfigOf(o), { node: o.node, nodeStep: this.nodeStep, tick_jitter_ms: o.tick_jitter_ms, check_invariants: o.check_invariants, record_trace: false });
      this.memo = judge(runSimulation(config));
    }
    return this.memo;
  }

  /** The same case with the invariants off: what the checker alone makes of it. */
  withoutInvariants(): SimCase {
    return new SimCase(this.fields, this.nodeStep, this.variant, false);
  }

  toString(): string {
    const o = this.outcome;
    const lines = [`${replayCommand(this.options)}`, `  ${o.verdict}: ${o.ops} ops, ${o.history.length} history entries`];
    for (const reason of o.reasons) lines.push(`  ${reason}`);
    if (o.verdict !== 'valid') for (const line of renderHistory(o.history, SHOWN_OPS)) lines.push(`    ${line}`);
    return lines.join('\n');
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }
}

export interface CaseBounds {
  readonly node_counts: readonly number[];
  readonly max_time_limit_ms: number;
  readonly max_rate_hz: number;
  readonly faults: boolean;
}

export const DEFAULT_BOUNDS: CaseBounds = { node_counts: [1, 2, 3, 5], max_time_limit_ms: 3000, max_rate_hz: 300, faults: true };

/**
 * Timings from hurried to lazy, in any mix, on a mesh or a star from any
 * size: a retry every few milliseconds or after a second, polls that return a
 * single pair. Safety must not depend on any of it, and neither may liveness:
 * a retry always comes again within `retryMaxMs`, so no timing starves a link.
 */
const timingsArb: fc.Arbitrary<NodeTimings> = fc.record({
  poll_max: fc.constantFrom(1024, 1, 2, 3),
  replication_interval_ms: fc.integer({ min: 5, max: 100 }),
  retry_after_ms: fc.integer({ min: 5, max: 1000 }),
  star_from_nodes: fc.constantFrom(2, 3, 4, 6, 100),
});

/**
 * Cases that shrink toward one node, one client, a short slow run and no
 * faults: what is left of a failure after shrinking is the smallest run that
 * still shows it.
 */
export const simCaseArb = (bounds: Partial<CaseBounds> = {}, nodeStep: NodeStep = step, variant: string | null = null): fc.Arbitrary<SimCase> => {
  const b = { ...DEFAULT_BOUNDS, ...bounds };
  const fault = (max: number): fc.Arbitrary<number> => (b.faults ? fc.integer({ min: 0, max }) : fc.constant(0));
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      node_count: fc.constantFrom(...b.node_counts),
      clients: fc.integer({ min: 1, max: 10 }),
      rate_hz: fc.integer({ min: 10, max: b.max_rate_hz }),
      time_limit_ms: fc.integer({ min: 100, max: b.max_time_limit_ms }),
      latency_ms: fault(20),
      latency_dist: fc.constantFrom<LatencyDist>('constant', 'uniform', 'exponential'),
      nemesis_interval_ms: b.faults ? fc.option(fc.integer({ min: 100, max: 2000 }), { nil: null }) : fc.constant(null),
      drop_percent: fault(20),
      duplicate_percent: fault(20),
      tick_jitter_ms: fault(10),
      node: b.faults ? fc.option(timingsArb, { nil: null }) : fc.constant(null),
    })
    // At most two clients per node, as --concurrency 2n; fewer shrink toward one.
    .map(({ clients, ...f }) => new SimCase({ ...f, concurrency: Math.min(clients, 2 * f.node_count) }, nodeStep, variant));
};
