/**
 * lin-kv, seq-kv, lww-kv and lin-tso answer as Maelstrom's services do.
 */
import { describe, expect, it } from 'vitest';
import type { Body, Message } from '../../src/core/machine.js';
import { seedRandom } from '../../src/maelstrom/workload/random.js';
import { initialServices, servicesStep, type ServicesState } from '../../src/maelstrom/services/services.js';

/** Sends requests in order from one node; returns the reply bodies without routing fields. */
const ask = (state: ServicesState, dest: string, bodies: readonly Omit<Body, 'msg_id'>[], src = 'n0') => {
  let s = state;
  const replies: Body[] = [];
  bodies.forEach((body, i) => {
    const message: Message = { src, dest, body: { ...body, msg_id: i + 1 } };
    const [next, effects] = servicesStep(s, { kind: 'message', now_ms: 0, message });
    s = next;
    const sent = effects[0];
    if (sent?.kind !== 'send') throw new Error('no reply');
    expect(sent.message.src).toBe(dest);
    expect(sent.message.dest).toBe(src);
    expect(sent.message.body.in_reply_to).toBe(i + 1);
    const { in_reply_to: _, ...rest } = sent.message.body;
    replies.push(rest as Body);
  });
  return [s, replies] as const;
};

describe('lin-kv', () => {
  it('reads, writes and compares-and-sets, with errors 20 and 22', () => {
    const [, replies] = ask(initialServices(seedRandom(1)), 'lin-kv', [
      { type: 'read', key: 'x' },
      { type: 'write', key: 'x', value: { a: [1, 2] } },
      { type: 'read', key: 'x' },
      { type: 'cas', key: 'x', from: { a: [1, 2] }, to: 3 },
      { type: 'cas', key: 'x', from: 4, to: 5 },
      { type: 'cas', key: 'y', from: 0, to: 1 },
      { type: 'cas', key: 'y', from: 0, to: 1, create_if_not_exists: true },
      { type: 'read', key: 'y' },
      { type: 'read', key: 1 },
    ]);
    expect(replies.map((r) => r.type === 'error' ? `error ${r.code}` : r.type)).toEqual([
      'error 20', 'write_ok', 'read_ok', 'cas_ok', 'error 22', 'error 20', 'cas_ok', 'read_ok', 'error 20',
    ]);
    expect(replies[2]!.value).toEqual({ a: [1, 2] });
    expect(replies[7]!.value).toBe(1);
  });

  it('answers what it does not serve with error 10, and a request without a key with 12', () => {
    const [, replies] = ask(initialServices(seedRandom(1)), 'lin-kv', [{ type: 'append', key: 'x' }, { type: 'read' }]);
    expect(replies.map((r) => r.code)).toEqual([10, 12]);
  });
});

describe('seq-kv', () => {
  it('never shows one client its own writes going backwards', () => {
    let s = initialServices(seedRandom(9));
    for (let v = 1; v <= 50; v++) {
      const [afterWrite] = ask(s, 'seq-kv', [{ type: 'write', key: 'k', value: v }], 'n1');
      const [afterRead, replies] = ask(afterWrite, 'seq-kv', [{ type: 'read', key: 'k' }], 'n1');
      expect(replies[0]!.value).toBe(v);
      s = afterRead;
    }
  });

  it('can show another client a stale value, but never an older one than it saw before', () => {
    let s = initialServices(seedRandom(11));
    let last = 0;
    let stale = 0;
    for (let v = 1; v <= 200; v++) {
      [s] = ask(s, 'seq-kv', [{ type: 'write', key: 'k', value: v }], 'n1');
      const [next, replies] = ask(s, 'seq-kv', [{ type: 'read', key: 'k' }], 'n2');
      s = next;
      const seen = replies[0]!.type === 'read_ok' ? (replies[0]!.value as number) : 0;
      expect(seen).toBeGreaterThanOrEqual(last);
      if (seen < v) stale++;
      last = seen;
    }
    expect(stale).toBeGreaterThan(0);
  });
});

describe('lww-kv', () => {
  it('serves reads and writes, and converges once replicas gossip', () => {
    let s = initialServices(seedRandom(4));
    [s] = ask(s, 'lww-kv', [{ type: 'write', key: 'k', value: 'v1' }]);
    let sawValue = false;
    for (let i = 0; i < 200 && !sawValue; i++) {
      const [next, replies] = ask(s, 'lww-kv', [{ type: 'read', key: 'k' }]);
      s = next;
      sawValue = replies[0]!.type === 'read_ok' && replies[0]!.value === 'v1';
    }
    expect(sawValue).toBe(true);
  });
});

describe('lin-tso', () => {
  it('hands out 0, 1, 2...', () => {
    const [, replies] = ask(initialServices(seedRandom(1)), 'lin-tso', [{ type: 'ts' }, { type: 'ts' }, { type: 'ts' }]);
    expect(replies.map((r) => r.ts)).toEqual([0, 1, 2]);
  });
});
