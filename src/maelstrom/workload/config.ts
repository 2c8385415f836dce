/**
 * What a kafka workload run is asked to do: Maelstrom's flags, in the units
 * our names carry, plus the few knobs Maelstrom hardcodes (named here so the
 * simulator and tests can turn them).
 */
import type { NemesisConfig } from '../network/nemesis.js';

export interface WorkloadConfig {
  /** The server nodes, e.g. ["n0", "n1", "n2"]. */
  readonly node_ids: readonly string[];
  /** Client threads; thread t talks to node_ids[t mod n] for the whole run, as Jepsen binds them. */
  readonly concurrency: number;
  /** Operations per second across all clients (Maelstrom's --rate); 0 runs no operations. */
  readonly rate_hz: number;
  /** How long the main phase generates operations, from the moment every node has answered init. */
  readonly time_limit_ms: number;
  /** Sends per key before the key is retired for a fresh one (--max-writes-per-key). */
  readonly max_writes_per_key: number;
  /** How many keys are active at once (elle's default for exponential key choice). */
  readonly key_count: number;
  /** Chance that an assign of the pending operation's key is emitted in its place (Jepsen's subscribe-ratio, 1/8). */
  readonly assign_probability: number;
  /** Chance that an assign also takes every key with sent-but-unpolled offsets (Jepsen's 1/3). */
  readonly unseen_assign_probability: number;
  /** Mean time between crashes of any one client (Jepsen's 30 s; crashes happen concurrency times as often overall). */
  readonly client_crash_interval_ms: number;
  /** An RPC with no reply after this long makes its operation `info` (Maelstrom's 5 s). */
  readonly client_timeout_ms: number;
  /** How long a node may take to answer init before the run fails (Maelstrom's 10 s). */
  readonly init_timeout_ms: number;
  /** The partition nemesis, or null for none. */
  readonly nemesis: NemesisConfig | null;
  /** Pause after the final heal before the final reads (Maelstrom waits 10 s; the final polls retry anyway). */
  readonly recovery_ms: number;
  /** The final phase's bound: polls stop after this long even if some keys never caught up (Maelstrom's 10 s). */
  readonly final_time_limit_ms: number;
  /** Mean pause between one client's final polls (Jepsen staggers them by 1/5 s). */
  readonly final_poll_interval_ms: number;
  readonly seed: number;
  /**
   * Resume an assign from the node's committed offsets, and count an unsound
   * committed offset as an anomaly (--strict). Off, clients ignore the answer
   * as Maelstrom 0.2.3's do, and unsound offsets are warnings.
   */
  readonly strict: boolean;
}

export const WORKLOAD_DEFAULTS = {
  rate_hz: 5,
  time_limit_ms: 60_000,
  max_writes_per_key: 16,
  key_count: 10,
  assign_probability: 1 / 8,
  unseen_assign_probability: 1 / 3,
  client_crash_interval_ms: 30_000,
  client_timeout_ms: 5_000,
  init_timeout_ms: 10_000,
  recovery_ms: 0,
  final_time_limit_ms: 10_000,
  final_poll_interval_ms: 200,
  strict: false,
} as const;

export const workloadConfig = (
  fields: Pick<WorkloadConfig, 'node_ids' | 'concurrency' | 'seed'> & Partial<WorkloadConfig>,
): WorkloadConfig => ({ ...WORKLOAD_DEFAULTS, nemesis: null, ...fields });
