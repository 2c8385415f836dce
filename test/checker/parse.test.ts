/**
 * Reading histories: our JSON lines, Maelstrom's history.edn (fixtures in
 * its exact format), and the line numbers of what cannot be read.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import {
  check,
  detectFormat,
  parseEdnHistory,
  parseHistory,
  parseJsonlHistory,
  type ParseError,
} from '../../src/checker/index.js';
import { delimiterProblem } from '../../src/checker/parse/edn.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const gzFixture = (path: string): string =>
  gunzipSync(readFileSync(new URL(`../fixtures/${path}`, import.meta.url))).toString('utf8');

function ops(parsed: E.Either<ParseError, Op[]>): Op[] {
  if (E.isLeft(parsed)) throw new Error(`line ${parsed.left.line}: ${parsed.left.message}`);
  return parsed.right;
}

function failure(parsed: E.Either<ParseError, Op[]>): ParseError {
  if (E.isRight(parsed)) throw new Error('expected the history to be unreadable');
  return parsed.left;
}

describe("Maelstrom's history.edn", () => {
  const edn = ops(parseEdnHistory(fixture('edn/valid-partition.edn')));

  it('reads every op, unwrapping #jepsen.history.Op records', () => {
    expect(edn).toHaveLength(36);
    expect(edn[3]).toEqual({ index: 3, time: 17953291, type: 'ok', process: 1, f: 'send', value: [['send', '0', [0, 1]]] });
  });

  it('turns keywords into strings, nil into null, sets into arrays, and keeps extra keys', () => {
    expect(edn[8]).toMatchObject({ process: 'nemesis', f: 'start-partition', value: ['isolated', { n0: ['n1'], n1: ['n0'] }] });
    expect(edn[11]?.error).toBe('net-timeout');
    expect(edn[15]?.error).toEqual(['temporarily-unavailable', 'no leader; try again']);
    expect(edn[18]?.value).toBeNull();
    expect(edn[28]?.['seek-to-beginning?']).toBe(true);
    expect(edn[33]).toMatchObject({ 'poll-ms': 1000, value: [['poll', { '0': [[0, 1], [1, 2], [2, 4]], '1': [[0, 1]] }]] });
  });

  it('reads into exactly the ops the same history written as JSON lines gives', () => {
    expect(edn).toEqual(ops(parseJsonlHistory(fixture('histories/valid-partition.jsonl'))));
  });

  it('reads the gzipped copy the same way', () => {
    expect(ops(parseHistory(gzFixture('edn/valid-partition.edn.gz')))).toEqual(edn);
  });

  it('checks a valid partitioned run as valid', () => {
    const r = check(edn);
    expect(r['valid?']).toBe(true);
    expect(r['error-types']).toEqual([]);
    expect(r['info-txn-causes']).toEqual(['net-timeout']);
    expect(r.stats.count).toBe(16);
    expect(r.stats['by-f']['send']).toMatchObject({ count: 5, 'ok-count': 3, 'fail-count': 1, 'info-count': 1 });
  });

  it("catches the poll-skip of the workload documentation's example", () => {
    const history = ops(parseHistory(gzFixture('edn/poll-skip.edn.gz')));
    const r = check(history);
    expect(r['error-types']).toEqual(['poll-skip']);
    const [skip] = r['poll-skip'] ?? [];
    expect(skip).toMatchObject({ key: '56', values: [6, 9], offsets: [5, 8], delta: 3, skipped: [7, 8] });
    expect(skip?.ops.map((op) => op.index)).toEqual([19, 27]);
  });

  it('names the line that was cut off', () => {
    const e = failure(parseEdnHistory(fixture('edn/truncated.edn')));
    expect(e.line).toBe(21);
    expect(e.message).toContain('ends inside a value');
  });

  it('names a line that is not an op', () => {
    const text = fixture('edn/valid-partition.edn').split('\n').slice(0, 3).join('\n') + '\n:just-a-keyword\n';
    expect(failure(parseEdnHistory(text))).toEqual({ line: 4, message: 'expected an op (a map), got "just-a-keyword"' });
  });

  it('checks delimiters outside strings and character literals only', () => {
    expect(delimiterProblem('{:a "}{" :b \\{}')).toBeNull();
    expect(delimiterProblem('{:a [1 2}')).toBe('unexpected "}" (column 9)');
    expect(delimiterProblem('{:a 1} {:b 2}')).toBe('unexpected "{" after the end of the value (column 8)');
    expect(delimiterProblem('{:a "unclosed}')).toBe('a string is not closed');
    expect(delimiterProblem('{:a 1} ; a comment {')).toBeNull();
  });
});

describe('JSON lines', () => {
  const line = (o: object): string => JSON.stringify(o);
  const send = { index: 0, time: 1, type: 'invoke', process: 0, f: 'send', value: [['send', 'k', 1]] };

  it('skips blank lines and accepts CRLF', () => {
    const text = `\n${line(send)}\r\n\r\n${line({ ...send, index: 1, type: 'ok' })}\n`;
    expect(ops(parseJsonlHistory(text))).toHaveLength(2);
  });

  it('names the first line that is not JSON', () => {
    const e = failure(parseJsonlHistory(fixture('histories/bad-line.jsonl')));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^not JSON: /);
  });

  it('names the line and the field of an op that breaks the format', () => {
    const text = [line(send), line({ ...send, type: 'done' })].join('\n');
    expect(failure(parseJsonlHistory(text))).toEqual({
      line: 2,
      message: '"type" must be one of invoke, ok, fail, info; got "done"',
    });
    const noTime = { ...send } as Record<string, unknown>;
    delete noTime['time'];
    expect(failure(parseJsonlHistory(line(noTime))).message).toBe('"time" must be a number (nanoseconds); got nothing');
    expect(failure(parseJsonlHistory(line({ ...send, process: 1.5 }))).message).toMatch(/^"process" must be/);
  });
});

describe('format detection', () => {
  it('tells EDN from JSON by the first op', () => {
    expect(detectFormat('#jepsen.history.Op{:index 0}')).toBe('edn');
    expect(detectFormat('  {:index 0, :type :invoke}')).toBe('edn');
    expect(detectFormat('{"index":0}')).toBe('jsonl');
    expect(detectFormat('')).toBe('jsonl');
  });
});
