/**
 * The simulated network: latency for servers only, arrival order, partitions
 * checked on arrival, loss and duplication, and Maelstrom's message counts.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, Message } from '../../src/core/machine.js';
import { completeGrudge, grudgeFor, PARTITION_SPECS, drops } from '../../src/maelstrom/network/grudge.js';
import { initialNetwork, networkStep, type NetworkConfig, type NetworkState } from '../../src/maelstrom/network/network.js';
import { healNemesis, nemesisTick, startNemesis } from '../../src/maelstrom/network/nemesis.js';
import { seedRandom } from '../../src/maelstrom/workload/random.js';

const msg = (src: string, dest: string, type = 'x'): Message => ({ src, dest, body: { type } });
const config = (mean_ms: number, dist: 'constant' | 'uniform' | 'exponential' = 'constant'): NetworkConfig => ({
  latency: { mean_ms, dist },
  drop_probability: 0,
  duplicate_probability: 0,
});
const delivered = (effects: readonly Effect[]): string[] =>
  effects.flatMap((e) => (e.kind === 'send' ? [`${e.message.src}>${e.message.dest}:${e.message.body.type}`] : []));

describe('the network', () => {
  it('delivers client messages at once, and delays server messages by the latency', () => {
    let net = initialNetwork(config(10), seedRandom(1));
    let effects: readonly Effect[];
    [net, effects] = networkStep(net, { kind: 'send', now_ms: 0, message: msg('c3', 'n0') });
    expect(delivered(effects)).toEqual(['c3>n0:x']);
    [net, effects] = networkStep(net, { kind: 'send', now_ms: 0, message: msg('n0', 'n1') });
    expect(delivered(effects)).toEqual([]);
    expect(effects).toContainEqual({ kind: 'timer', at_ms: 10 });
    [net, effects] = networkStep(net, { kind: 'tick', now_ms: 9.9 });
    expect(delivered(effects)).toEqual([]);
    [net, effects] = networkStep(net, { kind: 'tick', now_ms: 10 });
    expect(delivered(effects)).toEqual(['n0>n1:x']);
    expect(net.stats.clients).toEqual({ send_count: 1, recv_count: 1, msg_count: 1 });
    expect(net.stats.servers).toEqual({ send_count: 1, recv_count: 1, msg_count: 1 });
  });

  it('keeps sending order among messages that arrive at the same time', () => {
    let net = initialNetwork(config(5), seedRandom(1));
    for (const type of ['a', 'b', 'c']) [net] = networkStep(net, { kind: 'send', now_ms: 0, message: msg('n0', 'lin-kv', type) });
    const [, effects] = networkStep(net, { kind: 'tick', now_ms: 5 });
    expect(delivered(effects)).toEqual(['n0>lin-kv:a', 'n0>lin-kv:b', 'n0>lin-kv:c']);
  });

  it('draws uniform latencies in [0, 2 * mean) and delivers in arrival order', () => {
    let net: NetworkState = initialNetwork(config(20, 'uniform'), seedRandom(3));
    const arrivals: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [next, effects] = networkStep(net, { kind: 'send', now_ms: 0, message: msg('n0', 'n1', String(i)) });
      net = next;
      for (const _ of delivered(effects)) arrivals.push(0);
    }
    for (let t = 0; t <= 40; t++) {
      const [next, effects] = networkStep(net, { kind: 'tick', now_ms: t });
      net = next;
      for (const _ of delivered(effects)) arrivals.push(t);
    }
    expect(arrivals.length).toBe(200);
    expect(Math.max(...arrivals)).toBeLessThan(40);
    expect(new Set(arrivals).size).toBeGreaterThan(20);
  });

  it('drops what a partition separates, judged on arrival, and delivers again once healed', () => {
    let net = initialNetwork(config(10), seedRandom(1));
    [net] = networkStep(net, { kind: 'send', now_ms: 0, message: msg('n0', 'n1', 'before') });
    [net] = networkStep(net, { kind: 'partition', now_ms: 1, grudge: completeGrudge([['n0'], ['n1']]) });
    let effects: readonly Effect[];
    [net, effects] = networkStep(net, { kind: 'tick', now_ms: 10 });
    expect(delivered(effects)).toEqual([]);
    [net, effects] = networkStep(net, { kind: 'send', now_ms: 11, message: msg('c1', 'n1', 'client') });
    expect(delivered(effects)).toEqual(['c1>n1:client']);
    [net] = networkStep(net, { kind: 'partition', now_ms: 12, grudge: null });
    [net] = networkStep(net, { kind: 'send', now_ms: 12, message: msg('n0', 'n1', 'after') });
    [net, effects] = networkStep(net, { kind: 'tick', now_ms: 22 });
    expect(delivered(effects)).toEqual(['n0>n1:after']);
    expect(net.dropped).toBe(1);
    expect(net.stats.all.msg_count).toBe(3);
    expect(net.stats.all.recv_count).toBe(2);
  });

  it('loses and duplicates messages with the asked probabilities (the simulator asks)', () => {
    let net = initialNetwork({ ...config(0), drop_probability: 0.2, duplicate_probability: 0.3 }, seedRandom(8));
    let arrived = 0;
    for (let i = 0; i < 2000; i++) {
      const [next, effects] = networkStep(net, { kind: 'send', now_ms: i, message: msg('n0', 'n1') });
      net = next;
      arrived += delivered(effects).length;
    }
    // Expected arrivals per message: 0.8 * 1.3 = 1.04.
    expect(arrived / 2000).toBeGreaterThan(0.98);
    expect(arrived / 2000).toBeLessThan(1.1);
    expect(net.stats.all.msg_count).toBe(2000);
  });
});

describe('partitions', () => {
  const nodes = ['n0', 'n1', 'n2', 'n3', 'n4'];
  const seenBy = (grudge: Readonly<Record<string, readonly string[]>>, node: string): number =>
    nodes.filter((other) => !drops(grudge, other, node)).length;

  it('cuts the shapes Jepsen cuts', () => {
    const [one] = grudgeFor('one', nodes, seedRandom(1));
    expect(nodes.map((n) => seenBy(one, n)).sort()).toEqual([1, 4, 4, 4, 4]);
    const [majority] = grudgeFor('majority', nodes, seedRandom(1));
    expect(nodes.map((n) => seenBy(majority, n)).sort()).toEqual([2, 2, 3, 3, 3]);
    const [third] = grudgeFor('minority-third', nodes, seedRandom(1));
    expect(nodes.map((n) => seenBy(third, n)).sort()).toEqual([1, 4, 4, 4, 4]);
    const [ring] = grudgeFor('majorities-ring', nodes, seedRandom(1));
    expect(nodes.map((n) => seenBy(ring, n))).toEqual([3, 3, 3, 3, 3]);
  });

  it('leaves a single node whole', () => {
    for (const spec of PARTITION_SPECS) expect(grudgeFor(spec, ['n0'], seedRandom(1))[0]).toEqual({});
  });

  it('alternates start and stop, about every interval, and heals at the end', () => {
    let state = startNemesis({ interval_ms: 100 }, seedRandom(2), 0);
    const events: string[] = [];
    for (let t = 0; t <= 2000; t++) {
      const [next, event] = nemesisTick(state, { interval_ms: 100 }, nodes, t);
      state = next;
      if (event !== null) events.push(event.f);
    }
    expect(events.length).toBeGreaterThan(10);
    expect(events.length).toBeLessThan(40);
    events.forEach((f, i) => expect(f).toBe(i % 2 === 0 ? 'start-partition' : 'stop-partition'));
    const [healed, last] = healNemesis(state);
    expect(last.f).toBe('stop-partition');
    expect(healed.grudge).toBeNull();
  });
});
