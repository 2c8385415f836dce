/**
 * Our history format: one JSON op per line (see docs/checker.md). Blank lines
 * are allowed and skipped; anything else that is not an op stops the read
 * with the number of the offending line.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import { decodeOp } from './decode-op.js';
import { forEachLine } from './lines.js';
import type { ParseError } from './parse-error.js';

export function parseJsonlHistory(text: string): E.Either<ParseError, Op[]> {
  const ops: Op[] = [];
  const error = forEachLine(text, (line, lineNumber) => {
    const op = parseJsonlOp(line);
    if (E.isLeft(op)) return { line: lineNumber, message: op.left };
    ops.push(op.right);
    return null;
  });
  return error === null ? E.right(ops) : E.left(error);
}

/** One line of a history.jsonl as an op, or why it is not one. */
export function parseJsonlOp(line: string): E.Either<string, Op> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return E.left('not JSON: ' + (e instanceof Error ? e.message : String(e)));
  }
  return decodeOp(parsed);
}
