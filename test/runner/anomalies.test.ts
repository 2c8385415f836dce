/**
 * Each node broken on purpose, run through bin/kafka-workload for two seconds:
 * the checker must name the anomaly it was broken to show, and the correct
 * node (and the one whose committed offsets merely lag) must come out valid.
 */
import { describe, expect, it } from 'vitest';
import { fixtureNode, runWorkload, test_args } from './support/run-workload.js';

const RUN_MS = 30_000;

const expectAnomaly = async (node: string, anomaly: string, ...extra: string[]): Promise<void> => {
  const run = await runWorkload(test_args(fixtureNode(node), ...extra));
  expect(run.results, run.stderr).not.toBeNull();
  expect(run.results!.workload['error-types']).toContain(anomaly);
  expect(run.results!.workload['bad-error-types']).toContain(anomaly);
  expect(run.results!['valid?']).toBe(false);
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^kafka-workload: INVALID/);
};

describe('bin/kafka-workload against fixture nodes', () => {
  it('finds the correct node valid, and exits 0', async () => {
    const run = await runWorkload(test_args(fixtureNode('correct')));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.results!['valid?']).toBe(true);
    expect(run.results!.workload['error-types']).toEqual([]);
    expect(run.results!.stats['by-f'].send['ok-count']).toBeGreaterThan(50);
    expect(run.stdout).toMatch(/^kafka-workload: VALID/);
  }, RUN_MS);

  it('finds the lost write', () => expectAnomaly('lost-write', 'lost-write'), RUN_MS);
  it('finds the duplicated sends', () => expectAnomaly('duplicate-send', 'duplicate'), RUN_MS);
  it('finds the send answered with an old offset', () => expectAnomaly('stale-offset', 'inconsistent-offsets'), RUN_MS);
  it('finds the entry dropped from the middle of a poll', () => expectAnomaly('poll-drops-middle', 'int-poll-skip'), RUN_MS);
  it('finds the poll returned in reverse', () => expectAnomaly('poll-reversed', 'int-nonmonotonic-poll'), RUN_MS);
  it('finds the poll that starts past the asked offset', () => expectAnomaly('poll-past-offset', 'poll-skip'), RUN_MS);
  it('finds the key that is never returned', () => expectAnomaly('hides-key', 'unseen'), RUN_MS);

  it('accepts committed offsets that lag: valid', async () => {
    const run = await runWorkload(test_args(fixtureNode('lagging-commits')));
    expect(run.results!.workload['bad-error-types']).toEqual([]);
    expect(run.status).toBe(0);
  }, RUN_MS);
});
