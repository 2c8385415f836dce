/**
 * Writes a finished run's summary into its store directory: results.json,
 * results.edn (Maelstrom's shape) and the plots (plots.ts: latency, rate, lag,
 * unseen, and messages.svg when trace.jsonl is there), all from the files the
 * run wrote as it went (history.jsonl, trace.jsonl and node-logs/). The
 * simulator sums its runs up with the same writers from its own streamed
 * files, so the checker and the demo read both alike.
 */
import * as E from 'fp-ts/lib/Either.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Op } from '../../maelstrom/history/op.js';
import type { HarnessState } from '../../maelstrom/workload/harness.js';
import { historyPlots } from '../../checker/plots/index.js';
import { parseJsonlOp } from '../../checker/parse/jsonl.js';
import { encodeJson } from '../json.js';
import { nodeConfigOfArgs, readTrace, writeHistoryPlots, writeMessagesPlot } from './plots.js';
import { resultsEdn } from './results-edn.js';
import { summariseHistory, type HistorySummary } from '../sim/read-back.js';
import { buildResults, isCheckerFailure, resultsOf, type Results, type RunFacts } from './results.js';
import { forEachLine } from './store.js';

/** Every op of the history file the run wrote, read whole (the rare path: a checker that failed on it). */
const readHistoryFile = (path: string): Op[] => {
  const ops: Op[] = [];
  forEachLine(path, (line) => {
    if (line.trim() === '') return;
    const op = parseJsonlOp(line);
    if (E.isLeft(op)) throw new Error(`${path}: ${op.left}`);
    ops.push(op.right);
  });
  return ops;
};

/** How a run's history file is summed up: the streamed checker, or a stand-in that fails (tests). */
export type Summarise = (path: string, time_limit_ms: number) => HistorySummary;

const streamed: Summarise = (path, time_limit_ms) => summariseHistory(path, time_limit_ms, 0);

export const writeRunFiles = (dir: string, state: HarnessState, facts: RunFacts, summarise: Summarise = streamed): Results => {
  const results = writeResultFiles(dir, state, facts, summarise);
  const trace = readTrace(dir);
  const args = facts.options['bin_args'];
  const config = nodeConfigOfArgs(Array.isArray(args) ? args.map(String) : []);
  if (trace !== undefined) writeMessagesPlot(dir, trace, config, isCheckerFailure(results.workload) ? undefined : results.workload);
  return results;
};

/**
 * results.json, results.edn and the history's plots, from history.jsonl as the
 * run wrote it (run.ts): read back in two streaming passes, as the simulator
 * reads its own, never held. Should the checker itself fail, the history is
 * read whole and checked again, so that results.json says how it failed.
 */
const writeResultFiles = (dir: string, state: HarnessState, facts: RunFacts, summarise: Summarise): Results => {
  const path = join(dir, 'history.jsonl');
  let results: Results;
  let plots: readonly (readonly [string, string])[];
  try {
    const summary = summarise(path, state.workload.config.time_limit_ms);
    results = resultsOf(state, summary.check, summary.figures, facts);
    plots = summary.plots;
  } catch {
    const history = readHistoryFile(path);
    results = buildResults(state, history, facts);
    plots = historyPlots(history);
  }
  writeResults(dir, results);
  writeHistoryPlots(dir, plots);
  return results;
};

/** results.json and results.edn (Maelstrom's shape). */
export const writeResults = (dir: string, results: Results): void => {
  writeFileSync(join(dir, 'results.json'), encodeJson(results) + '\n');
  writeFileSync(join(dir, 'results.edn'), resultsEdn(results));
};
