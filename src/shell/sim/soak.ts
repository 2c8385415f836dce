/**
 * The soak: `node dist/src/shell/sim/soak.js [--seeds N] [--from S]
 * [--shard I/N] [--workers K] [--node-variant FILE]` (npm run soak).
 * Simulates seeds, each a whole run with faults drawn from its seed
 * (src/sim/soak-case.ts), on K worker threads (default: every core), and
 * judges each for safety and liveness. Prints progress now and then, each
 * failure with the command that replays it, and at the end how many ran,
 * how many failed, the CPU time they took, and the simulated client
 * operations per CPU second (the soak's speed, whatever the mix of cases).
 *
 * Sharding needs no coordination beyond the shard numbers: shard I of N
 * runs exactly the seeds s of [S, S+N) with s mod N = I, so N machines (or
 * a CI matrix) given 0/N .. N-1/N cover the range once between them.
 * Exit 0 when every run was valid, 1 otherwise, 2 for bad flags.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SeedResult } from './soak-seed.js';
import { shardSeeds } from './soak-shard.js';
import type { WorkerInput } from './soak-worker.js';

const USAGE = `Usage: node dist/src/shell/sim/soak.js [options]   (npm run soak -- [options])

Simulates seeds S, S+1, ... S+N-1, each a run with partitions, latency,
loss, duplication, late timers and node timings drawn from the seed, on
every core, and reports how many ran and every failure with the command
that replays it.

  --seeds N            how many seeds                                [10000]
  --from S             the first seed                                [0]
  --shard I/N          run only the seeds s with s mod N = I (machine I of N)  [0/1]
  --workers K          worker threads                     [${availableParallelism()}, the cores]
  --node-variant FILE  soak a variant of the node reducer (wrap(step))`;

const PROGRESS_EVERY_MS = 5000;
/** Seeds per message to a worker: enough to make messaging cheap, few enough to balance the load. */
const BATCH = 8;

interface Options {
  readonly seeds: number;
  readonly from: number;
  readonly shard: number;
  readonly shards: number;
  readonly workers: number;
  readonly variant: string | null;
}

const parse = (argv: readonly string[]): Options | string => {
  const o = { seeds: 10_000, from: 0, shard: 0, shards: 1, workers: availableParallelism(), variant: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '-h' || flag === '--help') return USAGE;
    const text = argv[++i] ?? '';
    if (flag === '--node-variant') {
      o.variant = text;
      continue;
    }
    if (flag === '--shard') {
      const match = /^(\d+)\/(\d+)$/.exec(text);
      if (match === null || Number(match[1]) >= Number(match[2])) return `--shard needs I/N with 0 <= I < N, got ${JSON.stringify(text)}`;
      o.shard = Number(match[1]);
      o.shards = Number(match[2]);
      continue;
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0) return `${flag} needs a non-negative integer, got ${JSON.stringify(text)}`;
    if (flag === '--seeds') o.seeds = value;
    else if (flag === '--from') o.from = value;
    else if (flag === '--workers' && value >= 1) o.workers = value;
    else return flag === '--workers' ? '--workers needs at least 1' : `unknown option ${flag}`;
  }
  return o;
};

const workerUrl = new URL('./soak-worker.js', import.meta.url);

/** Runs every seed on `workers` threads, handing out batches as threads come free; calls `each` per seed, in completion order. */
const runAll = (o: Options, each: (result: SeedResult) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const seeds = shardSeeds(o.from, o.seeds, o.shard, o.shards);
    const nextBatch = (): number[] => {
      const batch: number[] = [];
      for (let n = seeds.next(); !n.done; n = seeds.next()) if (batch.push(n.value) === BATCH) break;
      return batch;
    };
    let running = 0;
    const start = (): void => {
      const worker = new Worker(workerUrl, { workerData: { variant: o.variant } satisfies WorkerInput });
      running++;
      const feed = (): void => {
        const batch = nextBatch();
        if (batch.length > 0) {
          worker.postMessage(batch);
          return;
        }
        void worker.terminate();
      };
      worker.on('message', (results: SeedResult[]) => {
        results.forEach(each);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        if (--running === 0) resolve();
      });
      feed();
    };
    for (let i = 0; i < o.workers; i++) start();
  });

const main = async (): Promise<number> => {
  const parsed = parse(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === USAGE;
    (help ? process.stdout : process.stderr).write(`${parsed}\n`);
    return help ? 0 : 2;
  }
  const o = parsed;
  const sharded = o.shards > 1;
  const total = [...shardSeeds(o.from, o.seeds, o.shard, o.shards)].length;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let lastReport = started;
  let ran = 0;
  let ops = 0;
  const failed: number[] = [];
  await runAll(o, (result) => {
    ran++;
    ops += result.ops;
    if (result.verdict !== 'valid') {
      failed.push(result.seed);
      process.stdout.write(`soak: seed ${result.seed} ${result.verdict.toUpperCase()}\n  ${result.reasons.join('\n  ')}\n  replay: ${result.replay}\n`);
    }
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      process.stderr.write(`soak: ${ran}/${total} seeds, ${failed.length} failed, ${((now - started) / 1000).toFixed(0)} s\n`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  // process.cpuUsage is the whole process's (getrusage RUSAGE_SELF): every worker thread, exited ones included, and this one.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = Math.max((cpu.user + cpu.system) / 1e6, 1e-9);
  failed.sort((a, b) => a - b);
  const range = `${o.from}..${o.from + o.seeds - 1}${sharded ? `, shard ${o.shard}/${o.shards}` : ''}`;
  process.stdout.write(
    `soak: ${ran} seeds ran (${range}), ${failed.length} failed${failed.length > 0 ? `: ${failed.join(', ')}` : ''}; ` +
      `${ops} client operations in ${seconds.toFixed(1)} s\n` +
      `soak: ${o.workers} worker(s); ${(ran / seconds).toFixed(1)} seeds/s; ${cpuSeconds.toFixed(1)} s of CPU, ${(ran / cpuSeconds).toFixed(1)} seeds per CPU second\n` +
      // Seeds differ in weight (a 25-node case costs far more than a 1-node one); simulated operations do not.
      `soak: ${Math.round(ops / cpuSeconds)} client operations per CPU second\n`,
  );
  return failed.length === 0 ? 0 : 1;
};

process.exitCode = await main();
