/**
 * One process's successive polls of a key: poll-skip and nonmonotonic-poll,
 * and the assigns, crashes, rewinds and failed polls that excuse them.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { History } from './support/history.js';

/** Key "k" holds 1, 2, 3, 4 at offsets 0..3, and process 9 reads it all, so nothing is lost. */
function fourSentAndReadByNine(): History {
  return new History()
    .send(1, 'k', 1, 0)
    .send(1, 'k', 2, 1)
    .send(1, 'k', 3, 2)
    .send(1, 'k', 4, 3)
    .poll(9, { k: [[0, 1], [1, 2], [2, 3], [3, 4]] });
}

describe('poll-skip', () => {
  it('flags a poll that resumes past a known offset', () => {
    const h = fourSentAndReadByNine()
      .assign(0, ['k'])
      .poll(0, { k: [[0, 1], [1, 2]] })
      .poll(0, { k: [[3, 4]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['poll-skip']);
    expect(r['bad-error-types']).toEqual(['poll-skip']);
    expect(r['valid?']).toBe(false);
    expect(r.counts).toEqual({ 'poll-skip': 1 });
    expect(r['poll-skip']).toEqual([
      { key: 'k', values: [2, 4], offsets: [1, 3], delta: 2, skipped: [3], ops: [h.at(13), h.at(15)] },
    ]);
  });

  it('still flags a skip across an assign that keeps the key (the client keeps its position)', () => {
    const h = fourSentAndReadByNine()
      .assign(0, ['k'])
      .poll(0, { k: [[0, 1], [1, 2]] })
      .assign(0, ['k', 'other'])
      .poll(0, { k: [[3, 4]] });
    expect(check(h.ops)['error-types']).toEqual(['poll-skip']);
  });

  it('does not flag a skip across an assign that dropped the key', () => {
    const h = fourSentAndReadByNine()
      .assign(0, ['k'])
      .poll(0, { k: [[0, 1], [1, 2]] })
      .assign(0, ['other'])
      .assign(0, ['k'])
      .poll(0, { k: [[3, 4]] });
    expect(check(h.ops)['error-types']).toEqual([]);
    expect(check(h.ops)['valid?']).toBe(true);
  });

  it('does not flag a skip across a crash', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1], [1, 2]] })
      .crash(0)
      .poll(0, { k: [[3, 4]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('lets a failed or indefinite poll move no position', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1], [1, 2]] })
      .pollEnded('info', 0, { k: [[2, 3], [3, 4]] })
      .pollEnded('fail', 0, null)
      .poll(0, { k: [[2, 3], [3, 4]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('does not count offsets nobody observed (offsets may be sparse)', () => {
    const h = new History()
      .send(1, 'k', 1, 0)
      .send(1, 'k', 2, 5)
      .poll(0, { k: [[0, 1]] })
      .poll(0, { k: [[5, 2]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('reports skips seen by an indefinite poll too, like Jepsen', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1]] })
      .pollEnded('info', 0, { k: [[2, 3]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['poll-skip']);
    expect(r['poll-skip']?.[0]).toMatchObject({ values: [1, 3], delta: 2, skipped: [2] });
  });
});

describe('nonmonotonic-poll', () => {
  it('flags a poll that starts again at a value the process already read', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1], [1, 2]] })
      .poll(0, { k: [[1, 2], [2, 3]] });
    const r = check(h.ops);
    expect(r['error-types']).toEqual(['nonmonotonic-poll']);
    expect(r['nonmonotonic-poll']).toEqual([
      { key: 'k', values: [2, 2], offsets: [1, 1], delta: 0, ops: [h.at(11), h.at(13)] },
    ]);
  });

  it('measures how far back a poll went', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1], [1, 2], [2, 3]] })
      .poll(0, { k: [[0, 1]] });
    expect(check(h.ops)['nonmonotonic-poll']?.[0]).toMatchObject({ values: [3, 1], offsets: [2, 0], delta: -2 });
  });

  it('accepts a resume at an older committed offset after the key was dropped and re-assigned', () => {
    const h = fourSentAndReadByNine()
      .assign(0, ['k'])
      .poll(0, { k: [[0, 1], [1, 2], [2, 3]] })
      .assign(0, ['j'])
      .assign(0, ['k'])
      .poll(0, { k: [[1, 2], [2, 3], [3, 4]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('accepts the final rewind to offset 0 (seek-to-beginning)', () => {
    const h = fourSentAndReadByNine()
      .assign(0, ['k'])
      .poll(0, { k: [[0, 1], [1, 2], [2, 3]] })
      .assign(0, ['k'], true)
      .poll(0, { k: [[0, 1], [1, 2], [2, 3], [3, 4]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });

  it('keeps processes apart', () => {
    const h = fourSentAndReadByNine()
      .poll(0, { k: [[0, 1], [1, 2]] })
      .poll(2, { k: [[0, 1]] });
    expect(check(h.ops)['error-types']).toEqual([]);
  });
});
