/**
 * From a parsed line (JSON or EDN, already plain data) to an `Op`, checking
 * the envelope the checker relies on. Values are left as they are: the
 * checker reads micro-ops defensively and never trusts their shape.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Op, OpType } from '../../maelstrom/history/op.js';

const OP_TYPES: ReadonlySet<string> = new Set<OpType>(['invoke', 'ok', 'fail', 'info']);

/** Why a record is not an op; the caller adds the line number. */
export function decodeOp(x: unknown): E.Either<string, Op> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) {
    return E.left('expected an op (a map), got ' + describe(x));
  }
  const r = x as Record<string, unknown>;
  if (typeof r['type'] !== 'string' || !OP_TYPES.has(r['type'])) {
    return E.left('"type" must be one of invoke, ok, fail, info; got ' + describe(r['type']));
  }
  if (typeof r['f'] !== 'string') {
    return E.left('"f" must be a string (or keyword); got ' + describe(r['f']));
  }
  const p = r['process'];
  if (!(typeof p === 'number' && Number.isInteger(p)) && typeof p !== 'string') {
    return E.left('"process" must be an integer or a name such as "nemesis"; got ' + describe(p));
  }
  if (typeof r['index'] !== 'number' || !Number.isInteger(r['index'])) {
    return E.left('"index" must be an integer; got ' + describe(r['index']));
  }
  if (typeof r['time'] !== 'number' || !Number.isFinite(r['time'])) {
    return E.left('"time" must be a number (nanoseconds); got ' + describe(r['time']));
  }
  if (!('value' in r)) {
    return E.left('missing "value" (use null for none)');
  }
  return E.right(r as unknown as Op);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  const text = JSON.stringify(x) ?? String(x);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
