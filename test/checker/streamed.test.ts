/**
 * Checking a stream (HistoryBuilder, analyse, complete) gives exactly what
 * checking the ops in memory gives: the same result, citing the same ops,
 * found again only by their positions, as the command line does by
 * re-reading their lines.
 */
import { describe, expect, it } from 'vitest';
import { HistoryBuilder, analyse, check, type CheckResult } from '../../src/checker/index.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import { syntheticHistory } from '../../bench/synthetic-history.js';

/** Feeds copies of the ops one at a time (so nothing can be shared with `ops`), then looks the cited ones up by position. */
function checkStreamed(ops: readonly Op[]): { result: CheckResult; wanted: readonly number[] } {
  const copy = (op: Op): Op => JSON.parse(JSON.stringify(op)) as Op;
  const builder = new HistoryBuilder();
  for (const op of ops) builder.add(copy(op));
  const pending = analyse(builder.finish());
  return { result: pending.complete((seq) => (ops[seq] === undefined ? undefined : copy(ops[seq]))), wanted: pending.wanted };
}

const nemesis = (index: number): Op => ({ index, time: 0, type: 'info', process: 'nemesis', f: 'start-partition', value: 'majority' });

/** The synthetic history with a nemesis op first (so positions among all ops and client ops differ) and one fault. */
function broken(fault: (ops: Op[]) => void): Op[] {
  const ops = syntheticHistory(4_000, 6, 11);
  fault(ops);
  return [nemesis(-1), ...ops];
}

const okSends = (ops: Op[]): Op[] => ops.filter((op) => op.type === 'ok' && op.f === 'send');
const okPolls = (ops: Op[]): Op[] => ops.filter((op) => op.type === 'ok' && op.f === 'poll');
const pollMsgs = (op: Op): Record<string, [number, unknown][]> => ((op.value as unknown[])[0] as [string, Record<string, [number, unknown][]>])[1];

const cases: Record<string, (ops: Op[]) => void> = {
  valid: () => {},
  'lost and unseen': (ops) => {
    const [, key] = (okSends(ops)[40]!.value as unknown[][])[0] as [string, string];
    for (const poll of okPolls(ops)) {
      const msgs = pollMsgs(poll);
      if (msgs[key] !== undefined) msgs[key] = msgs[key]!.filter(([offset]) => offset !== 2);
    }
  },
  'reversed poll': (ops) => {
    const poll = okPolls(ops).find((op) => Object.values(pollMsgs(op)).some((pairs) => pairs.length >= 3))!;
    for (const pairs of Object.values(pollMsgs(poll))) pairs.reverse();
  },
  'failed send read (G1a) and inconsistent offsets': (ops) => {
    const send = okSends(ops)[100]!;
    const [, key, [offset, msg]] = (send.value as unknown[][])[0] as [string, string, [number, unknown]];
    ops[ops.indexOf(send)] = { ...send, type: 'fail', value: [['send', key, msg]] };
    const other = okSends(ops)[200]!;
    const [, key2] = (other.value as unknown[][])[0] as [string, string];
    ops[ops.indexOf(other)] = { ...other, value: [['send', key2, [offset, 424242]]] };
  },
};

describe('checking a stream of ops', () => {
  for (const [name, fault] of Object.entries(cases)) {
    it(`gives what check gives on a history held in memory: ${name}`, () => {
      const ops = broken(fault);
      const { result, wanted } = checkStreamed(ops);
      expect(result).toEqual(check(ops));
      if (name === 'valid') expect(wanted).toEqual([]);
      else expect(result['valid?']).toBe(false);
    });
  }

  it('asks for the cited ops only, by their position among all ops fed', () => {
    const ops = broken(cases['reversed poll']!);
    const { result, wanted } = checkStreamed(ops);
    const cited = new Set([...(result['int-nonmonotonic-poll'] ?? []).map((a) => a.op), ...(result['poll-skip'] ?? []).flatMap((a) => a.ops)]);
    expect(wanted.map((seq) => ops[seq])).toEqual([...cited].sort((a, b) => a.index - b.index));
  });

  it('refuses to complete when a cited op cannot be found again', () => {
    const builder = new HistoryBuilder();
    for (const op of broken(cases['reversed poll']!)) builder.add(op);
    const pending = analyse(builder.finish());
    expect(() => pending.complete(() => undefined)).toThrow(/not found again/);
  });
});
