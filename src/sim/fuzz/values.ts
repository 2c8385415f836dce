/**
 * The odd values a fuzzed field may take: wrong types, numbers at the edges
 * of what JSON and doubles can say, unicode and empty strings, huge and deep
 * values. Some numbers have no JavaScript value that JSON.stringify would
 * write as they are (`-0`, `1e400`, `1.0`): those are raw literals, put in
 * the object as a marker string and spliced into the text afterwards
 * (`serialise`).
 */
import type { FuzzRandom } from './random.js';

/** A JSON literal to be written as is into the line's text, in place of this string. */
export const raw = (literal: string): string => `@@RAW:${literal}@@`;

/** JSON text of a message, with its raw literals spliced in where they stand. */
export const serialise = (message: unknown): string => JSON.stringify(message).replace(/"@@RAW:([^@"]*)@@"/g, '$1');

export const RAW_NUMBERS: readonly string[] = [
  '-0', '-0.0', '0.0', '1.0', '1E2', '1e400', '-1e400', '1e-400', '100000000000000000000000000000', '9007199254740993', '0e0', '-1',
];

const ODD_NUMBERS: readonly number[] = [
  -1, 1.5, 0.1, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 5e-324, 4294967296, 2 ** 31, -(2 ** 31),
];

const ODD_STRINGS: readonly string[] = ['', ' ', '0', '1', '-0', 'NaN', 'Infinity', '1e308', 'null', 'true', 'ключ', '🙂', '\u0000', '\u200b', 'a\u0000b', '"', '\\', '\t\n'];

/** Keys as Maelstrom uses them (small integers as strings), and odd ones: empty, unicode, control characters, long, prototype names. */
export const COMMON_KEYS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const ODD_KEYS: readonly string[] = [
  '', ' ', 'ключ', '🙂', 'a\u0000b', '\u200b', '"', '\\', 'k'.repeat(300), '1e3', '-0', '01', 'NaN',
];

/**
 * Names an empty object already answers to: `obj[name]` is not undefined
 * unless the object was made without a prototype, and assigning `__proto__`
 * changes the prototype instead of adding a key (JSON.parse, though, makes
 * it an own key like any other). Used as keys and as message sources.
 */
export const PROTOTYPE_NAMES: readonly string[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
export const ODD_KEYS_WITH_PROTOTYPE_NAMES: readonly string[] = [...ODD_KEYS, ...PROTOTYPE_NAMES];

export const pickKey = (r: FuzzRandom, odd: readonly string[]): string => (r.chance(0.85) ? r.pick(COMMON_KEYS) : r.pick(odd));

/** How far the fuzzed values reach. */
export interface FuzzScope {
  /** The deepest nesting a value may take. */
  readonly max_depth: number;
  /** Whether keys and sources may be PROTOTYPE_NAMES. */
  readonly prototype_names: boolean;
}

/**
 * A value nested `depth` deep, as an array or an object at each level.
 * Past a thousand levels, arrays only, written as raw text: building and
 * serialising them as values would spend the generator's own stack.
 */
export const deepValue = (depth: number, asObject: boolean): unknown => {
  if (depth > 1000) return raw(`${'['.repeat(depth)}0${']'.repeat(depth)}`);
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asObject ? { d: value } : [value];
  return value;
};

/** A message as clients send them: mostly small integers, sometimes any JSON value. */
export const messageValue = (r: FuzzRandom, counter: number): unknown => {
  const roll = r.below(1000);
  if (roll < 600) return counter;
  if (roll < 700) return r.pick(ODD_STRINGS);
  if (roll < 760) return r.pick(ODD_NUMBERS);
  if (roll < 800) return r.pick([null, true, false, [], {}]);
  if (roll < 900) return { value: counter, tags: ['a', r.pick(ODD_STRINGS)], nested: { ok: r.chance(0.5) } };
  if (roll < 990) return [counter, r.pick(ODD_STRINGS), r.pick(ODD_NUMBERS)];
  if (roll < 996) return deepValue(r.between(10, 500), r.chance(0.5));
  return 'x'.repeat(r.between(1000, 20_000));
};

/**
 * Any value at all, for a field that expects something else: the wrong
 * type, an odd number (sometimes as a raw literal), a huge or deep value.
 */
export const oddValue = (r: FuzzRandom, max_depth: number, oddKeys: readonly string[]): unknown => {
  const roll = r.below(1000);
  if (roll < 200) return r.pick(ODD_STRINGS);
  if (roll < 400) return r.pick(ODD_NUMBERS);
  if (roll < 550) return raw(r.pick(RAW_NUMBERS));
  if (roll < 650) return r.pick([null, true, false]);
  if (roll < 750) return r.pick([[], {}, [1, 2], { a: 1 }, [['0', 1]], { '0': -1 }, { '': 0 }]);
  if (roll < 850) return r.between(0, 20);
  if (roll < 950) return pickKey(r, oddKeys);
  if (roll < 985) return deepValue(r.between(50, Math.min(max_depth, 2000)), r.chance(0.5));
  if (roll < 998) return 'y'.repeat(r.between(1000, 100_000));
  return deepValue(r.between(Math.min(max_depth, 5000), max_depth), false);
};
