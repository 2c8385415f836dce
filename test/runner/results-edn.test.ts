/**
 * results.edn: the shape of Maelstrom's own results.edn (real ones, from
 * Maelstrom 0.2.3 runs of our node, in test/fixtures/maelstrom-results/),
 * less what we leave out on purpose (:perf, :timeline, :exceptions).
 */
import { readFileSync } from 'node:fs';
import { parseEDNString } from 'edn-data';
import { describe, expect, it } from 'vitest';
import { workloadConfig } from '../../src/maelstrom/workload/config.js';
import { buildResults, historyOf } from '../../src/shell/runner/results.js';
import { ednOf, resultsEdn } from '../../src/shell/runner/results-edn.js';
import { sharedLogCluster, simulate } from './support/virtual-cluster.js';

type Edn = Record<string, any>;
const parse = (text: string): Edn => parseEDNString(text, { mapAs: 'object', keywordAs: 'string', listAs: 'array' }) as Edn;
const maelstrom = (name: string): Edn => parse(readFileSync(new URL(`../fixtures/maelstrom-results/${name}.edn`, import.meta.url), 'utf8'));
const LEFT_OUT = ['perf', 'timeline', 'exceptions'];

const ours = (): Edn => {
  const config = { workload: workloadConfig({ node_ids: ['n0'], concurrency: 2, seed: 3, rate_hz: 200, time_limit_ms: 3000 }), network: { latency: { mean_ms: 0, dist: 'constant' as const }, drop_probability: 0, duplicate_probability: 0 } };
  const run = simulate(config, sharedLogCluster(['n0']));
  const facts = { seed: 3, wall_time_s: 1, time_limit_s: 3, options: {}, interrupted: null, runner_cpu_s: 0, runner_peak_rss_mb: 0, node_cpu_s: {} };
  return parse(resultsEdn(buildResults(run.state, historyOf(run.state), facts)));
};

const keys = (m: Edn): string[] => Object.keys(m).sort();

describe('results.edn', () => {
  const mine = ours();
  const theirs = maelstrom('5a-1node');

  it('has the top-level keys of Maelstrom\'s, less those left out on purpose', () => {
    expect(keys(mine)).toEqual(keys(theirs).filter((k) => !LEFT_OUT.includes(k)));
    expect(mine['valid?']).toBe(true);
  });

  it('has Maelstrom\'s :stats, :availability and :net shapes, down to which sides carry msgs-per-op', () => {
    expect(keys(mine.stats)).toEqual(keys(theirs.stats));
    expect(keys(mine.stats['by-f'])).toEqual(keys(theirs.stats['by-f']));
    expect(mine.stats['by-f'].crash).toMatchObject({ 'valid?': false, 'ok-count': 0 });
    expect(mine.stats['valid?']).toBe(true);
    expect(keys(mine.availability)).toEqual(keys(theirs.availability));
    for (const side of ['all', 'clients', 'servers', 'valid?']) expect(keys(mine.net[side] ?? {}), side).toEqual(keys(theirs.net[side] ?? {}));
  });

  it('has the :workload keys of a valid Maelstrom run, with keyword anomaly types', () => {
    expect(keys(mine.workload)).toEqual(keys(theirs.workload));
    expect(keys(mine.workload['worst-realtime-lag'])).toEqual(keys(theirs.workload['worst-realtime-lag']));
    expect(mine.workload['bad-error-types']).toEqual([]);
  });

  it('writes keywords for keys and an op\'s type and f, strings for log keys', () => {
    const text = JSON.stringify(ednOf({ 'bad-error-types': 1, ops: [{ type: 'ok', f: 'poll', value: [['poll', { '4': [[0, 1]] }]] }] }));
    expect(text).toContain('{"key":"bad-error-types"}');
    expect(text).toContain('{"key":"ok"}');
    expect(text).toContain('{"key":"poll"}');
    expect(text).toContain('["4",[[0,1]]]');
  });
});
