/**
 * Maelstrom's `history.edn`, as Jepsen 0.3 writes it: one op per line,
 * printed with `prn`, e.g.
 *
 *   #jepsen.history.Op{:index 3, :time 4650651388, :type :ok, :process 0,
 *                      :f :poll, :value [[:poll {"56" [[4 5] [5 6]]}]]}
 *
 * Parsing is edn-data's. It is configured to give plain data in the shape of
 * our JSON lines: keywords become strings (`:send` -> "send"), maps become
 * objects, sets and lists become arrays, `nil` becomes null, and the
 * `#jepsen.history.Op` record tag unwraps to its map.
 *
 * edn-data is lenient: it does not reject unbalanced delimiters (a truncated
 * line parses into a partial map) and reads only the first of several values.
 * A truncated or garbled line must not pass for an op, so each line's
 * delimiters are checked first. This is a check, not a second parser: it only
 * counts brackets outside strings.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseEDNString } from 'edn-data';
import type { Op } from '../../maelstrom/history/op.js';
import { decodeOp } from './decode-op.js';
import { forEachLine } from './lines.js';
import type { ParseError } from './parse-error.js';

const JEPSEN_RECORD_TAGS = ['jepsen.history.Op', 'jepsen.history.op'];

const EDN_OPTIONS: NonNullable<Parameters<typeof parseEDNString>[1]> = {
  mapAs: 'object',
  setAs: 'array',
  listAs: 'array',
  keywordAs: 'string',
  symbolAs: 'string',
  charAs: 'string',
  tagHandlers: Object.fromEntries(JEPSEN_RECORD_TAGS.map((tag) => [tag, (record: unknown) => record])),
};

export function parseEdnHistory(text: string): E.Either<ParseError, Op[]> {
  const ops: Op[] = [];
  const error = forEachLine(text, (line, lineNumber) => {
    const op = parseEdnOp(line);
    if (E.isLeft(op)) return { line: lineNumber, message: op.left };
    ops.push(op.right);
    return null;
  });
  return error === null ? E.right(ops) : E.left(error);
}

/** One line of history.edn as an op, or why it is not one. */
export function parseEdnOp(line: string): E.Either<string, Op> {
  const parsed = parseEdnValue(line);
  return E.isLeft(parsed) ? parsed : decodeOp(parsed.right);
}

/**
 * Exactly one EDN value (Clojure's `pr` output for plain data), as plain
 * data in the shape described above, or why the text is not one.
 */
export function parseEdnValue(text: string): E.Either<string, unknown> {
  const shapeProblem = delimiterProblem(text);
  if (shapeProblem !== null) return E.left('not one EDN value: ' + shapeProblem);
  try {
    return E.right(parseEDNString(text, EDN_OPTIONS));
  } catch (e) {
    return E.left('not EDN: ' + (e instanceof Error ? e.message : String(e)));
  }
}

const CLOSER_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * Null if the text's brackets balance and close at most one top-level
 * collection; otherwise what is wrong. Works on one line or many. Skips strings, character literals
 * (`\{`) and `;` comments.
 */
export function delimiterProblem(line: string): string | null {
  const expected: string[] = [];
  let closedTopLevel = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') {
      i = endOfString(line, i);
      if (i < 0) return 'a string is not closed';
      continue;
    }
    if (c === ';') {
      // A comment runs to the end of its line.
      const eol = line.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === ' ' || c === ',' || c === '\t' || c === '\n' || c === '\r') continue;
    if (closedTopLevel) return `unexpected ${JSON.stringify(c)} after the end of the value (column ${i + 1})`;
    const closer = CLOSER_OF[c];
    if (closer !== undefined) {
      expected.push(closer);
    } else if (c === ')' || c === ']' || c === '}') {
      if (expected.pop() !== c) return `unexpected ${JSON.stringify(c)} (column ${i + 1})`;
      if (expected.length === 0) closedTopLevel = true;
    }
  }
  if (expected.length > 0) return `the line ends inside a value (missing ${JSON.stringify(expected.reverse().join(''))})`;
  return null;
}

/** Index of the quote closing the string opened at `open`, or -1. */
export function endOfString(line: string, open: number): number {
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}
