/**
 * Runs bin/kafka-workload as a user would, from a scratch directory with its
 * own store, and reads back what it wrote. Uses the compiled shell, so
 * `npx tsc -b` must have run first (npm test does).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const runnerBin = fileURLToPath(new URL('../../../bin/kafka-workload', import.meta.url));
export const fixtureNode = (name: string): string => fileURLToPath(new URL(`../../fixtures/nodes/${name}.mjs`, import.meta.url));
export const ourNode = fileURLToPath(new URL('../../../bin/maelstrom-kafka', import.meta.url));

export interface WorkloadRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The run's directory (STORE/latest resolved), if one was made. */
  readonly dir: string | null;
  readonly results: Record<string, any> | null;
}

/** Short runs by default: 1 node, 2 clients, 2 s at 100 ops/s, a fixed seed, no recovery wait, final reads bounded by 1 s. */
export const SHORT = ['--node-count', '1', '--concurrency', '2n', '--time-limit', '2', '--rate', '100', '--seed', '7', '--final-time-limit', '1', '--recovery-time', '0'];

export const runWorkload = (args: readonly string[], options: { readonly onSpawn?: (pid: number) => void } = {}): Promise<WorkloadRun> => {
  const scratch = mkdtempSync(join(tmpdir(), 'kafka-workload-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runnerBin, ...args], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const latest = join(scratch, 'store', 'latest');
      const dir = existsSync(latest) ? latest : null;
      const resultsPath = dir === null ? null : join(dir, 'results.json');
      const results = resultsPath !== null && existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, any>) : null;
      resolve({ status, stdout, stderr, dir, results });
    });
  });
};

export const test_args = (bin: string, ...extra: string[]): string[] => ['test', '-w', 'kafka', '--bin', bin, ...SHORT, ...extra];
