/**
 * Writes a finished run's files into its store directory: history.jsonl,
 * results.json, results.edn (Maelstrom's shape) and the plots (plots.ts: latency,
 * rate, lag, unseen, and messages.svg when trace.jsonl is already there, as it
 * is for the runner; trace.jsonl and node-logs/ are written while the run goes).
 * The simulator writes its results and plots with the same writers (from its
 * history streamed back from the file), so the checker and the demo read both
 * alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Op } from '../../maelstrom/history/op.js';
import type { HarnessState } from '../../maelstrom/workload/harness.js';
import { historyPlots } from '../../checker/plots/index.js';
import { encodeJson } from '../json.js';
import { nodeConfigOfArgs, readTrace, writeHistoryPlots, writeMessagesPlot } from './plots.js';
import { resultsEdn } from './results-edn.js';
import { buildResults, historyOf, isCheckerFailure, type Results, type RunFacts } from './results.js';
import { writeJsonLines } from './store.js';

export const writeRunFiles = (dir: string, state: HarnessState, facts: RunFacts): Results => {
  const history = historyOf(state);
  writeJsonLines(join(dir, 'history.jsonl'), history, encodeJson);
  const results = writeResultFiles(dir, state, history, facts);
  const trace = readTrace(dir);
  const args = facts.options['bin_args'];
  const config = nodeConfigOfArgs(Array.isArray(args) ? args.map(String) : []);
  if (trace !== undefined) writeMessagesPlot(dir, trace, config, isCheckerFailure(results.workload) ? undefined : results.workload);
  return results;
};

/** results.json, results.edn and the history's plots, for a run whose history.jsonl is written already (`history` is all of it). */
const writeResultFiles = (dir: string, state: HarnessState, history: readonly Op[], facts: RunFacts): Results => {
  const results = buildResults(state, history, facts);
  writeResults(dir, results);
  writeHistoryPlots(dir, historyPlots(history));
  return results;
};

/** results.json and results.edn (Maelstrom's shape). */
export const writeResults = (dir: string, results: Results): void => {
  writeFileSync(join(dir, 'results.json'), encodeJson(results) + '\n');
  writeFileSync(join(dir, 'results.edn'), resultsEdn(results));
};
