/**
 * The runner's own cost (issue 4), against our node, in one go:
 *
 * 1. A run of BENCH_TIME_LIMIT seconds (20 by default) at rate 1000, one
 *    node, concurrency 2n: the wall time beyond the time limit (goal < 3 s;
 *    Maelstrom spends 10 s waiting plus 20-40 s analysing), the runner's peak
 *    resident memory (goal < 300 MB), and the rate it achieved.
 * 2. Saturation: concurrency 64 (so a free client is always at hand), rates
 *    doubling from 1000, min(BENCH_TIME_LIMIT, 5) seconds each: achieved rate
 *    against requested, and the CPU share of the runner and of the node. The
 *    runner is the bottleneck from the first rate it cannot keep up with while
 *    its own CPU share is near a full core and the node's is not.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fixed, table } from './stats.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

interface RunInfo {
  readonly 'wall-time-s': number;
  readonly 'runner-cpu-s': number;
  readonly 'runner-peak-rss-mb': number;
  readonly 'node-cpu-s': Readonly<Record<string, number | null>>;
  readonly 'achieved-rate': number;
}

interface Results {
  readonly 'valid?': boolean;
  readonly availability: { readonly 'ok-fraction': number };
  readonly run: RunInfo;
}

interface Measured {
  readonly results: Results;
  /** From spawning the runner to its exit, as a user waits for it. */
  readonly wall_s: number;
}

const runWorkload = (args: readonly string[], store: string): Promise<Measured> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      // No recovery wait: Maelstrom's 10 s pause is a wait, not the runner's cost, which is what this measures.
      [join(repo, 'bin', 'kafka-workload'), 'test', '-w', 'kafka', '--bin', join(repo, 'bin', 'maelstrom-kafka'), '--store', store, '--recovery-time', '0', ...args],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      const wall_s = (performance.now() - started) / 1000;
      if (code === 2) return reject(new Error(`runner failed: ${stderr.slice(-2000)}`));
      resolve({ results: JSON.parse(readFileSync(join(store, 'latest', 'results.json'), 'utf8')) as Results, wall_s });
    });
  });

const nodeCpu = (run: RunInfo): number => Object.values(run['node-cpu-s']).reduce<number>((sum, s) => sum + (s ?? 0), 0);

export const run = async (): Promise<void> => {
  const seconds = Number(process.env['BENCH_TIME_LIMIT'] ?? '20');
  const store = mkdtempSync(join(tmpdir(), 'kafka-bench-runner-'));

  const main = await runWorkload(['--node-count', '1', '--concurrency', '2n', '--rate', '1000', '--time-limit', String(seconds), '--seed', '1'], store);
  const info = main.results.run;
  console.log(`# Runner (issue 4): ${seconds} s at rate 1000 against bin/maelstrom-kafka, 1 node, concurrency 2n\n`);
  console.log(
    table(
      ['valid', 'wall s', 'beyond limit s', 'peak RSS MB', 'achieved ops/s', 'runner CPU s', 'node CPU s'],
      [
        [
          main.results['valid?'] ? 'yes' : 'NO',
          fixed(main.wall_s, 2),
          fixed(main.wall_s - seconds, 2),
          fixed(info['runner-peak-rss-mb'], 0),
          fixed(info['achieved-rate'], 0),
          fixed(info['runner-cpu-s'], 2),
          fixed(nodeCpu(info), 2),
        ],
      ],
    ),
  );

  const step_s = Math.min(seconds, 5);
  const rows: string[][] = [];
  let sustained = 0;
  let runnerBound: number | null = null;
  for (let rate = 1000; rate <= 32000; rate *= 2) {
    const r = await runWorkload(['--node-count', '1', '--concurrency', '64', '--rate', String(rate), '--time-limit', String(step_s), '--seed', '1'], store);
    const achieved = r.results.run['achieved-rate'];
    const wall = r.results.run['wall-time-s'];
    const runnerShare = r.results.run['runner-cpu-s'] / wall;
    const nodeShare = nodeCpu(r.results.run) / wall;
    const kept = achieved >= 0.95 * rate;
    if (kept) sustained = rate;
    if (!kept && runnerBound === null && runnerShare > 0.85 && nodeShare < runnerShare) runnerBound = rate;
    rows.push([String(rate), fixed(achieved, 0), fixed(achieved / rate, 2), fixed(runnerShare, 2), fixed(nodeShare, 2), fixed(r.results.run['runner-peak-rss-mb'], 0)]);
    if (!kept && achieved < rate / 2) break;
  }
  console.log(`\n# Runner saturation: concurrency 64, ${step_s} s per rate (CPU share: CPU seconds / wall seconds)\n`);
  console.log(table(['requested/s', 'achieved/s', 'ratio', 'runner CPU', 'node CPU', 'RSS MB'], rows));
  console.log(
    `\nHighest rate kept (>= 95% of requested): ${sustained}/s.` +
      (runnerBound === null ? ' The runner was not the bottleneck at any rate tried.' : ` From ${runnerBound}/s the runner, not the node, is the bottleneck.`),
  );
};
