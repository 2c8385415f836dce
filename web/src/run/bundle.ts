/**
 * One file holding a whole run (docs/demo.md, "The bundle"):
 *
 *   {
 *     "format": "maelstrom-kafka-run", "version": 1,
 *     "name": "20250101T120000.000Z",          optional
 *     "history": [op, ...],                     history.jsonl's ops, or null
 *     "trace": [entry, ...],                    trace.jsonl's entries, or null
 *     "results": {...},                         results.json, optional
 *     "node_config": {"pollMaxPerKey": 64}      optional: settings that differ from the defaults
 *   }
 *
 * Every part is validated as its own file would be: ops by the checker's
 * decoder, trace entries by parse-trace.ts.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeOp } from '../../../src/checker/parse/decode-op.js';
import type { Op } from '../../../src/maelstrom/history/op.js';
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';
import { defaultNodeConfig, type NodeConfig } from '../../../src/core/node/config.js';
import { chooseNodeConfig, configFromFields } from './node-config.js';
import { parseTraceEntries } from './parse-trace.js';
import type { Run } from './run.js';

export const BUNDLE_FORMAT = 'maelstrom-kafka-run';
export const BUNDLE_VERSION = 1;

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly name?: string;
  readonly history: readonly Op[] | null;
  readonly trace: readonly TraceEntry[] | null;
  readonly results?: unknown;
  readonly node_config?: Partial<NodeConfig>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

export const isBundle = (x: unknown): boolean => isRecord(x) && x['format'] === BUNDLE_FORMAT;

/** The run a bundle holds, or why it holds none. */
export const runOfBundle = (x: unknown, fallbackName: string): Run | string => {
  if (!isRecord(x) || x['format'] !== BUNDLE_FORMAT) return `not a run bundle: "format" must be "${BUNDLE_FORMAT}"`;
  if (x['version'] !== BUNDLE_VERSION) return `bundle version ${JSON.stringify(x['version'])} is not one this page reads (${BUNDLE_VERSION})`;
  const history: Op[] = [];
  const rawHistory = x['history'] ?? null;
  if (rawHistory !== null) {
    if (!Array.isArray(rawHistory)) return 'bundle: "history" must be a list of ops or null';
    for (let i = 0; i < rawHistory.length; i++) {
      const op = decodeOp(rawHistory[i]);
      if (E.isLeft(op)) return `bundle: history op ${i}: ${op.left}`;
      history.push(op.right);
    }
  }
  let trace: TraceEntry[] | null = null;
  const rawTrace = x['trace'] ?? null;
  if (rawTrace !== null) {
    if (!Array.isArray(rawTrace)) return 'bundle: "trace" must be a list of trace entries or null';
    const parsed = parseTraceEntries(rawTrace);
    if (!parsed.ok) return `bundle: trace entry ${parsed.line - 1}: ${parsed.message}`;
    trace = parsed.entries;
  }
  let bundleConfig: NodeConfig | undefined;
  if (x['node_config'] !== undefined) {
    const config = configFromFields(x['node_config']);
    if (typeof config === 'string') return `bundle: ${config}`;
    bundleConfig = config;
  }
  const results = x['results'] ?? null;
  const choice = chooseNodeConfig(results, bundleConfig);
  const name = typeof x['name'] === 'string' && x['name'] !== '' ? x['name'] : fallbackName;
  return { name, history, trace, results, nodeConfig: choice.config, nodeConfigSource: choice.source, notes: choice.notes };
};

/** The settings that differ from the defaults, so a bundle only says what matters. */
const configDifferences = (config: NodeConfig): Partial<NodeConfig> | undefined => {
  const differences: Record<string, number> = {};
  for (const [name, value] of Object.entries(config)) {
    if (value !== (defaultNodeConfig as unknown as Record<string, number>)[name]) differences[name] = value as number;
  }
  return Object.keys(differences).length === 0 ? undefined : (differences as Partial<NodeConfig>);
};

export const bundleOf = (run: Run): Bundle => {
  const node_config = configDifferences(run.nodeConfig);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: run.name,
    history: run.history,
    trace: run.trace,
    ...(run.results === null || run.results === undefined ? {} : { results: run.results }),
    ...(node_config === undefined ? {} : { node_config }),
  };
};
