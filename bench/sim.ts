/**
 * The simulator's speed (issue 5: at least 20,000 client ops per second of
 * one core at 3 nodes; a 20 s virtual run at rate 1000 in about a second):
 *
 * 1. In process, after one warm-up run: the simulation loop alone (nodes,
 *    workload, network, invariants after every step, trace kept) at 1, 3
 *    and 5 nodes, rate 1000, 20 s of virtual time, concurrency 2n; client
 *    operations per CPU second (CPU, not wall: the machine is shared) and
 *    the checker's time on the history, apart.
 * 2. bin/kafka-sim as a user runs it, cold: the whole process, store written.
 * 3. The exhaustive mode at its default scope: distinct states, and time.
 *
 * BENCH_TIME_LIMIT shortens the virtual run (20 s by default).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { check } from '../src/checker/index.js';
import { explore } from '../src/sim/exhaustive/explore.js';
import { simConfigOf } from '../src/sim/config.js';
import { historyOf } from '../src/sim/outcome.js';
import { runSimulation } from '../src/sim/simulation.js';
import { fixed, median, table } from './stats.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
const RUNS = 3;

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

interface Measured {
  readonly ops: number;
  readonly events: number;
  readonly cpu_s: number;
  readonly wall_s: number;
  readonly check_s: number;
}

const measure = (node_count: number, time_limit_s: number, seed: number): Measured => {
  const config = simConfigOf({ seed, node_count, concurrency: 2 * node_count, rate_hz: 1000, time_limit_s });
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const state = runSimulation(config);
  const cpu_s = cpuSeconds(cpu);
  const wall_s = (performance.now() - wall) / 1000;
  if (state.failure !== null) throw new Error(`the simulation failed: ${state.failure.text}`);
  const history = historyOf(state);
  const ops = history.filter((op) => op.type === 'invoke' && op.process !== 'nemesis' && op.f !== 'crash').length;
  const checked = performance.now();
  check(history);
  return { ops, events: state.steps, cpu_s, wall_s, check_s: (performance.now() - checked) / 1000 };
};

export const run = async (): Promise<void> => {
  const seconds = Number(process.env['BENCH_TIME_LIMIT'] ?? '20');
  console.log(`# Simulator (issue 5): rate 1000, ${seconds} s virtual, concurrency 2n, invariants on, trace kept\n`);
  measure(3, seconds, 0);
  const rows: string[][] = [];
  for (const nodes of [1, 3, 5]) {
    const runs = Array.from({ length: RUNS }, (_, i) => measure(nodes, seconds, i + 1));
    const m = (f: (r: Measured) => number): number => median(runs.map(f));
    rows.push([
      String(nodes),
      fixed(m((r) => r.ops), 0),
      fixed(m((r) => r.events), 0),
      fixed(m((r) => r.cpu_s), 3),
      fixed(m((r) => r.ops / r.cpu_s), 0),
      fixed(m((r) => r.ops / r.wall_s), 0),
      fixed(m((r) => r.check_s), 3),
    ]);
  }
  console.log(table(['nodes', 'ops', 'events', 'cpu s', 'ops/cpu-s', 'ops/wall-s', 'check s'], rows));

  const store = mkdtempSync(join(tmpdir(), 'kafka-bench-sim-'));
  const args = ['--seed', '1', '--node-count', '3', '--concurrency', '2n', '--rate', '1000', '--time-limit', String(seconds), '--store', store];
  const started = performance.now();
  const cli = spawnSync(process.execPath, [join(repo, 'bin', 'kafka-sim'), ...args], { encoding: 'utf8' });
  const cli_s = (performance.now() - started) / 1000;
  const results = JSON.parse(readFileSync(join(store, 'latest', 'results.json'), 'utf8')) as { sim: { 'ops-per-wall-s': number; verdict: string } };
  console.log(`\nbin/kafka-sim ${args.slice(0, -2).join(' ')}: exit ${cli.status}, ${results.sim.verdict}, ${fixed(cli_s, 2)} s from spawn to exit (store written), loop ${results.sim['ops-per-wall-s']} ops per wall second`);

  await longRuns(Number(process.env['BENCH_LONG_TIME_LIMIT'] ?? '30'));

  const cpu = process.cpuUsage();
  const explored = explore();
  console.log(`\nkafka-sim exhaustive (2 nodes, 2 clients, 3 ops each, 1 tick per node): ${explored.states} distinct states, ${explored.leaves} end states, ${explored.complete && explored.violation === null ? 'no violation' : 'VIOLATION or incomplete'}, ${fixed(cpuSeconds(cpu), 2)} cpu s`);
  console.log(`\n(command: BENCH_TIME_LIMIT=${seconds} npm run bench sim)`);
};

interface SimSection {
  readonly 'ops-per-wall-s': number;
  readonly 'wall-time-s': number;
  readonly 'peak-rss-mb': number;
  readonly verdict: string;
}

/**
 * Issue 21: a run T and 4T long, as a user runs them (store streamed, summary
 * written): the loop's speed must not fall as the run grows, nor memory grow
 * with it. Run one after the other, so the ratios are what to read on a
 * shared machine.
 */
const longRuns = async (seconds: number): Promise<void> => {
  console.log(`\n## Long runs (issue 21): bin/kafka-sim 3 nodes, rate 1000, --latency 10, ${seconds} s and ${4 * seconds} s virtual\n`);
  const rows: string[][] = [];
  const measured: SimSection[] = [];
  for (const limit of [seconds, 4 * seconds]) {
    const store = mkdtempSync(join(tmpdir(), 'kafka-bench-sim-long-'));
    const args = ['--seed', '9', '--node-count', '3', '--concurrency', '2n', '--rate', '1000', '--time-limit', String(limit), '--latency', '10', '--store', store];
    const started = performance.now();
    spawnSync(process.execPath, [join(repo, 'bin', 'kafka-sim'), ...args], { encoding: 'utf8' });
    const total_s = (performance.now() - started) / 1000;
    const sim = (JSON.parse(readFileSync(join(store, 'latest', 'results.json'), 'utf8')) as { sim: SimSection }).sim;
    measured.push(sim);
    rows.push([String(limit), sim.verdict, fixed(sim['wall-time-s'], 2), String(sim['ops-per-wall-s']), fixed(total_s, 2), String(sim['peak-rss-mb'])]);
  }
  console.log(table(['virtual s', 'verdict', 'loop s', 'loop ops/wall-s', 'spawn to exit s', 'peak RSS MB'], rows));
  const [short, long] = measured as [SimSection, SimSection];
  console.log(`\n${4 * seconds} s against ${seconds} s: loop speed ${fixed(long['ops-per-wall-s'] / short['ops-per-wall-s'], 2)}x (1.00 is flat), peak memory ${fixed(long['peak-rss-mb'] / short['peak-rss-mb'], 2)}x (BENCH_LONG_TIME_LIMIT=${seconds})`);
};
