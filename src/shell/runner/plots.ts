/**
 * Writes the store's pictures (src/checker/plots): latency.svg, rate.svg,
 * lag.svg and unseen.svg from the history, and messages.svg from the
 * trace. Drawing is pure; this file only reads and writes.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { HISTORY_PLOTS, messagesPlot } from '../../checker/plots/index.js';
import type { CheckResult } from '../../checker/types.js';
import { parseOptions } from '../node/options.js';

/** Every picture a run's store folder holds, in the order the summary names them. */
export const PLOTS = [...HISTORY_PLOTS, 'messages.svg'] as const;

/** The history's plots (`historyPlots`, or `HistoryPlots` fed a streamed history), by file name. */
export const writeHistoryPlots = (dir: string, plots: readonly (readonly [string, string])[]): void => {
  for (const [name, svg] of plots) writeFileSync(join(dir, name), svg);
};

export const writeMessagesPlot = (dir: string, trace: readonly TraceEntry[], config: NodeConfig, result: CheckResult | undefined): void => {
  writeFileSync(join(dir, 'messages.svg'), messagesPlot(trace, config, result));
};

/** The node settings our node ran with, read from its flags as the node reads them; the defaults if they cannot be. */
export const nodeConfigOfArgs = (args: readonly string[]): NodeConfig => {
  const parsed = parseOptions(args, {});
  return parsed.kind === 'run' ? parsed.config : defaultNodeConfig;
};

/** A trace larger than this is not read back for messages.svg (a run far beyond the usual 20 s at rate 1000). */
const MAX_TRACE_BYTES = 512 * 1024 * 1024;

/** The run's trace.jsonl as written by the runner (lines that do not parse are skipped); undefined if there is none. */
export const readTrace = (dir: string): TraceEntry[] | undefined => {
  const path = join(dir, 'trace.jsonl');
  if (!existsSync(path) || statSync(path).size > MAX_TRACE_BYTES) return undefined;
  const entries: TraceEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      entries.push(JSON.parse(line) as TraceEntry);
    } catch {
      // A line cut short by a killed run: the rest of the trace still draws.
    }
  }
  return entries;
};
