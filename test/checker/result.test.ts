/**
 * The parts of the result beside the anomalies: the verdict keys, stats per
 * f, indefinite causes, realtime lag; and the readable summary.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/maelstrom/history/op.js';
import { check, renderSummary } from '../../src/checker/index.js';
import { History } from './support/history.js';

const S = 1e9; // nanoseconds per second

describe('the result of a valid history', () => {
  const h = new History()
    .assign(0, ['k'])
    .send(1, 'k', 1, 0)
    .sendEnded('fail', 1, 'k', 2)
    .sendEnded('info', 1, 'k', 3)
    .crash(1)
    .poll(0, { k: [[0, 1]] });
  // The nemesis is not a client; its ops must not count anywhere.
  h.ops.splice(4, 0, { index: 99, time: 0, type: 'info', process: 'nemesis', f: 'start-partition', value: 'majority' });
  const r = check(h.ops);

  it('is valid and names no anomaly', () => {
    expect(r['valid?']).toBe(true);
    expect(r['error-types']).toEqual([]);
    expect(r['bad-error-types']).toEqual([]);
    expect(r.counts).toEqual({});
    expect(Object.keys(r).sort()).toEqual(
      [
        'bad-error-types',
        'counts',
        'error-types',
        'info-txn-causes',
        'stats',
        'valid?',
        'worst-realtime-lag',
        'worst-realtime-lag-by-key',
      ].sort(),
    );
  });

  it('counts completions per f, with the fraction that succeeded', () => {
    expect(r.stats).toEqual({
      'valid?': true,
      count: 6,
      'ok-count': 3,
      'fail-count': 1,
      'info-count': 2,
      'ok-fraction': 0.5,
      'by-f': {
        assign: { count: 1, 'ok-count': 1, 'fail-count': 0, 'info-count': 0, 'ok-fraction': 1 },
        crash: { count: 1, 'ok-count': 0, 'fail-count': 0, 'info-count': 1, 'ok-fraction': 0 },
        poll: { count: 1, 'ok-count': 1, 'fail-count': 0, 'info-count': 0, 'ok-fraction': 1 },
        send: { count: 3, 'ok-count': 1, 'fail-count': 1, 'info-count': 1, 'ok-fraction': 1 / 3 },
      },
    });
  });

  it('lists the distinct causes of indefinite sends and polls', () => {
    expect(r['info-txn-causes']).toEqual(['net-timeout']);
  });

  it('renders a summary that says so', () => {
    const text = renderSummary(r);
    expect(text).toMatch(/^VALID: /);
    expect(text).toContain('anomalies: none');
    expect(text).toContain('send 3 (33.3% ok)');
  });
});

describe('realtime lag', () => {
  /** The example of Jepsen's `realtime-lag` docstring, in seconds. */
  function op(index: number, time: number, type: Op['type'], process: number, f: string, value: unknown): Op {
    return { index, time: time * S, type, process, f, value };
  }
  const history: Op[] = [
    op(0, 0.5, 'invoke', 1, 'send', [['send', 'x', 'a']]),
    op(1, 1, 'ok', 1, 'send', [['send', 'x', [0, 'a']]]),
    op(2, 1.5, 'invoke', 0, 'poll', [['poll']]),
    op(3, 2, 'ok', 0, 'poll', [['poll', { x: [[0, 'a']] }]]),
    op(4, 2.5, 'invoke', 1, 'send', [['send', 'x', 'b']]),
    op(5, 3, 'ok', 1, 'send', [['send', 'x', [1, 'b']]]),
    op(6, 4, 'invoke', 0, 'poll', [['poll']]),
    op(7, 5, 'ok', 0, 'poll', [['poll', { x: [] }]]),
  ];

  it('is zero for a poll that saw the latest offset, and counts from when a newer offset existed otherwise', () => {
    const r = check(history);
    expect(r['worst-realtime-lag']).toEqual({ time: 4, lag: 1, key: 'x', process: 0 });
    expect(r['worst-realtime-lag-by-key']).toEqual({ x: { time: 4, lag: 1, key: 'x', process: 0 } });
  });

  it('is zero when nothing is polled', () => {
    expect(check(history.slice(0, 2))['worst-realtime-lag']).toEqual({ time: 0, lag: 0, key: null, process: null });
  });

  it('counts an assigned key never read from when its first offset existed', () => {
    const h: Op[] = [
      op(0, 0, 'invoke', 1, 'send', [['send', 'y', 1]]),
      op(1, 1, 'ok', 1, 'send', [['send', 'y', [0, 1]]]),
      op(2, 2, 'invoke', 0, 'assign', ['y']),
      op(3, 2, 'ok', 0, 'assign', ['y']),
      op(4, 3.5, 'invoke', 0, 'poll', [['poll']]),
      op(5, 4, 'ok', 0, 'poll', [['poll', {}]]),
    ];
    expect(check(h)['worst-realtime-lag']).toEqual({ time: 3.5, lag: 2.5, key: 'y', process: 0 });
  });
});

describe('the summary of an invalid history', () => {
  it('gives the verdict, the counts, and each anomaly with its ops', () => {
    const h = new History()
      .send(1, 'k', 1, 0)
      .send(1, 'k', 2, 1)
      .send(1, 'k', 3, 2)
      .poll(9, { k: [[0, 1], [1, 2], [2, 3]] })
      .poll(0, { k: [[0, 1]] })
      .poll(0, { k: [[2, 3]] });
    const text = renderSummary(check(h.ops));
    expect(text).toMatch(/^INVALID: 1 anomaly type makes this history invalid \(poll-skip\)\./);
    expect(text).toMatch(/poll-skip\s+1\s+error/);
    expect(text).toContain('key "k": process 0 read 1@0, then 3@2: skipped 1 known value (2).');
    expect(text).toContain('before  op 9  t=0.010 s  process 0  ok poll  [["poll",{"k":[[0,1]]}]]');
    expect(text).toContain('after   op 11  t=0.012 s  process 0  ok poll  [["poll",{"k":[[2,3]]}]]');
  });
});
