/**
 * Old versions never change. The node's state is persistent so that any
 * earlier state (a demo snapshot, a simulator checkpoint) stays valid: here
 * every version of the append-only log and of the key map is kept, and checked
 * against a copy taken when it was made, after arbitrary later appends and
 * branchings from old versions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { append, appendAll, emptyLog, slice, type AppendLog } from '../src/core/persistent/append-log.js';
import { emptyMap, entries, get, set, type PMap } from '../src/core/persistent/hamt.js';
import { initialNodeState, type NodeState } from '../src/core/node/state.js';
import { feedLine, initLine, request } from '../test/support/feed.js';
import { malformedBodyArb } from './arbitraries.js';

describe('append-only log versions', () => {
  it('stay unchanged after later appends, including appends to old versions', () => {
    const opArb = fc.record({ from: fc.nat(), items: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const versions: { log: AppendLog<number>; copy: number[] }[] = [{ log: emptyLog(), copy: [] }];
        for (const { from, items } of ops) {
          const base = versions[from % versions.length]!;
          const log = items.length === 1 ? append(base.log, items[0]!) : appendAll(base.log, items);
          versions.push({ log, copy: [...base.copy, ...items] });
        }
        for (const { log, copy } of versions) {
          expect(log.length).toBe(copy.length);
          expect(slice(log, 0, Infinity)).toEqual(copy);
        }
      }),
    );
  });
});

describe('persistent key map (HAMT)', () => {
  it('agrees with Map in every version, with colliding and many keys', () => {
    // Short keys over a small alphabet force deep tries and shared prefixes.
    const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '🙂'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), keyArb, fc.integer()), { maxLength: 120 }), (ops) => {
        const versions: { map: PMap<number>; copy: Map<string, number> }[] = [{ map: emptyMap(), copy: new Map() }];
        for (const [from, key, value] of ops) {
          const base = versions[from % versions.length]!;
          versions.push({ map: set(base.map, key, value), copy: new Map(base.copy).set(key, value) });
        }
        for (const { map, copy } of versions) {
          expect(map.size).toBe(copy.size);
          for (const [key, value] of copy) expect(get(map, key)).toBe(value);
          expect(new Map(entries(map))).toEqual(copy);
        }
      }),
    );
  });

  it('keeps 50,000 keys apart', () => {
    let map = emptyMap<number>();
    for (let i = 0; i < 50_000; i++) map = set(map, `k${i}`, i);
    expect(map.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(get(map, `k${i}`)).toBe(i);
    expect(get(map, 'k50000')).toBeUndefined();
  });
});

describe('node states', () => {
  it('an old state answers exactly as it did, whatever came after it', () => {
    const sendArb = fc.tuple(fc.constantFrom('a', 'b'), fc.integer());
    fc.assert(
      fc.property(fc.array(sendArb, { maxLength: 30 }), fc.array(sendArb, { maxLength: 30 }), (before, after) => {
        let state = feedLine(initialNodeState(), initLine()).state;
        let id = 1;
        const sendAll = (s: NodeState, sends: [string, number][]): NodeState => {
          for (const [key, msg] of sends) s = feedLine(s, request({ type: 'send', msg_id: id++, key, msg })).state;
          return s;
        };
        state = sendAll(state, before);
        const poll = request({ type: 'poll', msg_id: 0, offsets: { a: 0, b: 0 } });
        const answer = feedLine(state, poll).output;
        sendAll(state, after); // the future...
        sendAll(state, after.slice().reverse()); // ...and another future branching from the same state
        expect(feedLine(state, poll).output).toEqual(answer);
      }),
    );
  });

  it('a rejected request changes nothing but the next msg_id', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer()), { maxLength: 10 }), malformedBodyArb, (sends, bad) => {
        let state = feedLine(initialNodeState(), initLine()).state;
        sends.forEach(([key, msg], i) => {
          state = feedLine(state, request({ type: 'send', msg_id: i + 1, key, msg })).state;
        });
        const fed = feedLine(state, request({ ...bad, msg_id: 999 }));
        expect(fed.output).toHaveLength(1);
        expect(fed.output[0]).toMatch(/"type":"error"/);
        expect({ ...fed.state, nextMsgId: state.nextMsgId }).toEqual(state);
        expect(fed.state.partitions).toBe(state.partitions);
      }),
    );
  });
});
