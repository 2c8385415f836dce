/**
 * The soak on every core and across machines: the shard partition covers a
 * range once, shards and workers report what they ran, and a broken reducer
 * is caught with a replay command that, run, shows the same failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shardSeeds } from '../../src/shell/sim/soak-shard.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const soak = (args: readonly string[]) => spawnSync(process.execPath, [join(repo, 'dist/src/shell/sim/soak.js'), ...args], { cwd: repo, encoding: 'utf8' });

describe('soak shards', () => {
  it('split any range into shards that cover it exactly once', () => {
    for (const [from, seeds, shards] of [[0, 100, 4], [17, 50, 3], [5, 2, 7], [1_000_000, 31, 1]] as const) {
      const all = Array.from({ length: shards }, (_, shard) => [...shardSeeds(from, seeds, shard, shards)]);
      all.forEach((mine, shard) => expect(mine.every((s) => s % shards === shard)).toBe(true));
      expect(all.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: seeds }, (_, i) => from + i));
    }
  });

  it('run one shard on several workers and say so', () => {
    const result = soak(['--seeds', '6', '--from', '40', '--shard', '1/2', '--workers', '2']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^soak: 3 seeds ran \(40\.\.45, shard 1\/2\), 0 failed; \d+ client operations in [\d.]+ s\nsoak: 2 worker\(s\); [\d.]+ seeds\/s; [\d.]+ s of CPU, [\d.]+ seeds per CPU second\nsoak: \d+ client operations per CPU second\n$/);
  });

  it('refuses a shard out of range', () => {
    const result = soak(['--shard', '2/2']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--shard needs I\/N with 0 <= I < N/);
  });

  it('catches a broken reducer and prints the command that replays each failure', () => {
    const variant = 'test/fixtures/reducers/appends-twice.mjs';
    const result = soak(['--seeds', '4', '--node-variant', variant, '--workers', '2']);
    expect(result.status).toBe(1);
    const replays = [...result.stdout.matchAll(/replay: (bin\/kafka-sim .*)/g)].map((m) => m[1]!);
    expect(replays.length).toBeGreaterThan(0);
    expect(replays[0]).toContain(`--node-variant ${variant}`);
    const [command, ...args] = replays[0]!.split(' ');
    // --store first: the replay may end with the node's own options after --.
    const replayed = spawnSync(process.execPath, [join(repo, command!), '--store', mkdtempSync(join(tmpdir(), 'soak-replay-')), ...args], { cwd: repo, encoding: 'utf8' });
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toMatch(/duplicate/);
  });
});
