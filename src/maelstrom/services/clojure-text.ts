/**
 * How Clojure prints the JSON values Maelstrom's services hold, for the text
 * of error 22: lin-kv and seq-kv build it with `pr-str`, lww-kv with `str`
 * (maelstrom/service.clj). Maelstrom decodes a body with cheshire, one level
 * of keys made keywords, so a value's nested objects keep string keys.
 *
 *   prStr:  null -> nil, "s" -> "s" (quoted), [1 "a"], {"a" 1, "b" nil}, 1.5, 1.0E20
 *   str:    as prStr, except a top-level string is bare and null is empty
 *
 * JSON.parse has already made 1.0 and 1 the same number: a safe integer
 * prints as a Java long, anything else as a Java double (what Jackson gives
 * Maelstrom for `1e20`, `0.5`).
 */

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

const quote = (s: string): string => `"${s.replace(/["\\\n\t\r\b\f]/g, (c) => ESCAPES[c] as string)}"`;

/** Java's Double.toString: plain in [1e-3, 1e7), else d.dddEn; always a fractional digit. */
export const javaDouble = (x: number): string => {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const abs = Math.abs(x);
  const [mantissa, exponent] = abs.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const fraction = digits.slice(exp + 1);
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
  }
  return `${sign}${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}E${exp}`;
};

const printNumber = (x: number): string => (Number.isSafeInteger(x) ? String(x) : javaDouble(x));

/** Clojure's `pr-str` of a decoded JSON value (undefined, an absent field, is nil). */
export const prStr = (value: unknown): string => {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(prStr).join(' ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${quote(k)} ${prStr(v)}`).join(', ')}}`;
  }
  return String(value);
};

/** Clojure's `str` of a decoded JSON value: a string as it is, nil as nothing, the rest as pr-str. */
export const clojureStr = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return prStr(value);
};
