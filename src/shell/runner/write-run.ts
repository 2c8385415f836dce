/**
 * Writes a finished run's files into its store directory: history.jsonl,
 * results.json, results.edn (Maelstrom's shape) and latency.svg (trace.jsonl and node-logs/ are written while
 * the run goes). The simulator writes its runs with this too, so the checker
 * and the demo read both alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HarnessState } from '../../maelstrom/workload/harness.js';
import { completedOps } from '../../maelstrom/workload/summary.js';
import { encodeJson } from '../json.js';
import { latencySvg } from './latency-plot.js';
import { resultsEdn } from './results-edn.js';
import { buildResults, historyOf, type Results, type RunFacts } from './results.js';
import { writeJsonLines } from './store.js';

export const writeRunFiles = (dir: string, state: HarnessState, facts: RunFacts): Results => {
  const history = historyOf(state);
  writeJsonLines(join(dir, 'history.jsonl'), history, encodeJson);
  const results = buildResults(state, history, facts);
  writeFileSync(join(dir, 'results.json'), encodeJson(results) + '\n');
  writeFileSync(join(dir, 'results.edn'), resultsEdn(results));
  writeFileSync(join(dir, 'latency.svg'), latencySvg(history, completedOps(history)));
  return results;
};
