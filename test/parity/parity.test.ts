/**
 * The parity script's reading and comparing (bench/parity/), without running
 * anything: `npm run parity` itself needs Java and the jar and is never part
 * of npm test. Maelstrom's figures come from a real results.edn (the 5b run in
 * ../shared/maelstrom-runs/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkerDifferences, differences, mixOf } from '../../bench/parity/compare.js';
import { figuresOf, parseResultsEdn, type Figures } from '../../bench/parity/figures.js';
import { mergeShared, parseFlags } from '../../bench/parity/flags.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'parity', 'maelstrom-5b-results.edn');

describe("reading Maelstrom's results.edn", () => {
  it('takes verdict, op counts, msgs/op and ok-fraction from a real run', () => {
    const f = figuresOf(parseResultsEdn(readFileSync(fixture, 'utf8')));
    expect(f).toEqual({
      valid: 'true',
      workloadValid: 'true',
      anomalies: [],
      ops: { send: 6720, poll: 7058, assign: 1920 },
      msgsPerOp: 2.8563423,
      serverMsgsPerOp: 0.47491086,
      okFraction: 0.99961793,
      runNotes: [],
    });
    expect(mixOf(f)!.assign).toBeCloseTo(12.23, 1);
  });

  it('reads an invalid one, with tagged ops and an infinite lag, and sorts its anomaly types', () => {
    const edn = `{:workload {:valid? false, :error-types (:unseen :lost-write), :lost-write {:count 1 :errs [#jepsen.history.Op{:index 3 :f :send}]},
                 :worst-realtime-lag {:lag ##Inf}}, :valid? false, :stats {:by-f {:send {:count 4}}}}`;
    const f = figuresOf(parseResultsEdn(edn));
    expect(f.valid).toBe('false');
    expect(f.anomalies).toEqual(['lost-write', 'unseen']);
    expect(f.ops).toEqual({ send: 4, poll: 0, assign: 0 });
    expect(f.msgsPerOp).toBeNull();
  });

  it("reads our results.json the same way, with the runner's own problems as notes", () => {
    const ours = { 'valid?': false, workload: { 'error-types': [] }, run: { problems: [{ kind: 'exited', node: 'n0' }], warnings: [] } };
    expect(figuresOf(ours).runNotes).toEqual(['problem exited (n0)']);
  });
});

describe('comparing the two sides', () => {
  const base: Figures = { valid: 'true', workloadValid: 'true', anomalies: [], ops: { send: 450, poll: 450, assign: 100 }, msgsPerOp: 2.4, serverMsgsPerOp: 0.5, okFraction: 0.999, runNotes: [] };

  it('finds nothing between equal figures, or within the tolerances', () => {
    expect(differences(base, base)).toEqual([]);
    expect(differences(base, { ...base, ops: { send: 460, poll: 440, assign: 110 }, msgsPerOp: 2.3 })).toEqual([]);
    expect(differences(base, { ...base, msgsPerOp: 2.18 })).toEqual(['msgs/op (2.40 vs 2.18)']);
  });

  it('names each figure that differs', () => {
    const ours: Figures = { ...base, valid: 'false', anomalies: ['unseen'], ops: { send: 490, poll: 495, assign: 15 }, msgsPerOp: 2.18, okFraction: 0.9 };
    const diffs = differences(base, ours);
    expect(diffs.map((d) => d.split(' (')[0])).toEqual(['verdict', 'anomalies', 'op mix', 'msgs/op', 'ok-fraction']);
    expect(diffs[2]).toContain('assign 10.0% vs 1.5%');
    expect(differences(base, { ...base, msgsPerOp: 2.0 })).toEqual(['msgs/op (2.40 vs 2.00)']);
  });
});

describe("our checker on Maelstrom's own history", () => {
  const maelstrom: Figures = {
    valid: 'false',
    workloadValid: 'false',
    anomalies: ['duplicate', 'inconsistent-offsets', 'int-poll-skip'],
    ops: { send: 450, poll: 450, assign: 100 },
    msgsPerOp: 2.4,
    serverMsgsPerOp: 0,
    okFraction: 0.99,
    runNotes: [],
  };

  it("is compared with Maelstrom's :workload verdict and anomaly types", () => {
    expect(checkerDifferences(maelstrom, { valid: 'false', anomalies: ['duplicate', 'inconsistent-offsets', 'int-poll-skip'] })).toEqual([]);
    expect(checkerDifferences(maelstrom, { valid: 'false', anomalies: ['duplicate', 'inconsistent-offsets'] })).toEqual([
      'checker on its history: anomalies (duplicate,inconsistent-offsets,int-poll-skip vs duplicate,inconsistent-offsets)',
    ]);
  });

  it('uses the workload verdict, not the top-level one (which also needs every op kind to succeed once)', () => {
    const noSends = { ...maelstrom, valid: 'false', workloadValid: 'true', anomalies: [] };
    expect(checkerDifferences(noSends, { valid: 'true', anomalies: [] })).toEqual([]);
    expect(checkerDifferences(noSends, { valid: 'false', anomalies: [] })).toEqual(['checker on its history: verdict (true vs false)']);
  });

  it('says nothing when Maelstrom left no history', () => {
    expect(checkerDifferences(maelstrom, null)).toEqual([]);
  });
});

describe('the command line', () => {
  it('gives shared flags to both sides and anything it does not know to our runner, values included', () => {
    const o = parseFlags(['--time-limit', '10', '--strict', '--recovery-time', '3', '--seed=7', '--nemesis', 'partition', '--maelstrom-arg', '--log-stderr', '--only', 'a,b']);
    expect([...o.shared]).toEqual([['--time-limit', '10'], ['--nemesis', 'partition']]);
    expect(o.oursOnly).toEqual(['--strict', '--recovery-time', '3', '--seed=7']);
    expect(o.maelstromOnly).toEqual(['--log-stderr']);
    expect(o.only).toEqual(['a', 'b']);
  });

  it("puts the command line's shared flags over a case's, and always gives a time limit", () => {
    expect(mergeShared(['--node-count', '1', '--rate', '100'], new Map([['--rate', '5']]))).toEqual(['--node-count', '1', '--rate', '5', '--time-limit', '20']);
  });

  it('refuses a stray word', () => {
    expect(() => parseFlags(['--bin', 'x', 'y'])).toThrow(/flags only/);
  });
});
