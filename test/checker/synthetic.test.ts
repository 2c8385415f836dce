/**
 * The benchmark's synthetic history, valid as generated, then broken in one
 * place at a time the way a faulty node would break it: the checker must
 * name exactly what was done, at the place it was done.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/maelstrom/history/op.js';
import { check } from '../../src/checker/index.js';
import { syntheticHistory } from '../../bench/synthetic-history.js';

type Pair = [number, unknown];

const base = syntheticHistory(20_000, 6, 7);

/** A deep copy, so that each test breaks its own history. */
const fresh = (): Op[] => JSON.parse(JSON.stringify(base)) as Op[];

const pollsOf = (ops: Op[]): Array<{ op: Op; msgs: Record<string, Pair[]> }> =>
  ops
    .filter((op) => op.type === 'ok' && op.f === 'poll')
    .map((op) => ({ op, msgs: ((op.value as unknown[])[0] as [string, Record<string, Pair[]>])[1] }));

const okSends = (ops: Op[]): Array<{ op: Op; key: string; sent: Pair }> =>
  ops
    .filter((op) => op.type === 'ok' && op.f === 'send')
    .map((op) => {
      const [, key, sent] = (op.value as unknown[])[0] as [string, string, Pair];
      return { op, key, sent };
    });

describe('a synthetic Maelstrom-shaped history', () => {
  it('is valid as generated, with every kind of op in it', () => {
    const r = check(base);
    expect(r['error-types']).toEqual([]);
    expect(Object.keys(r.stats['by-f']).sort()).toEqual(['assign', 'crash', 'poll', 'send']);
    expect(r.stats['by-f']['send']?.['fail-count']).toBeGreaterThan(0);
  });

  it('shows a poll returned in reverse as int-nonmonotonic-poll', () => {
    const ops = fresh();
    const target = pollsOf(ops).find(({ msgs }) => Object.values(msgs).some((pairs) => pairs.length >= 2));
    const key = Object.keys(target!.msgs).find((k) => target!.msgs[k]!.length >= 2)!;
    target!.msgs[key]!.reverse();
    const r = check(ops);
    // The process also resumed out of place around it: it began past its
    // position and ended before the end of what it read. Jepsen reports those too.
    expect(r['error-types']).toEqual(['int-nonmonotonic-poll', 'poll-skip']);
    expect(r['int-nonmonotonic-poll']!.every((a) => a.key === key && a.op === target!.op && a.delta === -1)).toBe(true);
    expect(r['poll-skip']!.every((a) => a.key === key && a.ops.includes(target!.op))).toBe(true);
  });

  it('shows a message lost from every poll as lost-write, unseen and a skip inside the polls', () => {
    const ops = fresh();
    const { key, sent } = okSends(ops).find(({ sent }) => sent[0] === 3)!;
    for (const { msgs } of pollsOf(ops)) {
      if (msgs[key] !== undefined) msgs[key] = msgs[key]!.filter(([offset]) => offset !== 3);
    }
    const r = check(ops);
    expect(r['lost-write']).toEqual([expect.objectContaining({ key, value: sent[1], offset: 3 })]);
    expect(r.unseen).toEqual([expect.objectContaining({ key, value: sent[1], offset: 3 })]);
    expect(r['bad-error-types']).toEqual(expect.arrayContaining(['lost-write', 'unseen']));
    for (const t of r['error-types']) expect(['lost-write', 'unseen', 'int-poll-skip', 'poll-skip']).toContain(t);
  });

  it('shows a send acknowledged at a second offset as a duplicate', () => {
    const ops = fresh();
    // A key's last send (offset 15), so that no later send of that process compares with it.
    const { op, key, sent } = okSends(ops).find(({ sent }) => sent[0] === 15)!;
    (op.value as unknown[])[0] = ['send', key, [1000, sent[1]]];
    const r = check(ops);
    // Jepsen places a duplicated message at its last offset, so the polls
    // that read it at offset 15 seem to jump from 14 over 15: int-poll-skip too.
    expect(r['error-types']).toEqual(['duplicate', 'int-poll-skip']);
    expect(r['int-poll-skip']!.every((a) => a.key === key && a.values[1] === sent[1] && a.delta === 2)).toBe(true);
    expect(r.duplicate).toEqual([expect.objectContaining({ key, value: sent[1], count: 2, offsets: [15, 1000] })]);
  });

  it('shows a read message whose send is said to have failed as G1a', () => {
    const ops = fresh();
    const { op, key, sent } = okSends(ops).find(({ sent }) => sent[0] === 2)!;
    const failed = { ...op, type: 'fail' as const, value: [['send', key, sent[1]]] };
    ops[ops.indexOf(op)] = failed;
    const r = check(ops);
    expect(r['error-types']).toEqual(['G1a']);
    expect(r.G1a!.every((a) => a.key === key && a.value === sent[1] && a.writer === failed)).toBe(true);
  });
});
