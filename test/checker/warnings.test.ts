/**
 * The checker's warnings: polls without results (history.edn alone), which
 * excuse exactly the sends they may have read; and the histories on which
 * real Maelstrom's checker crashes.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { History } from './support/history.js';

/** A successful poll whose results the history lacks, as history.edn writes the final ones. */
const resultlessPoll = (h: History, process: number): History => h.op(process, 'poll', 'ok', [['poll']], [['poll']]);

describe('successful polls without results', () => {
  it('excuse an unseen send to a key their process held, with one warning', () => {
    const h = resultlessPoll(new History().send(0, 'a', 1, 0).assign(1, ['a']), 1);
    const r = check(h.ops);
    expect(r['valid?']).toBe(true);
    expect(r.unseen).toBeUndefined();
    expect(r.warnings).toEqual([expect.stringMatching(/^1 successful poll carries no results \(e\.g\. op 5, process 1: \[\["poll"\]\]\)\..* 1 acknowledged send that no other poll read may have been read by them/)]);
  });

  it('excuse it when the assign names the keys as integers, as history.edn writes the final assigns', () => {
    const h = new History().send(0, '7', 1, 0).op(1, 'assign', 'ok', [7], [7]);
    expect(check(resultlessPoll(h, 1).ops).unseen).toBeUndefined();
  });

  it('do not excuse a send to a key their process did not hold', () => {
    const h = resultlessPoll(new History().send(0, 'a', 1, 0).send(0, 'b', 1, 0).assign(1, ['a']), 1);
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['unseen']);
    expect(r.unseen).toEqual([expect.objectContaining({ key: 'b', value: 1 })]);
    expect(r.warnings?.[0]).toMatch(/ 1 acknowledged send that no other poll read may have been read/);
  });

  it('do not excuse a send invoked after they completed', () => {
    const h = resultlessPoll(new History().assign(1, ['a']), 1).send(0, 'a', 1, 0);
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['unseen']);
    expect(r.warnings?.[0]).toMatch(/No acknowledged send depended on them\./);
  });

  it('excuse any key when their process held unknown keys (no assign, or a crash since)', () => {
    const h = new History().send(0, 'a', 1, 0).assign(1, ['b']).crash(1);
    expect(check(resultlessPoll(h, 1).ops).unseen).toBeUndefined();
  });

  it('excuse a lost write they may have read, and keep other anomalies', () => {
    const h = new History()
      .send(0, 'a', 1, 0)
      .send(0, 'a', 2, 1)
      .send(0, 'a', 3, 2)
      .poll(2, { a: [[2, 3]] })
      .poll(3, { a: [[0, 1]] })
      .poll(3, { a: [[2, 3]] })
      .assign(1, ['a']);
    const broken = check(h.ops);
    expect(broken['error-types']).toEqual(['lost-write', 'poll-skip', 'unseen']);
    const r = check(resultlessPoll(h, 1).ops);
    expect(r['error-types']).toEqual(['poll-skip']);
    expect(r.warnings?.[0]).toMatch(/1 acknowledged send that no other poll read \(and 1 that would be lost-write\)/);
  });

  it('reset their process\'s position: what follows them is not compared with what came before', () => {
    const h = new History().send(0, 'a', 1, 0).send(0, 'a', 2, 1).send(0, 'a', 3, 2).poll(1, { a: [[0, 1]] });
    resultlessPoll(h, 1).poll(1, { a: [[2, 3]] });
    const r = check(h.ops);
    expect(r['poll-skip']).toBeUndefined();
    expect(r['valid?']).toBe(true);
  });

  it('measure no realtime lag', () => {
    const h = new History().assign(1, ['a']).send(0, 'a', 1, 0).op(9, 'wait', 'ok', null, null);
    for (let i = 0; i < 5; i++) h.op(9, 'wait', 'ok', null, null);
    expect(check(resultlessPoll(h, 1).ops)['worst-realtime-lag'].lag).toBe(0);
    expect(check(h.poll(1, {}).ops)['worst-realtime-lag'].lag).toBeGreaterThan(0);
  });
});

describe('histories on which real Maelstrom crashes', () => {
  it('warn when a successful poll lists a key that no successful poll ever read a message of', () => {
    const h = new History().send(0, 'a', 1, 0).poll(1, { a: [[0, 1]], z: [] }).poll(2, { z: [] });
    const r = check(h.ops);
    expect(r['valid?']).toBe(true);
    expect(r.warnings).toEqual([
      'Real Maelstrom 0.2.3 would crash checking this history and report :valid? :unknown: (IndexOutOfBoundsException in jepsen.tests.kafka/lost-write-cases) ' +
        'successful polls list key "z" (e.g. op 3, process 1), but none of them ever returned a message of that key at a known offset. This verdict is ours; Maelstrom would give none.',
    ]);
  });

  it('warn when a poll, of any outcome, returned a message nobody sent to that key', () => {
    const h = new History().send(0, 'a', 1, 0).sendEnded('fail', 0, 'b', 2).poll(1, { a: [[0, 1]], b: [[0, 2]] }).pollEnded('info', 2, { a: [[0, 1], [1, 9]] });
    const r = check(h.ops);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /: \(:no-writer-of-value in jepsen\.tests\.kafka\/wr-graph\) polls returned messages that no op ever sent to that key: 9 on key "a" \(op 7, process 2\)\. This verdict/,
      ),
    ]);
    // A failed send is a writer for Jepsen: reading it is G1a, not a crash.
    expect(r['error-types']).toEqual(['G1a']);
  });

  it('do not warn when the key was read elsewhere, or when no successful poll lists it', () => {
    const listedAndRead = new History().send(0, 'z', 1, 0).poll(1, { z: [] }).poll(2, { z: [[0, 1]] });
    expect(check(listedAndRead.ops).warnings).toBeUndefined();
    const neverListed = new History().send(0, 'z', 1, 0).pollEnded('info', 1, { z: [] });
    expect(check(neverListed.ops).warnings).toBeUndefined();
  });
});
