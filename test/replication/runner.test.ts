/**
 * Our node replicated, run through bin/kafka-workload: short runs at 2 and 3
 * nodes, one of them under the partition nemesis. Valid means no anomaly of
 * any type, and no unseen write after the heal.
 */
import { describe, expect, it } from 'vitest';
import { ourNode, runWorkload } from '../runner/support/run-workload.js';

const run = (...args: string[]) =>
  runWorkload(['test', '-w', 'kafka', '--bin', ourNode, '--concurrency', '2n', '--seed', '11', '--final-time-limit', '5', '--recovery-time', '0', ...args]);

describe('our node replicated, under the runner', () => {
  it('is valid at 2 nodes, with every request answered', async () => {
    const result = await run('--node-count', '2', '--time-limit', '3', '--rate', '200');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.results!['valid?']).toBe(true);
    // Maelstrom's ok-fraction counts crashes, never ok: every other operation was.
    const { stats } = result.results!;
    expect(stats['ok-count'] / (stats.count - stats['by-f'].crash.count)).toBeGreaterThan(0.99);
    expect(result.results!.availability['ok-fraction']).toBeCloseTo(stats['ok-count'] / stats.count, 10);
    expect(result.results!.net.servers['msgs-per-op']).toBeGreaterThan(0);
  }, 60_000);

  it('is valid at 3 nodes under partitions, and sees every acknowledged send after the heal', async () => {
    const result = await run('--node-count', '3', '--time-limit', '6', '--rate', '200', '--nemesis', 'partition', '--nemesis-interval', '1');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.results!['valid?']).toBe(true);
    expect(result.results!.workload['error-types']).toEqual([]);
    // The nemesis did cut the cluster: some sends found their owner unreachable.
    const sends = result.results!.stats['by-f'].send;
    expect(sends['ok-count']).toBeGreaterThan(100);
  }, 60_000);
});
