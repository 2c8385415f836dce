/**
 * The whole workload on virtual time against in-process nodes: the history it
 * writes passes the checker for a correct cluster, fails it for a lossy one,
 * replays exactly from its seed, and names the node that misbehaves.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import { workloadConfig, type WorkloadConfig } from '../../src/maelstrom/workload/config.js';
import { runProblems, runWarnings, type HarnessConfig } from '../../src/maelstrom/workload/harness.js';
import { completedOps, invocationCount, netSummaryOf } from '../../src/maelstrom/workload/summary.js';
import { sharedLogCluster, simulate, type FakeNode } from './support/virtual-cluster.js';

const ids = ['n0', 'n1', 'n2'];
const config = (fields: Partial<WorkloadConfig> = {}, mean_ms = 0): HarnessConfig => ({
  workload: workloadConfig({ node_ids: ids, concurrency: 6, seed: 17, rate_hz: 200, time_limit_ms: 5000, ...fields }),
  network: { latency: { mean_ms, dist: 'uniform' }, drop_probability: 0, duplicate_probability: 0 },
});
const historyOf = (run: ReturnType<typeof simulate>): Op[] => run.state.workload.history.backing.slice(0, run.state.workload.history.length);

describe('the workload against a correct cluster', () => {
  const partitioned = config({ nemesis: { interval_ms: 500 } }, 10);
  const run = simulate(partitioned, sharedLogCluster(ids));
  const history = historyOf(run);

  it('finishes, with a history the checker finds valid', () => {
    expect(run.state.workload.phase).toBe('done');
    expect(runProblems(run.state)).toEqual([]);
    const result = check(history);
    expect(result['error-types']).toEqual([]);
    expect(result['valid?']).toBe(true);
  });

  it('runs about rate * time operations, every f, and partitions that are healed before the end', () => {
    const invokes = history.filter((op) => op.type === 'invoke');
    expect(invokes.length).toBeGreaterThan(800);
    expect(invokes.length).toBeLessThan(1200);
    expect(new Set(invokes.map((op) => op.f))).toEqual(new Set(['send', 'poll', 'assign', 'crash']));
    const nemesis = history.filter((op) => op.process === 'nemesis');
    expect(nemesis.some((op) => op.f === 'start-partition')).toBe(true);
    expect(nemesis[nemesis.length - 1]!.f).toBe('stop-partition');
  });

  it('writes a dense, time-ordered history in which each process has one operation open at a time', () => {
    const open = new Map<unknown, Op>();
    history.forEach((op, i) => {
      expect(op.index).toBe(i);
      if (i > 0) expect(op.time).toBeGreaterThanOrEqual(history[i - 1]!.time);
      if (op.process === 'nemesis') return;
      if (op.type === 'invoke') {
        expect(open.has(op.process)).toBe(false);
        open.set(op.process, op);
      } else {
        expect(open.get(op.process)?.f).toBe(op.f);
        open.delete(op.process);
      }
    });
    expect(open.size).toBe(0);
  });

  it('ends with every thread reading every key from offset 0', () => {
    const seeks = history.filter((op) => op.type === 'ok' && op['seek-to-beginning?'] === true);
    expect(seeks.length).toBe(6);
    expect(seeks[0]!.value).toEqual(run.state.workload.final_keys);
    expect(run.state.workload.final_keys.length).toBeGreaterThan(10);
  });

  it('binds thread t to node t mod n, and a crashed process comes back as process + concurrency', () => {
    for (const op of history) {
      if (typeof op.process === 'number') expect(op.node).toBe(ids[(op.process % 6) % 3]);
    }
    const processes = new Set(history.map((op) => op.process));
    expect(processes.has(6) || processes.has(7)).toBe(true);
  });

  it('counts messages as Maelstrom does: msgs-per-op over client invocations', () => {
    const net = netSummaryOf(run.state.network.stats, invocationCount(history));
    expect(net.servers['msg-count']).toBe(0);
    expect(net.all['msg-count']).toBe(net.clients['msg-count']);
    expect(net.all['msgs-per-op']).toBeGreaterThan(1.5);
    expect(net.all['msgs-per-op']).toBeLessThan(3.5);
    expect(completedOps(history).length).toBe(invocationCount(history));
  });

  it('replays byte for byte from the same seed, and differs with another', () => {
    const again = historyOf(simulate(partitioned, sharedLogCluster(ids)));
    expect(JSON.stringify(again)).toBe(JSON.stringify(history));
    const other = historyOf(simulate(config({ nemesis: { interval_ms: 500 }, seed: 18 }, 10), sharedLogCluster(ids)));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(history));
  });
});

describe("the workload's operation mix at challenge 5a's settings, against Jepsen's constants", () => {
  // One node, concurrency 2n, rate 1000, 10 s, on virtual time: what npm start runs, shorter.
  const run = simulate(config({ node_ids: ['n0'], concurrency: 2, rate_hz: 1000, time_limit_ms: 10_000, seed: 5 }), sharedLogCluster(['n0']));
  const completed = completedOps(historyOf(run));
  const share = (f: string): number => completed.filter((op) => op.f === f).length / completed.length;

  it('has 1 completed operation in 8 an assign (Jepsen subscribe-ratio 1/8), within four standard deviations', () => {
    const sd = Math.sqrt(((1 / 8) * (7 / 8)) / completed.length);
    expect(completed.length).toBeGreaterThan(8000);
    expect(share('assign')).toBeGreaterThan(1 / 8 - 4 * sd);
    expect(share('assign')).toBeLessThan(1 / 8 + 4 * sd);
  });

  it('crashes a client at once, then about every 30 s / concurrency, plus one per thread at the final phase', () => {
    const crashes = completed.filter((op) => op.f === 'crash').length;
    // 1 at once + 10 s / 15 s on average in the main phase, 2 final: 3 or 4, rarely 5.
    expect(crashes).toBeGreaterThanOrEqual(3);
    expect(crashes).toBeLessThanOrEqual(6);
    expect(historyOf(run).find((op) => op.process !== 'nemesis')?.f).toBe('crash');
  });
});

describe('the workload against misbehaving nodes', () => {
  it('finds the writes a lossy cluster acknowledged and lost', () => {
    const run = simulate(config({ time_limit_ms: 3000 }), sharedLogCluster(ids, { loseEvery: 6 }));
    const result = check(historyOf(run));
    expect(result['valid?']).toBe(false);
    expect(result['error-types']).toContain('lost-write');
  });

  it('fails the run, naming the node, when a node never answers init', () => {
    const run = simulate(config(), sharedLogCluster(ids, { silent: new Set(['n1']) }));
    expect(runProblems(run.state).map((p) => [p.kind, p.node])).toEqual([['init-timeout', 'n1']]);
    expect(run.state.workload.history.length).toBe(0);
    expect(run.end_ms).toBe(10_000);
  });

  it('ends the operations of a node that dies as info, and carries on with the others', () => {
    const run = simulate(config(), sharedLogCluster(ids), {
      events: [{ kind: 'node-down', now_ms: 2000, node: 'n2', reason: 'n2 exited with code 1' }],
    });
    expect(runProblems(run.state).map((p) => [p.kind, p.node, p.text])).toEqual([['exited', 'n2', 'n2 exited with code 1']]);
    const history = historyOf(run);
    const late = history.filter((op) => op.node === 'n2' && op.time > 2e9 && op.type === 'invoke');
    expect(late).toEqual([]);
    expect(history.filter((op) => op.node === 'n0' && op.time > 3e9).length).toBeGreaterThan(0);
    expect(run.state.workload.phase).toBe('done');
    expect(check(history)['valid?']).toBe(true);
  });

  it('names a node that stops answering as hung once a request has waited a whole timeout', () => {
    const run = simulate(config({ node_ids: ['n0'], concurrency: 2 }), sharedLogCluster(['n0'], { mute_after_ms: 1000 }));
    const [problem] = runProblems(run.state);
    expect(problem?.kind).toBe('hung');
    expect(problem?.text).toMatch(/^n0 stopped answering: printed nothing for 5\.\d s/);
    expect(run.end_ms).toBeLessThan(7000);
  });

  it('warns of a node whose replies break the schema, and ends those operations info, as Maelstrom does', () => {
    const base = sharedLogCluster(['n0']);
    const node: FakeNode = (message, now_ms) =>
      base.n0!(message, now_ms).map(({ message: reply }) =>
        reply.body.type === 'send_ok' ? { message: { ...reply, body: { ...reply.body, offset: 'seven' } } } : { message: reply },
      );
    const run = simulate(config({ node_ids: ['n0'], concurrency: 2, time_limit_ms: 1000 }), { n0: node });
    expect(runProblems(run.state)).toEqual([]);
    const warning = runWarnings(run.state).find((w) => w.kind === 'malformed-reply');
    expect(warning?.text).toBe('n0 answered send with a malformed reply: send_ok offset must be an integer, got "seven"');
    const sends = historyOf(run).filter((op) => op.f === 'send' && op.type !== 'invoke');
    expect(sends.every((op) => op.type === 'info')).toBe(true);
  });

  it('does not take a node that is slow but busy (here, with lin-kv) for hung', () => {
    const base = sharedLogCluster(['n0']);
    const node: FakeNode = (message, now_ms) => {
      if (message.src === 'lin-kv') return [{ message: { src: 'n0', dest: 'lin-kv', body: { type: 'read', key: 'k', msg_id: 1 } } }];
      const replies = base.n0!(message, now_ms);
      if (message.body.type === 'init') return [...replies, { message: { src: 'n0', dest: 'lin-kv', body: { type: 'read', key: 'k', msg_id: 1 } } }];
      return replies.map((reply) => ({ ...reply, delay_ms: 6000 }));
    };
    const run = simulate(config({ node_ids: ['n0'], concurrency: 2, time_limit_ms: 3000, rate_hz: 10, final_time_limit_ms: 1000 }, 50), { n0: node });
    expect(runProblems(run.state)).toEqual([]);
    expect(run.state.workload.phase).toBe('done');
    expect(run.state.services.served['lin-kv']).toBeGreaterThan(50);
    expect(historyOf(run).filter((op) => op.type === 'info' && op.error === 'timeout').length).toBeGreaterThan(0);
  });

  it('warns about a late reply, and about a stray reply to a live client, which drops it as Maelstrom does', () => {
    const base = sharedLogCluster(['n0']);
    let sends = 0;
    const node: FakeNode = (message, now_ms) => {
      const replies = base.n0!(message, now_ms);
      if (message.body.type !== 'send' || ++sends !== 10) return replies;
      const phantom = { ...replies[0]!.message, body: { ...replies[0]!.message.body, in_reply_to: 777 } };
      return [{ message: replies[0]!.message, delay_ms: 5500 }, { message: phantom }];
    };
    const run = simulate(config({ node_ids: ['n0'], concurrency: 2, time_limit_ms: 7000 }), { n0: node });
    expect(runWarnings(run.state).map((w) => w.kind)).toEqual(['stray-reply', 'late-reply']);
    expect(runProblems(run.state)).toEqual([]);
    expect(runWarnings(run.state)[0]!.text).toMatch(/^n0 sent a send_ok \(in_reply_to 777\) to c\d+, which never sent msg_id 777$/);
  });
});
