/**
 * The runner writes its history to history.jsonl as the run goes and lets it
 * go (run.ts), then sums the run up from the file in two streaming passes:
 * the results must be exactly those of the whole history held, for a valid
 * run and for one with anomalies, and the plots the same files.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drainHarness, type HarnessState } from '../../src/maelstrom/workload/harness.js';
import { workloadConfig } from '../../src/maelstrom/workload/config.js';
import { encodeJson } from '../../src/shell/json.js';
import { buildResults, historyOf, type RunFacts } from '../../src/shell/runner/results.js';
import { writeJsonLines } from '../../src/shell/runner/store.js';
import { writeRunFiles } from '../../src/shell/runner/write-run.js';
import { sharedLogCluster, simulate } from './support/virtual-cluster.js';

const facts: RunFacts = { seed: 5, wall_time_s: 1, time_limit_s: 3, options: {}, interrupted: null, runner_cpu_s: 0, runner_peak_rss_mb: 0, node_cpu_s: {} };

const config = (ids: string[]) => ({
  workload: workloadConfig({ node_ids: ids, concurrency: 4, seed: 5, rate_hz: 300, time_limit_ms: 3000 }),
  network: { latency: { mean_ms: 2, dist: 'constant' as const }, drop_probability: 0, duplicate_probability: 0 },
});

/** What the runner leaves: history.jsonl written, and a state whose history was drained. */
const asStreamed = (state: HarnessState): [string, HarnessState] => {
  const dir = mkdtempSync(join(tmpdir(), 'write-run-'));
  const [ops, drained] = drainHarness(state);
  writeJsonLines(join(dir, 'history.jsonl'), ops, encodeJson);
  expect(historyOf(drained)).toEqual([]);
  return [dir, drained];
};

describe("the runner's results, from the history streamed to its file", () => {
  it.each([
    ['a valid run', true, () => simulate(config(['n0', 'n1']), sharedLogCluster(['n0', 'n1'])).state],
    ['a run with anomalies (a node loses every 7th send)', false, () => simulate(config(['n0', 'n1']), sharedLogCluster(['n0', 'n1'], { loseEvery: 7 })).state],
  ])('are those of the history held, for %s', (_, valid, run) => {
    const state = run();
    const held = buildResults(state, historyOf(state), facts);
    expect(held['valid?']).toBe(valid);
    const [dir, drained] = asStreamed(state);
    const streamed = writeRunFiles(dir, drained, facts);
    expect(streamed).toEqual(held);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toEqual(JSON.parse(encodeJson(held)));
    expect(readdirSync(dir).filter((name) => name.endsWith('.svg')).sort()).toEqual(['lag.svg', 'latency.svg', 'rate.svg', 'unseen.svg']);
  });

  it('fall back to the history read whole when the streamed summary fails, and are still those of the history held', () => {
    const state = simulate(config(['n0', 'n1']), sharedLogCluster(['n0', 'n1'], { loseEvery: 7 })).state;
    const held = buildResults(state, historyOf(state), facts);
    const [dir, drained] = asStreamed(state);
    let tried = 0;
    const failing = (): never => {
      tried++;
      throw new Error('a checker broken on purpose');
    };
    const results = writeRunFiles(dir, drained, facts, failing);
    expect(tried).toBe(1);
    expect(results).toEqual(held);
    expect(results['valid?']).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toEqual(JSON.parse(encodeJson(held)));
    expect(readdirSync(dir).filter((name) => name.endsWith('.svg')).sort()).toEqual(['lag.svg', 'latency.svg', 'rate.svg', 'unseen.svg']);
  });
});
