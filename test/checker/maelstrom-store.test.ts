/**
 * Reading a Maelstrom store, piece by piece: history.txt's lines in every
 * shape Jepsen's prn-op prints, their alignment with history.edn, and
 * results.edn's verdict.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseEdnWithTrueValues, parseMaelstromResults } from '../../src/checker/index.js';
import { splitHistoryTxt } from '../../src/checker/parse/history-txt.js';

const NAMES = { edn: 'history.edn', txt: 'history.txt' };

/** One history.edn line per op, as Jepsen prints them. */
function ednLine(index: number, type: string, process: string, f: string, value: string, rest = ''): string {
  return `{:index ${index}, :time ${1000 * (index + 1)}, :type ${type}, :process ${process}, :f ${f}, :value ${value}${rest}}`;
}

describe("history.txt's lines", () => {
  it('splits process, type, f and value; an error after the value, with tabs or line breaks, is skipped', () => {
    const text = [
      '0\t:invoke\t:send\t[[:send "4" -1]]',
      '0\t:info\t:send\t[[:send "4" -1]]\t[:timeout text\twith a tab',
      'and a second line]',
      ':nemesis\t:info\t:start-partition\t[:isolated {"n0" #{"n1"}}]',
      '1\t:ok\t:crash\tnil',
      '',
    ].join('\n');
    expect(splitHistoryTxt(text)).toEqual(
      E.right([
        { line: 1, process: '0', type: ':invoke', f: ':send', value: '[[:send "4" -1]]' },
        { line: 2, process: '0', type: ':info', f: ':send', value: '[[:send "4" -1]]' },
        { line: 4, process: ':nemesis', type: ':info', f: ':start-partition', value: '[:isolated {"n0" #{"n1"}}]' },
        { line: 5, process: '1', type: ':ok', f: ':crash', value: 'nil' },
      ]),
    );
  });

  it('refuses a file that does not start with an op', () => {
    expect(splitHistoryTxt('{:index 0, :type :invoke}\n')).toEqual(E.left({ line: 1, message: expect.stringMatching(/^not an op of history\.txt/) as unknown }));
  });
});

describe('history.edn with the values of history.txt', () => {
  it("takes each value from history.txt and everything else from history.edn, in every value shape", () => {
    const edn = [
      ednLine(0, ':invoke', '5', ':assign', '[0 1 12]'),
      ednLine(1, ':ok', '5', ':assign', '[0 1 12]'),
      ednLine(2, ':invoke', '5', ':poll', '[[:poll]]', ', :poll-ms 1000'),
      ednLine(3, ':ok', '5', ':poll', '[[:poll]]', ', :poll-ms 1000'),
      ednLine(4, ':info', '6', ':send', '[[:send "a\\tb" -3]]', ', :error [:timeout "late"]'),
      ednLine(5, ':info', ':nemesis', ':start-partition', '[:isolated {"n0" #{"n1"}}]'),
      ednLine(6, ':info', '7', ':crash', 'nil'),
    ].join('\n');
    const txt = [
      '5\t:invoke\t:assign\t["0" "1" "12"]',
      '5\t:ok\t:assign\t["0" "1" "12"]',
      '5\t:invoke\t:poll\t[[:poll]]',
      '5\t:ok\t:poll\t[[:poll {"0" [[0 1] [1 -2]], "12" [], "1" [[0 "x\\"y"] [1 nil] [2 :kw] [3 {:a [1 2]}]]}]]',
      '6\t:info\t:send\t[[:send "a\\tb" -3]]\t[:timeout late]',
      ':nemesis\t:info\t:start-partition\t[:isolated {"n0" #{"n1"}}]',
      '7\t:info\t:crash\tnil',
    ].join('\n');
    const ops = parseEdnWithTrueValues(edn, txt + '\n', NAMES);
    expect(ops).toEqual(
      E.right([
        { index: 0, time: 1000, type: 'invoke', process: 5, f: 'assign', value: ['0', '1', '12'] },
        { index: 1, time: 2000, type: 'ok', process: 5, f: 'assign', value: ['0', '1', '12'] },
        { index: 2, time: 3000, type: 'invoke', process: 5, f: 'poll', value: [['poll']], 'poll-ms': 1000 },
        {
          index: 3,
          time: 4000,
          type: 'ok',
          process: 5,
          f: 'poll',
          value: [['poll', { '0': [[0, 1], [1, -2]], '12': [], '1': [[0, 'x"y'], [1, null], [2, 'kw'], [3, { a: [1, 2] }]] }]],
          'poll-ms': 1000,
        },
        { index: 4, time: 5000, type: 'info', process: 6, f: 'send', value: [['send', 'a\tb', -3]], error: ['timeout', 'late'] },
        { index: 5, time: 6000, type: 'info', process: 'nemesis', f: 'start-partition', value: ['isolated', { n0: ['n1'] }] },
        { index: 6, time: 7000, type: 'info', process: 7, f: 'crash', value: null },
      ]),
    );
  });

  it('refuses a history.txt line whose process, type or f differ, naming the first one', () => {
    const edn = [ednLine(0, ':invoke', '0', ':poll', '[[:poll]]'), ednLine(1, ':ok', '0', ':poll', '[[:poll]]')].join('\n');
    expect(parseEdnWithTrueValues(edn, '0\t:invoke\t:poll\t[[:poll]]\n1\t:ok\t:poll\t[[:poll {}]]\n', NAMES)).toEqual(
      E.left(
        'history.txt line 2 does not match history.edn line 2 (op 2 of each): process is 0 in history.edn but 1 in history.txt; the two files are not from the same run',
      ),
    );
    expect(parseEdnWithTrueValues(edn, '0\t:invoke\t:poll\t[[:poll]]\n0\t:fail\t:poll\t[[:poll]]\n', NAMES)).toEqual(
      E.left(expect.stringContaining('type is "ok" in history.edn but :fail in history.txt') as unknown),
    );
  });

  it('refuses a value history.txt cannot give, naming its line', () => {
    const edn = ednLine(0, ':ok', '0', ':poll', '[[:poll]]');
    expect(parseEdnWithTrueValues(edn, '0\t:ok\t:poll\t[[:poll {"1" [[0 1]]}]\n', NAMES)).toEqual(
      E.left(expect.stringMatching(/^history\.txt: line 1: the value: not one EDN value: the line ends inside a value/) as unknown),
    );
  });
});

describe("results.edn's verdict", () => {
  it('reads the overall and the workload verdicts, the types and their counts', () => {
    const text = `{:perf {:valid? true},
 :stats {:valid? false, :count 10, :ok-fraction ##NaN},
 :workload {:valid? false,
            :lost-write {:count 2, :errs [{:key "1", :value 3}]},
            :unseen {:time 12, :unseen {"1" 3, "7" 1}, :messages {"1" #{3 4 5}, "7" #{9}}},
            :bad-error-types (:lost-write :unseen),
            :error-types (:int-send-skip :lost-write :unseen),
            :int-send-skip {:count 4, :errs []}},
 :valid? false}
`;
    expect(parseMaelstromResults(text)).toEqual(
      E.right({
        'valid?': false,
        workload: {
          'valid?': false,
          'error-types': ['int-send-skip', 'lost-write', 'unseen'],
          'bad-error-types': ['lost-write', 'unseen'],
          counts: { 'int-send-skip': 4, 'lost-write': 2, unseen: 4 },
        },
        'failed-checkers': ['stats'],
      }),
    );
  });

  it('reads a crashed checker as :unknown with the first line of its error', () => {
    const text = '{:workload {:valid? :unknown, :error "java.lang.IndexOutOfBoundsException\\n at clojure.lang"}, :valid? :unknown}';
    expect(parseMaelstromResults(text)).toEqual(
      E.right({
        'valid?': 'unknown',
        workload: { 'valid?': 'unknown', 'error-types': [], 'bad-error-types': [], counts: {}, error: 'java.lang.IndexOutOfBoundsException' },
        'failed-checkers': [],
      }),
    );
  });

  it('refuses what is not one map', () => {
    expect(E.isLeft(parseMaelstromResults('{:valid? true'))).toBe(true);
    expect(E.isLeft(parseMaelstromResults('[1 2]'))).toBe(true);
  });
});
