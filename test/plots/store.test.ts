/**
 * Every run's store folder holds the plots, and the summary points at them:
 * the simulator's and the runner's (against our node, whose trace records
 * its ticks, so messages.svg draws every message it sent).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLOTS = ['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg', 'messages.svg'];
const work = mkdtempSync(join(tmpdir(), 'plots-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (args: readonly string[], store: string): { dir: string; stdout: string } => {
  const ran = spawnSync(process.execPath, [...args, '--store', store], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(ran.status, ran.stderr).toBe(0);
  return { dir: join(store, readlinkSync(join(store, 'latest'))), stdout: ran.stdout };
};

const expectPlots = (dir: string, stdout: string): void => {
  expect(stdout).toContain(`  plots: ${PLOTS.join(', ')} in ${dir}/`);
  for (const name of PLOTS) {
    const svg = readFileSync(join(dir, name), 'utf8');
    expect(svg, name).toMatch(/^<svg [\s\S]*<\/svg>$/);
    expect(statSync(join(dir, name)).size, name).toBeLessThan(300_000);
  }
  const messages = readFileSync(join(dir, 'messages.svg'), 'utf8');
  // Replies to clients are drawn: they come from replaying our node, not from the trace.
  expect(messages).toMatch(/<title>n\d+ → c\d+ \{&quot;type&quot;:&quot;send_ok&quot;/);
};

describe('the store holds the plots', () => {
  it("the simulator's, under partitions", () => {
    const { dir, stdout } = run(['bin/kafka-sim', '--seed', '4', '--node-count', '3', '--rate', '200', '--time-limit', '3', '--latency', '5', '--nemesis', 'partition', '--nemesis-interval', '1'], join(work, 'sim'));
    expectPlots(dir, stdout);
    expect(readFileSync(join(dir, 'latency.svg'), 'utf8')).toContain('fill="#e9dca0"');
  });

  it("the runner's, against our node", () => {
    const { dir, stdout } = run(['bin/kafka-workload', 'test', '-w', 'kafka', '--bin', 'bin/maelstrom-kafka', '--node-count', '2', '--concurrency', '2n', '--rate', '50', '--time-limit', '2', '--seed', '3'], join(work, 'runner'));
    expectPlots(dir, stdout);
  });
});
