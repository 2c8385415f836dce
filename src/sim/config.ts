/**
 * What a simulation is asked to do: the runner's workload and network (the
 * very same harness configuration), the nodes' own settings, and the few
 * knobs only a simulator has. One seed, `harness.workload.seed`, decides
 * every random choice of the run.
 */
import type { Step } from '../core/machine.js';
import { defaultNodeConfig, type NodeConfig } from '../core/node/config.js';
import type { NodeInput } from '../core/node/input.js';
import type { NodeState } from '../core/node/state.js';
import { step } from '../core/node/step.js';
import type { WorkloadConfig } from '../maelstrom/workload/config.js';
import type { HarnessConfig } from '../maelstrom/workload/harness.js';
import { workloadConfigOf, type WorkloadOptions } from '../maelstrom/workload/options.js';

export type NodeStep = Step<NodeState, NodeInput>;

export interface SimConfig {
  /** The workload (clients, generator, nemesis, final phase) and the network, exactly as the runner takes them. */
  readonly harness: HarnessConfig;
  /** Every node's settings (the flags of bin/maelstrom-kafka). */
  readonly node: NodeConfig;
  /** The node reducer: the real `step`, or a variant wrapped around it (the broken reducers of the tests). */
  readonly nodeStep: NodeStep;
  /** A node's tick arrives this much after the time it asked for, uniformly in [0, tick_jitter_ms): timers are never exact. */
  readonly tick_jitter_ms: number;
  /** Messages reach a node as JSON text parsed again, exactly as through a process's stdin (slower; off by default). */
  readonly wire_json: boolean;
  /** Assert the invariants (invariants.ts) after every node step; a broken one stops the run. */
  readonly check_invariants: boolean;
  /** Keep the trace (every input delivered to every node) and the nodes' and harness's log lines. */
  readonly record_trace: boolean;
  /** A run that has not finished after this many events stops with a `step-limit` failure. */
  readonly max_steps: number;
}

/** The shared flags, and the faults only a simulated network can inject. */
export interface SimOptions extends WorkloadOptions {
  readonly drop_probability: number;
  readonly duplicate_probability: number;
}

export const SIM_DEFAULTS: SimOptions = {
  seed: 0,
  node_count: 3,
  concurrency: 6,
  rate_hz: 1000,
  time_limit_s: 20,
  latency_ms: 0,
  latency_dist: 'constant',
  nemesis_partition: false,
  nemesis_interval_s: 10,
  drop_probability: 0,
  duplicate_probability: 0,
  max_writes_per_key: 16,
  final_time_limit_s: 10,
};

/** The harness configuration the runner would build from the same flags, plus loss and duplication. */
export const harnessConfigOf = (options: SimOptions, extra: Partial<WorkloadConfig> = {}): HarnessConfig => ({
  workload: workloadConfigOf(options, extra),
  network: {
    latency: { mean_ms: options.latency_ms, dist: options.latency_dist },
    drop_probability: options.drop_probability,
    duplicate_probability: options.duplicate_probability,
    spare_clients: true,
  },
});

export const simConfig = (harness: HarnessConfig, fields: Partial<Omit<SimConfig, 'harness'>> = {}): SimConfig => ({
  harness,
  node: defaultNodeConfig,
  nodeStep: step,
  tick_jitter_ms: 0,
  wire_json: false,
  check_invariants: true,
  record_trace: true,
  max_steps: 50_000_000,
  ...fields,
});

/** A simulation from command-line style options, with every simulator knob at its default unless given. */
export const simConfigOf = (options: Partial<SimOptions>, fields: Partial<Omit<SimConfig, 'harness'>> = {}): SimConfig =>
  simConfig(harnessConfigOf({ ...SIM_DEFAULTS, ...options }), fields);
