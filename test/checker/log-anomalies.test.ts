/**
 * What the logs themselves hold: lost-write, unseen, duplicate,
 * inconsistent-offsets and G1a, each with the near miss that must pass.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { History } from './support/history.js';

describe('lost-write', () => {
  it('flags an acknowledged send below the highest offset read, which no poll read', () => {
    const h = new History()
      .send(0, 'k', 1, 0)
      .send(0, 'k', 2, 1)
      .send(0, 'k', 3, 2)
      .poll(1, { k: [[0, 1]] })
      .poll(2, { k: [[2, 3]] });
    const r = check(h.ops);
    // A lost write is also unseen: it was acknowledged and never read.
    expect(r['error-types']).toEqual(['lost-write', 'unseen']);
    expect(r['lost-write']).toEqual([
      {
        key: 'k',
        value: 2,
        offset: 1,
        index: 1,
        'max-read-index': 2,
        'max-read-offset': 2,
        writer: h.at(3),
        'max-read': h.at(9),
      },
    ]);
    expect(r.unseen).toEqual([{ key: 'k', value: 2, offset: 1, writer: h.at(3) }]);
  });

  it('measures positions in dense indexes when offsets are sparse', () => {
    const h = new History()
      .send(0, 'k', 1, 10)
      .send(0, 'k', 2, 20)
      .send(0, 'k', 3, 30)
      .poll(1, { k: [[10, 1]] })
      .poll(2, { k: [[30, 3]] });
    expect(check(h.ops)['lost-write']?.[0]).toMatchObject({ value: 2, offset: 20, index: 1, 'max-read-offset': 30 });
  });

  it('does not flag a send above every offset read (no recency requirement): that is only unseen', () => {
    const h = new History().send(0, 'k', 1, 0).send(0, 'k', 2, 1).poll(1, { k: [[0, 1]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['unseen']);
  });

  it('does not flag an indefinite send nobody read, even below the highest read', () => {
    const h = new History()
      .send(0, 'k', 1, 0)
      .op(0, 'send', 'info', [['send', 'k', 2]], [['send', 'k', [1, 2]]])
      .send(3, 'k', 3, 2)
      .poll(1, { k: [[0, 1]] })
      .poll(2, { k: [[2, 3]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('does not flag an indefinite send that only an indefinite poll saw', () => {
    // The info poll puts 2 at offset 1 in the order, below what ok polls read;
    // but no successful poll proves its send took effect, so it is owed to no one.
    const h = new History()
      .send(0, 'k', 1, 0)
      .sendEnded('info', 0, 'k', 2)
      .send(3, 'k', 3, 2)
      .pollEnded('info', 4, { k: [[1, 2]] })
      .poll(1, { k: [[0, 1]] })
      .poll(2, { k: [[2, 3]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });
});

describe('unseen', () => {
  it('flags an acknowledged send that no poll ever returned', () => {
    const h = new History().send(0, 'k', 1, 0).send(0, 'j', 7, 0).poll(1, { j: [[0, 7]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['unseen']);
    expect(r.unseen).toEqual([{ key: 'k', value: 1, offset: 0, writer: h.at(1) }]);
    expect(r.counts).toEqual({ unseen: 1 });
  });

  it('does not flag an indefinite send that nobody read', () => {
    const h = new History().sendEnded('info', 0, 'k', 1);
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('accepts an indefinite send that a later poll read', () => {
    const h = new History().sendEnded('info', 0, 'k', 1).send(1, 'k', 2, 1).poll(2, { k: [[0, 1], [1, 2]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('counts only successful polls as seeing a message', () => {
    const h = new History().send(0, 'k', 1, 0).pollEnded('info', 1, { k: [[0, 1]] });
    expect(check(h.ops)['error-types']).toEqual(['unseen']);
  });
});

describe('duplicate', () => {
  it('flags one message at two offsets of a key', () => {
    const h = new History()
      .send(0, 'k', 1, 0)
      .send(1, 'k', 2, 1)
      .poll(2, { k: [[1, 2], [2, 1]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['duplicate']);
    expect(r.duplicate).toEqual([{ key: 'k', value: 1, count: 2, offsets: [0, 2], ops: [h.at(1), h.at(5)] }]);
  });

  it('does not flag the same message in two different keys', () => {
    const h = new History().send(0, 'a', 1, 0).send(0, 'b', 1, 0).poll(2, { a: [[0, 1]], b: [[0, 1]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });
});

describe('inconsistent-offsets', () => {
  it('flags one offset that holds two messages', () => {
    const h = new History()
      .send(0, 'k', 2, 0)
      .send(1, 'k', 1, 0)
      .poll(2, { k: [[0, 2]] })
      .poll(3, { k: [[0, 1]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['inconsistent-offsets']);
    expect(r['inconsistent-offsets']).toEqual([
      { key: 'k', offset: 0, index: 0, values: [1, 2], ops: [h.at(1), h.at(3), h.at(5), h.at(7)] },
    ]);
  });

  it('agrees when a send and a poll report the same message at the same offset', () => {
    const h = new History().send(0, 'k', 1, 0).poll(2, { k: [[0, 1]] }).poll(3, { k: [[0, 1]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });
});

describe('G1a', () => {
  it('flags a successful poll that read a message whose send failed', () => {
    const h = new History().sendEnded('fail', 0, 'k', 9).poll(1, { k: [[0, 9]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['G1a']);
    expect(r.G1a).toEqual([{ key: 'k', value: 9, offset: 0, writer: h.at(1), reader: h.at(3) }]);
  });

  it('does not flag reading a message whose send was indefinite', () => {
    const h = new History().sendEnded('info', 0, 'k', 9).poll(1, { k: [[0, 9]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });
});
