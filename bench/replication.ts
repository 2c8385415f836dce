/**
 * Replication efficiency (issues 6 and 15, challenge 5c), side by side in one run:
 * the runner against our node at 1, 2, 3 and 5 nodes, latency 0 and 10 ms,
 * rate 1000, and 3 and 5 nodes at latency 10 under partitions, for
 * BENCH_TIME_LIMIT seconds (20 by default): msgs-per-op (all and between
 * servers), ok-fraction, send/poll latency p50/p99, and the worst realtime lag
 * (how stale a poll was, Jepsen's realtime-lag, in seconds).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixed, table } from './stats.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

interface Results {
  readonly 'valid?': boolean;
  readonly availability: { readonly 'ok-fraction': number };
  readonly net: { readonly all: { readonly 'msgs-per-op': number }; readonly servers: { readonly 'msgs-per-op': number } };
  readonly latency: Readonly<Record<string, { readonly p50: number; readonly p99: number }>>;
  readonly stats: { readonly count: number; readonly 'by-f': Readonly<Record<string, { readonly count: number; readonly 'ok-count': number }>> };
  readonly workload: { readonly 'worst-realtime-lag'?: { readonly lag: number } };
}

const runWorkload = (args: readonly string[], store: string): Promise<Results> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'kafka-workload'), 'test', '-w', 'kafka', '--bin', join(repo, 'bin', 'maelstrom-kafka'), '--store', store, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      if (code === 2) return reject(new Error(`runner failed: ${stderr.slice(-2000)}`));
      resolve(JSON.parse(readFileSync(join(store, 'latest', 'results.json'), 'utf8')) as Results);
    });
  });

const sendOk = (r: Results): number => {
  const send = r.stats['by-f']['send'];
  return send === undefined || send.count === 0 ? NaN : send['ok-count'] / send.count;
};

export const run = async (): Promise<void> => {
  const seconds = process.env['BENCH_TIME_LIMIT'] ?? '20';
  const store = mkdtempSync(join(tmpdir(), 'kafka-bench-replication-'));
  const rows: string[][] = [];
  const cases: (readonly [nodes: string, latency: string, nemesis: boolean])[] = [];
  for (const latency of ['0', '10']) for (const nodes of ['1', '2', '3', '5']) cases.push([nodes, latency, false]);
  for (const nodes of ['3', '5']) cases.push([nodes, '10', true]);
  for (const [nodes, latency, nemesis] of cases) {
    {
      const args = ['--node-count', nodes, '--concurrency', '2n', '--rate', '1000', '--time-limit', seconds, '--latency', latency, '--seed', '1'];
      if (nemesis) args.push('--nemesis', 'partition');
      const r = await runWorkload(args, store);
      const ms = (f: string, p: 'p50' | 'p99'): string => fixed(r.latency[f]?.[p] ?? NaN, 1);
      rows.push([
        nodes,
        latency,
        nemesis ? 'partition' : '-',
        r['valid?'] ? 'yes' : 'NO',
        String(r.stats.count),
        fixed(r.net.all['msgs-per-op'], 3),
        fixed(r.net.servers['msgs-per-op'], 3),
        fixed(r.availability['ok-fraction'], 4),
        fixed(sendOk(r), 4),
        `${ms('send', 'p50')} / ${ms('send', 'p99')}`,
        `${ms('poll', 'p50')} / ${ms('poll', 'p99')}`,
        fixed(r.workload['worst-realtime-lag']?.lag ?? NaN, 2),
      ]);
    }
  }
  console.log(`# Replication (issue 15): runner at rate 1000, ${seconds} s, concurrency 2n, seed 1\n`);
  console.log(table(['nodes', 'latency', 'nemesis', 'valid', 'ops', 'msgs/op', 'servers/op', 'ok-frac', 'send ok', 'send p50/p99 ms', 'poll p50/p99 ms', 'worst lag s'], rows));
  console.log(`\n(command: BENCH_TIME_LIMIT=${seconds} npm run bench replication)`);
};
