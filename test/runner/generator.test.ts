/**
 * The operation generator: the key pool's rotation and bias, the rate, the
 * 1-in-64 assigns, crashes, and what it learns from completed operations.
 */
import { describe, expect, it } from 'vitest';
import { get } from '../../src/core/persistent/hamt.js';
import { workloadConfig } from '../../src/maelstrom/workload/config.js';
import { initialGenerator, observeCompletion, operationDue, takeInvocation, type GeneratorState } from '../../src/maelstrom/workload/generator.js';
import type { Invocation } from '../../src/maelstrom/workload/invocation.js';
import { drawMicroOp, initialKeyPool } from '../../src/maelstrom/workload/keys.js';
import { seedRandom } from '../../src/maelstrom/workload/random.js';

describe('the key pool', () => {
  it('sends each key the values 1..max_writes_per_key once each, then retires it', () => {
    let pool = initialKeyPool(10);
    let rng = seedRandom(1);
    const sent = new Map<number, number[]>();
    for (let i = 0; i < 5000; i++) {
      const [drawn, next, r] = drawMicroOp(pool, rng, 4);
      pool = next;
      rng = r;
      if (drawn.f === 'send') sent.set(drawn.key, [...(sent.get(drawn.key) ?? []), drawn.msg]);
    }
    expect(pool.highest).toBeGreaterThan(100);
    for (const values of sent.values()) expect(values).toEqual([1, 2, 3, 4].slice(0, values.length));
    expect(pool.active.length).toBe(10);
  });

  it('favours the later keys of the pool exponentially', () => {
    let rng = seedRandom(2);
    const pool = initialKeyPool(10);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const [drawn, , r] = drawMicroOp(pool, rng, 1_000_000);
      rng = r;
      counts[drawn.key]! += 1;
    }
    expect(counts[9]! / counts[8]!).toBeGreaterThan(1.7);
    expect(counts[9]! / counts[8]!).toBeLessThan(2.3);
    expect(counts[9]! / 20_000).toBeGreaterThan(0.45);
  });
});

const config = workloadConfig({ node_ids: ['n0'], concurrency: 2, seed: 1, rate_hz: 100 });

/** Takes every due operation over `ms`, as if a client were always free. */
const run = (ms: number, cfg = config): Invocation[] => {
  let g: GeneratorState = initialGenerator(cfg, seedRandom(cfg.seed), 0);
  const out: Invocation[] = [];
  for (let t = 0; t < ms; t++) {
    while (operationDue(g, cfg, t)) {
      const [next, invocation] = takeInvocation(g, cfg, t, 0);
      g = next;
      out.push(invocation);
    }
  }
  return out;
};

describe('the generator', () => {
  it('emits rate_hz operations a second on average, half sends and half polls', () => {
    const ops = run(60_000);
    expect(ops.length).toBeGreaterThan(5700);
    expect(ops.length).toBeLessThan(6300);
    const sends = ops.filter((op) => op.f === 'send').length;
    expect(sends / ops.length).toBeGreaterThan(0.45);
    expect(sends / ops.length).toBeLessThan(0.55);
  });

  it('replaces about 1 in 64 operations by an assign of its key, and emits the displaced operation next', () => {
    const ops = run(60_000);
    const assigns = ops.flatMap((op, i) => (op.f === 'assign' ? [i] : []));
    expect(assigns.length / ops.length).toBeGreaterThan(0.01);
    expect(assigns.length / ops.length).toBeLessThan(0.022);
    for (const i of assigns) {
      const assign = ops[i] as Extract<Invocation, { f: 'assign' }>;
      expect(assign.seek_to_beginning).toBe(false);
      const next = ops[i + 1]!;
      if (next.f === 'send') expect(assign.keys).toContain(next.key);
    }
  });

  it('crashes each client about every client_crash_interval_ms', () => {
    const ops = run(60_000, { ...config, client_crash_interval_ms: 10_000 });
    // 60 s / (10 s / 2 clients) = 12 crashes expected.
    const crashes = ops.filter((op) => op.f === 'crash').length;
    expect(crashes).toBeGreaterThan(5);
    expect(crashes).toBeLessThan(22);
  });

  it('emits nothing at rate 0', () => {
    expect(run(10_000, { ...config, rate_hz: 0 })).toEqual([]);
  });

  it('keeps the highest offset per key and which sent offsets polls have not reached', () => {
    let g = initialGenerator(config, seedRandom(1), 0);
    g = observeCompletion(g, 'ok', 'send', [['send', '3', [4, 5]]]);
    g = observeCompletion(g, 'info', 'send', [['send', '3', 9]]);
    g = observeCompletion(g, 'ok', 'poll', [['poll', { '3': [[0, 1], [1, 2]], '7': [[8, 1]] }]]);
    expect(get(g.max_offsets, '3')).toBe(4);
    expect(get(g.max_offsets, '7')).toBe(8);
    expect(g.unseen_sent).toEqual({ '3': 4 });
    g = observeCompletion(g, 'ok', 'poll', [['poll', { '3': [[4, 5]] }]]);
    expect(g.unseen_sent).toEqual({});
  });
});
