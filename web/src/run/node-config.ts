/**
 * Which settings the run's nodes had. Replay must use the same ones: the
 * replication interval decides when ticks are due, the poll limit what a
 * poll returns. In order of precedence:
 *
 *   1. a bundle's "node_config" (any subset of NodeConfig's fields);
 *   2. results.json's run.options.bin_args, read by the node's own flag parser
 *      (the runner passes them to bin/maelstrom-kafka after `--`);
 *   3. the defaults (the simulator always runs them, and so does a node
 *      started without flags).
 *
 * Also says what the page should warn about: nodes that were not our
 * reducer, or a variant of it, replay as what our reducer would have done.
 */
import { defaultNodeConfig, type NodeConfig } from '../../../src/core/node/config.js';
import { parseOptions } from '../../../src/shell/node/options.js';

export interface NodeConfigChoice {
  readonly config: NodeConfig;
  readonly source: string;
  readonly notes: readonly string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

const runOptionsOf = (results: unknown): Record<string, unknown> | undefined => {
  if (!isRecord(results) || !isRecord(results['run'])) return undefined;
  const options = results['run']['options'];
  return isRecord(options) ? options : undefined;
};

/** A bundle's partial config over the defaults; unknown fields and non-positive-integers are refused. */
export const configFromFields = (fields: unknown): NodeConfig | string => {
  if (!isRecord(fields)) return 'node_config must be an object';
  const config: Record<string, number> = { ...defaultNodeConfig };
  for (const [name, value] of Object.entries(fields)) {
    if (!(name in defaultNodeConfig)) return `node_config: unknown setting '${name}'`;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) return `node_config.${name} must be a positive integer`;
    config[name] = value;
  }
  return config as unknown as NodeConfig;
};

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export const chooseNodeConfig = (results: unknown, bundleConfig: NodeConfig | undefined): NodeConfigChoice => {
  const notes: string[] = [];
  const options = runOptionsOf(results);
  const bin = options?.['bin'];
  if (typeof bin === 'string' && baseName(bin) !== 'maelstrom-kafka') {
    notes.push(
      `This run's nodes were ${baseName(bin)}, not our node: the node states shown are what our reducer would hold given the same inputs, not what ${baseName(bin)} held. The client view and the anomalies are the run's own.`,
    );
  }
  const variant = options?.['node_variant'];
  if (typeof variant === 'string' && variant !== '') {
    notes.push(`This simulation ran a variant of the reducer (${baseName(variant)}); the replay runs the real one, so node states may differ from the run's.`);
  }
  if (bundleConfig !== undefined) return { config: bundleConfig, source: 'the bundle', notes };
  const args = options?.['bin_args'];
  if (Array.isArray(args) && args.length > 0 && args.every((a): a is string => typeof a === 'string')) {
    const parsed = parseOptions(args, {});
    if (parsed.kind === 'run') return { config: parsed.config, source: `the node's flags (${args.join(' ')})`, notes };
    notes.push(`The node's flags (${args.join(' ')}) could not be read${parsed.kind === 'error' ? `: ${parsed.message}` : ''}; replaying with the defaults.`);
  }
  return { config: defaultNodeConfig, source: 'the defaults', notes };
};
