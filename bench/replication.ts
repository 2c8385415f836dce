/**
 * Replication at scale (issues 15 and 19), side by side in one run:
 *
 * 1. the runner against our node at 2, 3, 5, 9 and 25 nodes, rate 1000,
 *    latency 100 ms (Gossip Glomers' efficient-broadcast setting),
 *    concurrency 2n, BENCH_TIME_LIMIT seconds (20 by default), no recovery
 *    wait: msgs/op (all and between servers), ok-fraction, operations
 *    completed (and as a share of the 3-node run's), the worst realtime lag
 *    and the median over keys of each key's worst;
 * 2. the simulator on a long run (3 nodes, rate 1000, 120 s, latency 10,
 *    seed 5): bytes per second between servers in the first and the last
 *    20 s, read from its trace;
 * 3. an idle cluster (the simulator, rate 1, 30 s) at 3, 5 and 25 nodes:
 *    server messages per node per second;
 * 4. memory: heap bytes per stored message and node, at 1 and 5 nodes
 *    (bench/replication-memory.ts, in a child with --expose-gc).
 *
 * The machine is shared and has two cores: 25 node processes saturate it, so
 * run this on a quiet machine and compare designs in the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fixed, table } from './stats.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

interface Lag {
  readonly lag: number;
}

interface Results {
  readonly 'valid?': boolean;
  readonly availability: { readonly 'ok-fraction': number };
  readonly net: {
    readonly all: { readonly 'msgs-per-op': number };
    readonly servers: { readonly 'msgs-per-op': number; readonly 'msg-count': number };
  };
  readonly stats: { readonly count: number; readonly 'ok-count': number; readonly 'by-f': Readonly<Record<string, { readonly count: number; readonly 'ok-count': number }>> };
  readonly workload: { readonly 'worst-realtime-lag'?: Lag; readonly 'worst-realtime-lag-by-key'?: Readonly<Record<string, Lag>> };
  readonly sim?: { readonly 'virtual-time-s': number };
}

const runBin = (bin: string, args: readonly string[], store: string): Promise<Results> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin', bin), ...args, '--store', store], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      if (code === 2) return reject(new Error(`${bin} failed: ${stderr.slice(-2000)}`));
      resolve(JSON.parse(readFileSync(join(store, 'latest', 'results.json'), 'utf8')) as Results);
    });
  });

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** The ok-fraction of the clients' requests: Jepsen's counts the workload's own `crash` operations too, always `info`. */
const requestsOk = (r: Results): number => {
  let count = 0;
  let ok = 0;
  for (const [f, s] of Object.entries(r.stats['by-f'])) {
    if (f === 'crash') continue;
    count += s.count;
    ok += s['ok-count'];
  }
  return count === 0 ? NaN : ok / count;
};

const isNode = (id: string): boolean => /^n\d+$/.test(id);

/** Bytes of messages between servers delivered in [0, window) and in [end - window, end), from a trace. */
const serverBytes = async (trace: string, end_ms: number, window_ms: number): Promise<readonly [number, number]> => {
  let first = 0;
  let last = 0;
  for await (const line of createInterface({ input: createReadStream(trace) })) {
    if (!line.includes('"message"')) continue;
    const entry = JSON.parse(line) as { time_ms: number; message?: { src: string; dest: string } };
    if (entry.message === undefined || !isNode(entry.message.src) || !isNode(entry.message.dest)) continue;
    const bytes = JSON.stringify(entry.message).length;
    if (entry.time_ms < window_ms) first += bytes;
    else if (entry.time_ms >= end_ms - window_ms && entry.time_ms < end_ms) last += bytes;
  }
  return [first, last];
};

export const run = async (): Promise<void> => {
  const seconds = process.env['BENCH_TIME_LIMIT'] ?? '20';
  const store = mkdtempSync(join(tmpdir(), 'kafka-bench-replication-'));

  const rows: string[][] = [];
  let threeNodeOps = NaN;
  // 3 nodes first: the others' operations are counted against its.
  for (const nodes of [3, 2, 5, 9, 25]) {
    const args = ['test', '-w', 'kafka', '--bin', join(repo, 'bin', 'maelstrom-kafka'), '--node-count', String(nodes), '--concurrency', '2n', '--rate', '1000'];
    args.push('--time-limit', seconds, '--latency', '100', '--recovery-time', '0', '--seed', '1');
    const r = await runBin('kafka-workload', args, store).catch((error: Error) => error);
    if (r instanceof Error) {
      // A saturated machine can keep 25 processes from answering init in time: say so, and go on.
      rows.push([String(nodes), 'FAILED', r.message.split('\n').find((line) => line.includes('problem:')) ?? r.message.slice(0, 120), '', '', '', '', '', '', '']);
      continue;
    }
    if (nodes === 3) threeNodeOps = r.stats.count;
    const byKey = Object.values(r.workload['worst-realtime-lag-by-key'] ?? {}).map((l) => l.lag);
    rows.push([
      String(nodes),
      r['valid?'] ? 'yes' : 'NO',
      String(r.stats.count),
      fixed(r.stats.count / threeNodeOps, 2),
      fixed(r.net.all['msgs-per-op'], 3),
      fixed(r.net.servers['msgs-per-op'], 3),
      fixed(r.availability['ok-fraction'], 4),
      fixed(requestsOk(r), 4),
      fixed(r.workload['worst-realtime-lag']?.lag ?? NaN, 2),
      fixed(median(byKey), 2),
    ]);
  }
  console.log(`# Replication at scale (issue 19): runner, rate 1000, latency 100 ms, ${seconds} s, concurrency 2n, no recovery wait, seed 1\n`);
  console.log(table(['nodes', 'valid', 'ops', 'ops vs 3 nodes', 'msgs/op', 'servers/op', 'ok-frac', 'requests ok', 'worst lag s', 'median key lag s'], rows));

  const long_s = 120;
  const window_s = 20;
  const simArgs = ['--seed', '5', '--node-count', '3', '--concurrency', '2n', '--rate', '1000', '--time-limit', String(long_s), '--latency', '10'];
  await runBin('kafka-sim', simArgs, store);
  const [first, last] = await serverBytes(join(store, 'latest', 'trace.jsonl'), long_s * 1000, window_s * 1000);
  console.log(`\n# Over a long run: kafka-sim ${simArgs.join(' ')}\n`);
  console.log(
    table(
      ['server bytes/s, first 20 s', `last 20 s`, 'ratio (goal <= 1.25)'],
      [[fixed(first / window_s, 0), fixed(last / window_s, 0), fixed(last / first, 2)]],
    ),
  );

  const idle: string[][] = [];
  for (const nodes of [3, 5, 25]) {
    const r = await runBin('kafka-sim', ['--seed', '1', '--node-count', String(nodes), '--rate', '1', '--time-limit', '30'], store);
    const seconds_run = r.sim?.['virtual-time-s'] ?? 30; // the main phase and the final reads
    idle.push([String(nodes), String(r.stats.count), String(r.net.servers['msg-count']), fixed(seconds_run, 1), fixed(r.net.servers['msg-count'] / seconds_run / nodes, 3)]);
  }
  console.log(`\n# Idle: kafka-sim --rate 1 --time-limit 30 (server messages per node per second; goal <= 1)\n`);
  console.log(table(['nodes', 'ops', 'server msgs', 'virtual s', 'per node per s'], idle));

  const memory: string[][] = [];
  const perNode: number[] = [];
  for (const nodes of [1, 5]) {
    const out = execFileSync(process.execPath, ['--expose-gc', join(repo, 'dist', 'bench', 'replication-memory.js'), String(nodes)], { encoding: 'utf8' });
    const { bytesPerMessagePerNode } = JSON.parse(out) as { bytesPerMessagePerNode: number };
    perNode.push(bytesPerMessagePerNode);
    memory.push([String(nodes), fixed(bytesPerMessagePerNode, 1), fixed(bytesPerMessagePerNode / perNode[0]!, 2)]);
  }
  console.log(`\n# Memory: heap bytes per stored message and node, 300,000 integer messages over 10 keys (goal at 5 nodes <= 2x one node's)\n`);
  console.log(table(['nodes', 'bytes/message/node', 'vs 1 node'], memory));
  console.log(`\n(command: BENCH_TIME_LIMIT=${seconds} npm run bench replication)`);
};
