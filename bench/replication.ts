/**
 * Replication efficiency (issue 6, challenge 5c), side by side in one run:
 * the runner against our node at 1, 2, 3 and 5 nodes, latency 0 and 10 ms,
 * rate 1000, for BENCH_TIME_LIMIT seconds (20 by default): msgs-per-op (all
 * and between servers), ok-fraction, and send/poll latency p50/p99.
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
  readonly stats: { readonly count: number };
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

export const run = async (): Promise<void> => {
  const seconds = process.env['BENCH_TIME_LIMIT'] ?? '20';
  const store = mkdtempSync(join(tmpdir(), 'kafka-bench-replication-'));
  const rows: string[][] = [];
  for (const latency of ['0', '10']) {
    for (const nodes of ['1', '2', '3', '5']) {
      const args = ['--node-count', nodes, '--concurrency', '2n', '--rate', '1000', '--time-limit', seconds, '--latency', latency, '--seed', '1'];
      const r = await runWorkload(args, store);
      const ms = (f: string, p: 'p50' | 'p99'): string => fixed(r.latency[f]?.[p] ?? NaN, 1);
      rows.push([
        nodes,
        latency,
        r['valid?'] ? 'yes' : 'NO',
        String(r.stats.count),
        fixed(r.net.all['msgs-per-op'], 3),
        fixed(r.net.servers['msgs-per-op'], 3),
        fixed(r.availability['ok-fraction'], 4),
        `${ms('send', 'p50')} / ${ms('send', 'p99')}`,
        `${ms('poll', 'p50')} / ${ms('poll', 'p99')}`,
      ]);
    }
  }
  console.log(`# Replication (issue 6): runner at rate 1000, ${seconds} s, concurrency 2n, seed 1\n`);
  console.log(table(['nodes', 'latency', 'valid', 'ops', 'msgs/op', 'servers/op', 'ok-frac', 'send p50/p99 ms', 'poll p50/p99 ms'], rows));
  console.log(`\n(command: BENCH_TIME_LIMIT=${seconds} npm run bench replication)`);
};
