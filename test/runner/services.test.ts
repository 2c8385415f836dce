/**
 * lin-kv, seq-kv, lww-kv and lin-tso answer as Maelstrom 0.2.3's services do
 * (maelstrom/service.clj; services-maelstrom.test.ts holds them to the jar's
 * recorded answers, request by request). Here: the semantics the jar's single
 * probe client cannot show, seq-kv's staleness and lww-kv's replicas.
 */
import { describe, expect, it } from 'vitest';
import type { Body, Message } from '../../src/core/machine.js';
import { seedRandom } from '../../src/maelstrom/workload/random.js';
import { initialServices, servicesStep, type ServicesState } from '../../src/maelstrom/services/services.js';
import { canonicalJson, emptyKv, handleKv, PERSISTENT_KV } from '../../src/maelstrom/services/kv.js';
import { emptyLww, handleLww, LWW_REPLICAS } from '../../src/maelstrom/services/lww.js';
import { handleSequential, versionAt, type SequentialKv } from '../../src/maelstrom/services/sequential.js';
import { clojureStr, javaDouble, prStr } from '../../src/maelstrom/services/clojure-text.js';
import { set } from '../../src/core/persistent/hamt.js';

/** Sends requests in order from one node; returns the reply bodies without routing fields. */
const ask = (state: ServicesState, dest: string, bodies: readonly (Pick<Body, 'type'> & Readonly<Record<string, unknown>>)[], src = 'n0') => {
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

  it('answers nothing to a type it has no clause for, and says why in the log', () => {
    const [, effects] = servicesStep(initialServices(seedRandom(1)), {
      kind: 'message', now_ms: 0, message: { src: 'n0', dest: 'lin-kv', body: { type: 'append', key: 'x', msg_id: 1 } },
    });
    expect(effects.filter((e) => e.kind === 'send')).toEqual([]);
    expect(effects).toEqual([{ kind: 'log', text: expect.stringContaining('"append"') }]);
  });

  it('takes an absent key, value, from or to as null, as Clojure reads an absent field', () => {
    const [, replies] = ask(initialServices(seedRandom(1)), 'lin-kv', [
      { type: 'write', value: 'no key' },
      { type: 'read', key: null },
      { type: 'write', key: 'v' },
      { type: 'cas', key: 'v', to: 1 },
      { type: 'cas', key: 'v', from: 1 },
      { type: 'read', key: 'v' },
    ]);
    expect(replies).toEqual([
      { type: 'write_ok' }, { type: 'read_ok', value: 'no key' },
      { type: 'write_ok' }, { type: 'cas_ok' }, { type: 'cas_ok' }, { type: 'read_ok', value: null },
    ]);
  });

  it('answers a request without msg_id with in_reply_to null, as Maelstrom does', () => {
    const [, effects] = servicesStep(initialServices(seedRandom(1)), {
      kind: 'message', now_ms: 0, message: { src: 'n0', dest: 'lin-tso', body: { type: 'ts' } },
    });
    expect(effects).toEqual([{ kind: 'send', message: { src: 'lin-tso', dest: 'n0', body: { type: 'ts_ok', ts: 0, in_reply_to: null } } }]);
  });

  it('keys on the value, not its text: object keys in any order are one key, 1 and "1" two', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x' })).toBe(canonicalJson({ a: 'x', b: [1, { c: null, d: 2 }] }));
    expect(canonicalJson(1)).not.toBe(canonicalJson('1'));
    expect(canonicalJson(undefined)).toBe(canonicalJson(null));
  });
});

describe('error texts print values as Clojure does', () => {
  it('pr-str for lin-kv and seq-kv, str for lww-kv', () => {
    expect(prStr({ a: [1, 'x', null, true], b: 1.5 })).toBe('{"a" [1 "x" nil true], "b" 1.5}');
    expect(prStr('s"q\n')).toBe('"s\\"q\\n"');
    expect(prStr(null)).toBe('nil');
    expect(clojureStr('t')).toBe('t');
    expect(clojureStr(null)).toBe('');
    expect(clojureStr(['t'])).toBe('["t"]');
  });

  it('prints doubles as Java does', () => {
    const cases: [number, string][] = [
      [1e20, '1.0E20'], [1e-4, '1.0E-4'], [0.001, '0.001'], [12345678.9, '1.23456789E7'], [1.5, '1.5'],
      [100, '100.0'], [1e7, '1.0E7'], [9999999.5, '9999999.5'], [-0.5, '-0.5'], [0.00123, '0.00123'], [2.5e-10, '2.5E-10'],
    ];
    for (const [x, text] of cases) expect(javaDouble(x), String(x)).toBe(text);
    // Beyond 2^53 JSON.parse has already made a double; the shortest digits, as JDK 19+ prints them.
    expect(prStr(2 ** 60)).toBe('1.152921504606847E18');
    expect(prStr(42)).toBe('42');
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

  it('can show another client a stale value', () => {
    let s = initialServices(seedRandom(11));
    let stale = 0;
    for (let v = 1; v <= 200; v++) {
      [s] = ask(s, 'seq-kv', [{ type: 'write', key: 'k', value: v }], 'n1');
      const [next, replies] = ask(s, 'seq-kv', [{ type: 'read', key: 'k' }], 'n2');
      s = next;
      const seen = replies[0]!.type === 'read_ok' ? (replies[0]!.value as number) : 0;
      if (seen < v) stale++;
    }
    expect(stale).toBeGreaterThan(0);
  });

  it('draws from the client\'s index to the last one, both included', () => {
    // Two versions, n2 at index 0: over many draws it sees both, not only the older.
    const kv: SequentialKv = { versions: [emptyKv(), set(emptyKv(), canonicalJson('k'), 1)], last_index: 1, seen: { n2: 0 } };
    const seen = new Set<string>();
    let rng = seedRandom(3);
    for (let i = 0; i < 50; i++) {
      const [, reply, next] = handleSequential(kv, 'n2', { type: 'read', key: 'k' }, rng);
      rng = next;
      seen.add(reply!.type);
    }
    expect([...seen].sort()).toEqual(['error', 'read_ok']);
  });

  it('absorbs a write of the value a stale version already holds, as Maelstrom\'s `=` check does', () => {
    // Version 0 holds k=1, version 1 (the newest) k=2; n2 is at 0 and writes k=1.
    const v0 = set(emptyKv(), canonicalJson('k'), 1);
    const kv: SequentialKv = { versions: [v0, set(emptyKv(), canonicalJson('k'), 2)], last_index: 1, seen: { n2: 0 } };
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const [after, reply] = handleSequential(kv, 'n2', { type: 'write', key: 'k', value: 1 }, seedRandom(seed));
      expect(reply).toEqual({ type: 'write_ok' });
      outcomes.add(after.last_index === 1 ? 'absorbed, newest still 2' : 'applied to the newest');
      if (after.last_index === 1) expect(handleKv(versionAt(after, 1), { type: 'read', key: 'k' }, PERSISTENT_KV)!.reply).toEqual({ type: 'read_ok', value: 2 });
    }
    expect([...outcomes].sort()).toEqual(['absorbed, newest still 2', 'applied to the newest']);
  });

  it('looks a fallen-behind index up round the ring, modulo its length', () => {
    let kv: SequentialKv = { versions: [emptyKv()], last_index: 0, seen: {} };
    let rng = seedRandom(5);
    for (let v = 1; v <= 40; v++) {
      const [next, , r] = handleSequential(kv, 'n1', { type: 'write', key: 'k', value: v }, rng);
      kv = next;
      rng = r;
    }
    expect(kv.versions.length).toBe(32);
    const read = (index: number) => handleKv(versionAt(kv, index), { type: 'read', key: 'k' }, PERSISTENT_KV)!.reply;
    expect(read(40)).toEqual({ type: 'read_ok', value: 40 });
    expect(read(9)).toEqual({ type: 'read_ok', value: 9 });
    // Index 0 is 40 behind: 40 mod 32 = 8 behind the newest, so version 32.
    expect(read(0)).toEqual({ type: 'read_ok', value: 32 });
  });
});

describe('lww-kv', () => {
  it('keeps two replicas that never converge: after one write, reads answer error 20 as often as ever', () => {
    expect(LWW_REPLICAS).toBe(2);
    let s = initialServices(seedRandom(4));
    [s] = ask(s, 'lww-kv', [{ type: 'write', key: 'k', value: 'v1' }]);
    const late: string[] = [];
    for (let i = 0; i < 400; i++) {
      const [next, replies] = ask(s, 'lww-kv', [{ type: 'read', key: 'k' }]);
      s = next;
      if (i >= 300) late.push(replies[0]!.type);
    }
    expect(late.filter((t) => t === 'error').length).toBeGreaterThan(20);
    expect(late.filter((t) => t === 'read_ok').length).toBeGreaterThan(20);
  });

  it('never creates a key with cas, whatever create_if_not_exists says', () => {
    let replicas = emptyLww();
    let rng = seedRandom(8);
    for (let i = 0; i < 20; i++) {
      const [next, reply, r] = handleLww(replicas, { type: 'cas', key: 'k', from: null, to: 1, create_if_not_exists: true }, rng);
      replicas = next;
      rng = r;
      expect(reply).toEqual({ type: 'error', code: 20, text: 'key does not exist' });
    }
  });
});

describe('lin-tso', () => {
  it('hands out 0, 1, 2...', () => {
    const [, replies] = ask(initialServices(seedRandom(1)), 'lin-tso', [{ type: 'ts' }, { type: 'ts' }, { type: 'ts' }]);
    expect(replies.map((r) => r.ts)).toEqual([0, 1, 2]);
  });
});
