/**
 * bin/kafka-workload when nodes misbehave, when it is interrupted, and when it
 * is asked badly; and on our own node and a multi-node fixture, with the
 * store it leaves behind.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureNode, ourNode, runnerBin, runWorkload, test_args } from './support/run-workload.js';

const RUN_MS = 30_000;

const problemsOf = (results: Record<string, any> | null): [string, string][] =>
  (results?.run.problems ?? []).map((p: { kind: string; node: string }) => [p.kind, p.node]);

describe('bin/kafka-workload when a node misbehaves', () => {
  it('names a node that crashes, records its operations, still writes results, and exits 2', async () => {
    const run = await runWorkload(test_args(fixtureNode('crashes')));
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['exited', 'n0']]);
    expect(run.stdout).toMatch(/^kafka-workload: RUN FAILED/);
    expect(run.stdout).toContain('problem: n0 exited with code 1 (its stderr is in node-logs/n0.log)');
    expect(run.results!.stats['by-f'].send['ok-count']).toBeGreaterThan(10);
    expect(readFileSync(join(run.dir!, 'node-logs', 'n0.log'), 'utf8')).toContain('fixture node crashing on purpose');
  }, RUN_MS);

  it('fails clearly when a node never answers init', async () => {
    const run = await runWorkload(test_args(fixtureNode('silent-init'), '--init-timeout', '1'));
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['init-timeout', 'n0']]);
    expect(run.stdout).toContain('problem: n0 never answered init (waited 1 s)');
    expect(run.stderr).toContain('n0 never answered init');
  }, RUN_MS);

  it('names a node that hangs', async () => {
    const run = await runWorkload(test_args(fixtureNode('hangs'), '--client-timeout', '1000'));
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['hung', 'n0']]);
    expect(run.stdout).toMatch(/problem: n0 stopped answering: printed nothing for 1\.\d s/);
  }, RUN_MS);

  it('names a node that prints something that is not a message', async () => {
    const run = await runWorkload(test_args(fixtureNode('garbage-output')));
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['non-json', 'n0']]);
    expect(run.stdout).toContain('not JSON: hello, this is not JSON');
  }, RUN_MS);

  it('reads a 20 MB line whole and names what is wrong with it, not "stopped answering"', async () => {
    const run = await runWorkload([...test_args(fixtureNode('long-line')), '--', '20']);
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['unknown-reply', 'n0']]);
    expect(run.stdout).toContain('problem: n0 sent c999 a junk (in_reply_to undefined) that replies to nothing');
  }, RUN_MS);

  it('names a node that prints a line past --max-line-mb, drops it unread, and goes on with the run', async () => {
    const run = await runWorkload([...test_args(fixtureNode('long-line'), '--max-line-mb', '1'), '--', '2']);
    expect(run.status).toBe(2);
    expect(problemsOf(run.results)).toEqual([['line-too-long', 'n0']]);
    expect(run.stdout).toContain(`problem: n0 printed a line longer than ${2 ** 20} characters, the runner's limit (--max-line-mb), dropped unread; it began: {"src":"n0","dest":"c999"`);
    expect(run.results!.stats['by-f'].send['ok-count']).toBeGreaterThan(10);
  }, RUN_MS);

  it('warns of a node that replies to a request it never got, which its client drops, as in Maelstrom', async () => {
    const run = await runWorkload(test_args(fixtureNode('phantom-reply')));
    expect(run.status, run.stdout).toBe(0);
    expect(problemsOf(run.results)).toEqual([]);
    expect(run.stdout).toMatch(/warning: n0 sent a send_ok \(in_reply_to 999999\) to c\d+, which never sent msg_id 999999/);
  }, RUN_MS);

  it('by default warns of a committed offset of -1, naming the key and the reply, and stays valid as in Maelstrom', async () => {
    const run = await runWorkload(test_args(fixtureNode('negative-commit')));
    expect(run.status, run.stdout).toBe(0);
    expect(run.results!.commits).toBeUndefined();
    expect(run.results!.run.warnings.map((w: { kind: string }) => w.kind)).toContain('committed-offset');
    expect(run.stdout).toMatch(/warning: n0 answered list_committed_offsets with offsets \{"\d+":-1[^\n]*key \d+ committed at -1, which is negative/);
  }, RUN_MS);

  it('with --strict resumes from the committed offsets and calls the same node invalid, with the anomaly', async () => {
    const run = await runWorkload(test_args(fixtureNode('negative-commit'), '--strict'));
    expect(run.status, run.stdout).toBe(1);
    expect(run.results!['valid?']).toBe(false);
    expect(run.results!.commits['valid?']).toBe(false);
    const [first] = run.results!.commits['bad-committed-offset'];
    expect(first).toMatchObject({ node: 'n0', committed: -1, why: 'negative' });
    expect(run.stdout).toMatch(/strict: bad-committed-offset \d+, first: n0 answered list_committed_offsets/);
  }, RUN_MS);

  it('with --strict finds nothing wrong with committed offsets that lag', async () => {
    const run = await runWorkload(test_args(fixtureNode('lagging-commits'), '--strict'));
    expect(run.status, run.stdout).toBe(0);
    expect(run.results!.commits).toEqual({ 'valid?': true, count: 0, 'bad-committed-offset': [] });
  }, RUN_MS);

  it('survives a late reply, warns about it, and stays valid', async () => {
    // 4 s rather than 2: on a loaded machine the 10th send can come late, and its reply after the run.
    const args = test_args(fixtureNode('late-reply'), '--client-timeout', '1000');
    args[args.indexOf('--time-limit') + 1] = '4';
    const run = await runWorkload(args);
    expect(run.status, run.stdout).toBe(0);
    expect(run.results!.run.warnings.map((w: { kind: string }) => w.kind)).toEqual(['late-reply']);
    expect(run.results!.stats['by-f'].send['info-count']).toBeGreaterThanOrEqual(1);
    expect(run.stdout).toMatch(/warning: n0 replied to c\d+'s msg \d+ after that request had timed out/);
  }, RUN_MS);
});

describe('bin/kafka-workload on working nodes', () => {
  it('runs our node valid and leaves the store Maelstrom would', async () => {
    const run = await runWorkload(test_args(ourNode));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const dir = run.dir!;
    expect(lstatSync(join(dir, '..', 'latest')).isSymbolicLink()).toBe(true);
    for (const file of ['history.jsonl', 'trace.jsonl', 'results.json', 'latency.svg', 'runner.log', 'node-logs/n0.log']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const history = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(history[0]).toMatchObject({ index: 0, type: 'invoke', process: expect.any(Number) });
    const trace = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(trace[0]).toMatchObject({ node: 'n0', message: { dest: 'n0', body: { type: 'init' } } });
    expect(trace.every((entry, i) => i === 0 || entry.time_ms >= trace[i - 1].time_ms)).toBe(true);
    const results = run.results!;
    // Maelstrom's ok-fraction counts crashes (never ok) among the operations: all the rest were ok.
    const { count, 'info-count': crashes } = results.stats['by-f'].crash;
    expect(results.availability['ok-fraction']).toBeCloseTo((results.stats.count - count) / results.stats.count, 10);
    expect(crashes).toBe(count);
    expect(results.net.all['msgs-per-op']).toBeGreaterThan(1);
    expect(results.latency.send.p50).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'latency.svg'), 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>$/);
    expect(run.stdout).toMatch(/latency ms: .*send p50/);
  }, RUN_MS);

  it('runs three nodes over lin-kv, with latency and partitions, valid', async () => {
    const run = await runWorkload([
      'test', '-w', 'kafka', '--bin', fixtureNode('kv-node'), '--node-count', '3', '--concurrency', '2n',
      '--time-limit', '3', '--rate', '100', '--latency', '5', '--latency-dist', 'exponential',
      '--nemesis', 'partition', '--nemesis-interval', '0.5', '--seed', '3', '--final-time-limit', '2',
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.results!.net.servers['msg-count']).toBeGreaterThan(100);
    const history = readFileSync(join(run.dir!, 'history.jsonl'), 'utf8');
    expect(history).toContain('"process":"nemesis","f":"start-partition"');
    expect(new Set(JSON.parse(`[${history.trim().split('\n').join(',')}]`).map((op: { node?: string }) => op.node))).toEqual(
      new Set(['n0', 'n1', 'n2', undefined]),
    );
  }, RUN_MS);
});

describe('bin/kafka-workload when stopped or asked badly', () => {
  it('leaves no node running after SIGINT, and still writes its results', async () => {
    // A private copy of the node, so that its path finds only this run's processes.
    const dir = mkdtempSync(join(tmpdir(), 'interrupted-node-'));
    mkdirSync(join(dir, 'lib'));
    copyFileSync(fixtureNode('correct'), join(dir, 'node.mjs'));
    copyFileSync(fixtureNode('lib/log-node'), join(dir, 'lib', 'log-node.mjs'));
    const args = ['test', '-w', 'kafka', '--bin', join(dir, 'node.mjs'), '--node-count', '3', '--time-limit', '60', '--rate', '50'];
    let pid = 0;
    const running = runWorkload(args, { onSpawn: (p) => (pid = p) });
    // The runner's own command line names the node too. Polled, not slept on: on a loaded machine three nodes may take more than 2 s to start.
    await expect.poll(() => pgrep(dir).filter((p) => p !== String(pid)).length, { timeout: 30_000, interval: 200 }).toBe(3);
    process.kill(pid, 'SIGINT');
    const run = await running;
    expect(run.status).toBe(2);
    expect(run.results!.run.interrupted).toBe('received SIGINT');
    expect(pgrep(dir)).toEqual([]);
  }, RUN_MS);

  it('explains bad flags, and exits 2', () => {
    const bad = (...args: string[]) => spawnSync(process.execPath, [runnerBin, ...args], { encoding: 'utf8' });
    const node = fixtureNode('correct');
    expect(bad('test', '-w', 'kafka', '--bin', node, '--rate', '-1').stderr).toContain('--rate must be a non-negative number, got "-1"');
    expect(bad('test', '-w', 'kafka', '--bin', node, '--latency-dist', 'pareto').stderr).toContain('--latency-dist must be one of constant, uniform, exponential');
    expect(bad('test', '-w', 'kafka').stderr).toContain('expected --bin FILE');
    expect(bad('test', '-w', 'lin-kv', '--bin', node).stderr).toContain('only runs the kafka workload');
    expect(bad('test', '--bin', node, '--frobnicate', '1').stderr).toContain('unknown option --frobnicate');
    const missing = bad('test', '-w', 'kafka', '--bin', '/nonexistent/node');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--bin /nonexistent/node: no such file');
    const help = bad('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kafka-workload test -w kafka --bin FILE/);
  });
});

/** Pids of live processes whose command line mentions `text`. */
const pgrep = (text: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
};
