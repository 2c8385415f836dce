/**
 * Building blocks for the wire codecs, and the one place that turns io-ts's
 * validation errors into the sentence a Maelstrom error `text` carries.
 */
import * as t from 'io-ts';

export interface NonNegativeIntBrand {
  readonly NonNegativeInt: unique symbol;
}

/** Offsets and message ids: integers from 0 up, exactly representable. */
export const NonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeIntBrand> => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt',
);
export type NonNegativeInt = t.TypeOf<typeof NonNegativeInt>;

/*
 * Guards written out by hand for the decoder's fast path (decode.ts), each
 * as strict as the codec it stands for or stricter, never looser: a value one
 * accepts, the codec's `is` accepts too. io-ts's own `is` walks its props
 * generically, through a call and a keyed read per field, at about five
 * times the cost of these (issue 21).
 */

/** `NonNegativeInt.is`. */
export const isNonNegativeInt = (u: unknown): u is NonNegativeInt => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;

/** `t.UnknownRecord.is`: an object, not an array. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** `t.array(t.string).is` (stricter on holes, which JSON has none of). */
export const isStringArray = (u: unknown): u is readonly string[] => {
  if (!Array.isArray(u)) return false;
  for (let i = 0; i < u.length; i++) if (typeof u[i] !== 'string') return false;
  return true;
};

/**
 * Any JSON value, but present: `t.unknown` would accept a missing field as
 * `undefined`, and a `send` without `msg` is malformed, not a send of nothing.
 */
export const JsonValue = new t.Type<unknown>(
  'JsonValue',
  (u): u is unknown => u !== undefined,
  (u, c) => (u === undefined ? t.failure(u, c) : t.success(u)),
  t.identity,
);

/** A map from key to offset, as `poll` and `commit_offsets` carry. */
export const OffsetsByKey = t.record(t.string, NonNegativeInt, 'OffsetsByKey');

/** `OffsetsByKey.is` (for-in also sees inherited keys: stricter, never looser). */
export const isOffsetsByKey = (u: unknown): u is t.TypeOf<typeof OffsetsByKey> => {
  if (!isRecord(u)) return false;
  for (const key in u) if (!isNonNegativeInt(u[key])) return false;
  return true;
};

const EXPECTATIONS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  NonNegativeInt: 'a non-negative integer',
  JsonValue: 'present (any JSON value)',
  OffsetsByKey: 'an object mapping keys to non-negative integer offsets',
  'Array<string>': 'a list of strings',
  Envelope: 'an object {src, dest, body}',
  Body: 'an object',
};

/** JSON text of a value, or a description where V8's recursive stringify would overflow its stack. */
const shown = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return 'a value nested too deep to show';
  }
};

export const show = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = shown(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * "field 'offsets.k1' must be a non-negative integer, got -1": the path of the
 * first failure and what was expected there, for error 12's `text`.
 */
export const describeErrors = (errors: t.Errors, root = 'body'): string => {
  const first = errors[0];
  if (first === undefined) return `malformed ${root}`;
  const path = first.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const expected = first.context[first.context.length - 1]?.type.name ?? 'a valid value';
  const wanted = EXPECTATIONS[expected] ?? expected;
  return `${path === '' ? root : `field '${path}'`} must be ${wanted}, got ${show(first.value)}`;
};
