/**
 * What bin/kafka-sim reads back from the files it streamed: lines of any
 * length across read chunks; the history, streamed twice through the
 * checker, the results' figures, the plots and the first operations, which
 * must give what the history held whole gives; and of the trace only the
 * prefix messages.svg draws, which must draw the very same picture as the
 * whole trace, however late the first anomaly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { firstAnomaly, historyPlots, messagesPlot } from '../../src/checker/plots/index.js';
import { defaultNodeConfig } from '../../src/core/node/config.js';
import { step } from '../../src/core/node/step.js';
import { encodeJson } from '../../src/shell/json.js';
import { forEachLine, writeJsonLines } from '../../src/shell/runner/store.js';
import { buildResults, resultsOf, type RunFacts } from '../../src/shell/runner/results.js';
import { readTraceForMessages, summariseHistory } from '../../src/shell/sim/read-back.js';
import { simConfigOf, type NodeStep } from '../../src/sim/config.js';
import { historyOf, judgeChecked, judgeRun, traceOf } from '../../src/sim/outcome.js';
import { renderHistory } from '../../src/sim/render.js';
import { runSimulation, type SimState } from '../../src/sim/simulation.js';
import { brokenReducers } from '../fixtures/reducers/index.mjs';

const temp = (): string => mkdtempSync(join(tmpdir(), 'read-back-'));

const linesOf = (text: string): string[] => {
  const path = join(temp(), 'lines');
  writeFileSync(path, text);
  const lines: string[] = [];
  forEachLine(path, (line) => void lines.push(line));
  return lines;
};

describe('forEachLine', () => {
  it('gives every line, across chunk boundaries and with no final newline', () => {
    const long = 'x'.repeat(2_500_000); // longer than two read chunks
    expect(linesOf(`a\n${long}\nb\n\nc`)).toEqual(['a', long, 'b', '', 'c']);
    expect(linesOf('a\nb\n')).toEqual(['a', 'b']);
    expect(linesOf('')).toEqual([]);
    expect(linesOf('é'.repeat(600_000) + '\nz\n')).toEqual(['é'.repeat(600_000), 'z']); // a character split by a chunk's end
  });

  it('stops when told', () => {
    const path = join(temp(), 'lines');
    writeFileSync(path, 'a\nb\nc\n');
    const seen: string[] = [];
    forEachLine(path, (line) => seen.push(line) < 2);
    expect(seen).toEqual(['a', 'b']);
  });
});

const facts: RunFacts = { seed: 4, wall_time_s: 1, time_limit_s: 8, options: {}, interrupted: null, runner_cpu_s: 0, runner_peak_rss_mb: 0, node_cpu_s: {}, trace_source: 'simulator' };

/** A run's history streamed back from its file gives what the history held whole gives: verdict, results, plots, first operations. */
const expectSummaryAsHeld = (state: SimState, dir: string): void => {
  const history = historyOf(state);
  const summary = summariseHistory(join(dir, 'history.jsonl'), state.harness.workload.config.time_limit_ms, 40);
  const held = buildResults(state.harness, history, facts);
  // The results as JSON text: the cited ops, found again in the file, must read as those held.
  expect(encodeJson(resultsOf(state.harness, summary.check, summary.figures, facts))).toBe(encodeJson(held));
  expect(summary.plots).toEqual(historyPlots(history));
  expect(summary.head).toEqual(renderHistory(history, 40));
  const outcome = judgeRun(state, history);
  expect(judgeChecked(state, summary.check, summary.figures.completions.operations)).toEqual({ ...outcome, history: undefined, check: summary.check });
  expect(encodeJson(summary.check)).toBe(encodeJson(outcome.check));
};

describe('a streamed run read back', () => {
  const options = { seed: 4, node_count: 2, concurrency: 4, rate_hz: 200, time_limit_s: 8, latency_ms: 5 };
  // Correct for 6 s, then acknowledging sends it forgets: an anomaly long after messages.svg's first window.
  const broken = brokenReducers.find((r) => r.name === 'drops-acked-send')!.wrap(step);
  const lateBreaker: NodeStep = (node, input) => (input.now_ms < 6000 ? step(node, input) : broken(node, input));
  const state = runSimulation(simConfigOf(options, { nodeStep: lateBreaker, check_invariants: false }));
  const dir = temp();
  writeJsonLines(join(dir, 'history.jsonl'), historyOf(state), encodeJson);
  writeJsonLines(join(dir, 'trace.jsonl'), traceOf(state), encodeJson);
  const result = check(historyOf(state));

  it('is checked, summed up and drawn from its history file as from the history held, anomalies and all', () => {
    expect(result['valid?']).toBe(false);
    expectSummaryAsHeld(state, dir);
  });

  it('of a valid run too, under partitions and loss', () => {
    const valid = runSimulation(simConfigOf({ ...options, seed: 5, nemesis_partition: true, nemesis_interval_s: 1, drop_probability: 0.05 }));
    expect(check(historyOf(valid))['valid?']).toBe(true);
    const validDir = temp();
    writeJsonLines(join(validDir, 'history.jsonl'), historyOf(valid), encodeJson);
    expectSummaryAsHeld(valid, validDir);
  });

  it('keeps only the first operations it shows, and counts the rest', () => {
    const all = renderHistory(historyOf(state));
    expect(all.length).toBeGreaterThan(1000);
    expect(renderHistory(historyOf(state), 5)).toEqual([...all.slice(0, 5), `... and ${all.length - 5} more operations`]);
    expect(renderHistory(historyOf(state), all.length)).toEqual(all);
  });

  it('draws messages.svg from a prefix of its trace as from the whole', () => {
    const anomaly = firstAnomaly(result);
    // The case this guards: an anomaly seen only late in the run (by the final reads), long after the first window.
    expect(anomaly?.time_ms).toBeGreaterThan(5000);
    const prefix = readTraceForMessages(join(dir, 'trace.jsonl'), result);
    const whole = traceOf(state);
    expect(prefix.length).toBeLessThan(whole.length);
    expect(messagesPlot(prefix, defaultNodeConfig, result)).toBe(messagesPlot(whole, defaultNodeConfig, result));
    // A valid run's picture needs only its first moments.
    const early = readTraceForMessages(join(dir, 'trace.jsonl'), undefined);
    expect(early.length).toBeLessThan(prefix.length);
    expect(messagesPlot(early, defaultNodeConfig, undefined)).toBe(messagesPlot(whole, defaultNodeConfig, undefined));
  });
});
