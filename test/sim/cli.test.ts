/**
 * bin/kafka-sim as a user runs it (compiled: `npx tsc -b` first, as npm test
 * does): flags, the store it writes, byte-identical replays, a broken variant
 * found, the exhaustive mode, and the soak.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, replayCommand } from '../../src/shell/sim/cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'kafka-sim');

const sim = (args: readonly string[]) => {
  const store = mkdtempSync(join(tmpdir(), 'kafka-sim-'));
  const result = spawnSync(process.execPath, [bin, ...args, '--store', store], { cwd: repo, encoding: 'utf8' });
  return { ...result, latest: join(store, 'latest') };
};

const SHORT = ['--seed', '7', '--node-count', '3', '--concurrency', '2n', '--rate', '100', '--time-limit', '1'];
const FAULTS = ['--latency', '5', '--latency-dist', 'exponential', '--nemesis', 'partition', '--nemesis-interval', '0.3', '--drop', '0.05', '--duplicate', '0.05', '--tick-jitter', '2'];

describe('kafka-sim flags', () => {
  it('reads the runner-style flags, and the node options after --', () => {
    const parsed = parseArgs(['test', '-w', 'kafka', ...SHORT, ...FAULTS, '--', '--poll-max', '2'], () => 0);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options).toMatchObject({ seed: 7, node_count: 3, concurrency: 6, drop_probability: 0.05, nemesis_partition: true, node_args: ['--poll-max', '2'] });
    expect(parsed.options.node.pollMaxPerKey).toBe(2);
    expect(replayCommand(parsed.options)).toBe(`bin/kafka-sim --seed 7 --node-count 3 --concurrency 6 --rate 100 --time-limit 1 ${FAULTS.join(' ')} -- --poll-max 2`);
  });

  it("takes the runner's --key-count, and replays it", () => {
    const parsed = parseArgs([...SHORT, '--key-count', '300'], () => 0);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options.key_count).toBe(300);
    expect(replayCommand(parsed.options)).toContain('--key-count 300');
    const plain = parseArgs(SHORT, () => 0);
    if (plain.kind === 'run') expect(replayCommand(plain.options)).not.toContain('--key-count');
  });

  it.each([
    [['--key-count', '0'], /--key-count must be a positive integer/],
    [['--drop', '1.5'], /--drop must be a probability in \[0, 1\), got "1.5"/],
    [['--bin', 'x'], /--bin: the simulator runs the node reducer in process/],
    [['--frobnicate', '1'], /unknown option --frobnicate/],
    [['--', '--poll-max', '0'], /after --: --poll-max needs a positive integer/],
    [['--latency-dist', 'normal'], /--latency-dist must be one of constant, uniform, exponential/],
  ])('refuses %j with a message naming the flag', (args, message) => {
    const parsed = parseArgs(args, () => 0);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(message);
  });
});

describe('bin/kafka-sim', () => {
  it('prints its help', () => {
    const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kafka-sim/);
  });

  it('exits 2 on a bad flag, saying why', () => {
    const result = sim(['--rate', 'fast']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--rate must be a non-negative number, got "fast"/);
  });

  it('simulates, prints the verdict and the replay command, and writes the runner\'s store layout', () => {
    const result = sim([...SHORT, ...FAULTS]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^kafka-sim: VALID {2}\(seed 7, 3 nodes\)/);
    expect(result.stdout).toContain(`replay: bin/kafka-sim --seed 7`);
    expect(result.stderr).toContain('seed 7');
    for (const file of ['history.jsonl', 'trace.jsonl', 'results.json', 'latency.svg', 'sim.log', 'node-logs/n0.log']) {
      expect(existsSync(join(result.latest, file)), file).toBe(true);
    }
    const results = JSON.parse(readFileSync(join(result.latest, 'results.json'), 'utf8'));
    expect(results['valid?']).toBe(true);
    expect(results.sim).toMatchObject({ verdict: 'valid', seed: 7, safe: true, live: true });
  });

  it('keeps --key-count keys active at once', () => {
    const result = sim(['--seed', '3', '--node-count', '2', '--rate', '300', '--time-limit', '1', '--key-count', '200']);
    expect(result.status).toBe(0);
    const sentTo: number[] = [];
    for (const line of readFileSync(join(result.latest, 'history.jsonl'), 'utf8').trim().split('\n')) {
      const op = JSON.parse(line) as { f: string; type: string; value: unknown };
      if (op.f === 'send' && op.type === 'ok') for (const [, key] of op.value as [string, string, unknown][]) sentTo.push(Number(key));
    }
    // Keys 0-199 are active from the start, the last ones likeliest (Jepsen's bias): with the default
    // 10, a second's 130-odd sends retire a handful and never get near key 190.
    expect(sentTo.length).toBeGreaterThan(50);
    expect(Math.max(...sentTo)).toBeGreaterThanOrEqual(190);
  });

  it('replays a seed byte for byte', () => {
    const first = sim([...SHORT, ...FAULTS]);
    const second = sim([...SHORT, ...FAULTS]);
    for (const file of ['history.jsonl', 'trace.jsonl']) {
      expect(readFileSync(join(second.latest, file), 'utf8')).toBe(readFileSync(join(first.latest, file), 'utf8'));
    }
  });

  it('picks and prints a seed when none is given', () => {
    const result = sim(['--node-count', '1', '--rate', '50', '--time-limit', '0.5']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\(seed \d+, 1 node\)/);
  });

  it('finds a broken variant of the node: exit 1, the invariant, the history', () => {
    const result = sim([...SHORT, '--node-variant', 'test/fixtures/reducers/poll-skips.mjs']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^kafka-sim: INVALID/);
    expect(result.stdout).toMatch(/invariant at step \d+ .*leaving out/);
    expect(result.stdout).toMatch(/history \(first 40 operations\):/);
  });

  it('explores every delivery order in exhaustive mode', () => {
    const ok = spawnSync(process.execPath, [bin, 'exhaustive', '--ops', '1'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/no violation in every order: \d+ distinct states/);
    const broken = spawnSync(process.execPath, [bin, 'exhaustive', '--ops', '2', '--node-variant', 'test/fixtures/reducers/appends-twice.mjs'], { cwd: repo, encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/VIOLATION .*\n {2}the checker found duplicate/);
  });

  it('soaks a few seeds and reports how many ran', () => {
    const result = spawnSync(process.execPath, [join(repo, 'dist/src/shell/sim/soak.js'), '--seeds', '5', '--from', '100'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/soak: 5 seeds ran \(100\.\.104\), 0 failed/);
  });
});
