/**
 * One soak seed, run and judged: its case drawn from the seed
 * (src/sim/soak-case.ts), simulated without a trace, and, when it is not
 * valid, the one bin/kafka-sim command that replays it.
 */
import { WORKLOAD_DEFAULTS } from '../../maelstrom/workload/config.js';
import { harnessConfigOf, simConfig, type NodeStep } from '../../sim/config.js';
import { judge } from '../../sim/outcome.js';
import { runSimulation } from '../../sim/simulation.js';
import { soakCase } from '../../sim/soak-case.js';
import { replayCommand } from './cli.js';
import { nodeArgsOf } from './node-args.js';

export interface SeedResult {
  readonly seed: number;
  readonly ops: number;
  readonly verdict: string;
  readonly reasons: readonly string[];
  /** The command that replays it, when it was not valid. */
  readonly replay: string | null;
}

/** `variant`: the --node-variant file `nodeStep` came from (null: the real step), for the replay command. */
export const runSoakSeed = (seed: number, nodeStep: NodeStep | undefined, variant: string | null): SeedResult => {
  const c = soakCase(seed);
  const outcome = judge(runSimulation(simConfig(harnessConfigOf(c.options), { node: c.node, tick_jitter_ms: c.tick_jitter_ms, record_trace: false, ...(nodeStep === undefined ? {} : { nodeStep }) })));
  const replay =
    outcome.verdict === 'valid'
      ? null
      : replayCommand({
          ...c.options,
          key_count: WORKLOAD_DEFAULTS.key_count, // the soak keeps the workload's default
          tick_jitter_ms: c.tick_jitter_ms,
          wire_json: false,
          check_invariants: true,
          node_variant: variant,
          node_args: nodeArgsOf(c.node),
          node: c.node,
          store_dir: 'store',
        });
  return { seed, ops: outcome.ops, verdict: outcome.verdict, reasons: outcome.reasons, replay };
};
