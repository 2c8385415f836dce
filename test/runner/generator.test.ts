/**
 * The operation generator: the key pool's rotation and bias, the rate, the
 * assigns (Jepsen's subscribe-ratio), crashes, and what it learns from
 * completed operations. The op-mix bands are derived from Jepsen's constants,
 * not from our own output.
 */
import { describe, expect, it } from 'vitest';
import { get } from '../../src/core/persistent/hamt.js';
import { WORKLOAD_DEFAULTS, workloadConfig } from '../../src/maelstrom/workload/config.js';
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
  it('emits rate_hz operations a second on average', () => {
    const ops = run(60_000);
    expect(ops.length).toBeGreaterThan(5700);
    expect(ops.length).toBeLessThan(6300);
  });

  describe('the operation mix, as Jepsen generates it for Maelstrom 0.2.3', () => {
    // Jepsen's constants: subscribe-ratio 1/8, elle's rand-nth [:r :w], max-writes-per-key 16.
    const SUBSCRIBE_RATIO = 1 / 8;
    const m = WORKLOAD_DEFAULTS.max_writes_per_key;
    // A write drawn on a spent key retires it and the draw starts over, so each key's m sends
    // cost one extra, discarded write draw: polls P = S + S/m, sends are m / (2m + 1) of the two.
    const SEND_SHARE = m / (2 * m + 1);
    const long = workloadConfig({ node_ids: ['n0'], concurrency: 2, seed: 3, rate_hz: 100 });
    const ops = run(1_200_000, long);
    const count = (f: string): number => ops.filter((op) => op.f === f).length;
    // Four standard deviations of a binomial share over n draws.
    const band = (p: number, n: number): readonly [number, number] => {
      const sd = Math.sqrt((p * (1 - p)) / n);
      return [p - 4 * sd, p + 4 * sd];
    };

    it('about 120,000 operations from a 20 minute run at 100/s', () => {
      expect(ops.length).toBeGreaterThan(110_000);
    });

    it('1 operation in 8 is an assign (not 1 in 9: the held-back operation faces the same odds again)', () => {
      const [low, high] = band(SUBSCRIBE_RATIO, ops.length);
      expect(count('assign') / ops.length).toBeGreaterThan(low);
      expect(count('assign') / ops.length).toBeLessThan(high);
    });

    it('sends are m / (2m + 1) of sends and polls', () => {
      const moves = count('send') + count('poll');
      const [low, high] = band(SEND_SHARE, moves);
      expect(count('send') / moves).toBeGreaterThan(low);
      expect(count('send') / moves).toBeLessThan(high);
    });

    it('a crash at once, then one every uniform [0, 2 * 30 s / concurrency)', () => {
      // 1,200 s at a mean of 15 s: 1 + 80 crashes, with a standard deviation of about 5.
      expect(ops[0]?.f).toBe('crash');
      expect(count('crash')).toBeGreaterThan(81 - 25);
      expect(count('crash')).toBeLessThan(81 + 25);
    });

    it('an assign takes the key of the operation held back, which comes once no assign displaces it', () => {
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        if (op.f !== 'assign') continue;
        expect(op.seek_to_beginning).toBe(false);
        let j = i + 1;
        while (ops[j]?.f === 'assign' || ops[j]?.f === 'crash') j++;
        const next = ops[j];
        if (next?.f === 'send') expect(op.keys[0]).toBe(next.key);
      }
    });
  });

  it('a third of assigns also take every key with sent-but-unpolled offsets (poll-unseen)', () => {
    let g: GeneratorState = initialGenerator(config, seedRandom(5), 0);
    g = observeCompletion(g, 'ok', 'send', [['send', '900', [4, 1]]]);
    let assigns = 0;
    let withUnseen = 0;
    for (let t = 0; assigns < 3000; t++) {
      while (operationDue(g, config, t)) {
        const [next, invocation] = takeInvocation(g, config, t, 0);
        g = next;
        if (invocation.f !== 'assign') continue;
        assigns++;
        if (invocation.keys.includes('900')) withUnseen++;
      }
    }
    expect(withUnseen / assigns).toBeGreaterThan(1 / 3 - 0.04);
    expect(withUnseen / assigns).toBeLessThan(1 / 3 + 0.04);
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
