/**
 * A state as text that is the same for equal states and different for
 * different ones, whatever path built them, and its hash.
 *
 * Our persistent structures would otherwise fool a plain JSON.stringify: a
 * hash array mapped trie's shape can depend on insertion order when keys
 * collide, and an append-only log's backing array may hold entries past its
 * own length (they belong to a newer version). So maps are written as their
 * entries sorted by key, logs as their own entries only, and object fields
 * in sorted order. The shapes are recognised structurally, so a field the
 * node gains tomorrow is included without a change here.
 */
import { entries, type PMap } from '../../core/persistent/hamt.js';

const isAppendLog = (value: object): value is { length: number; backing: unknown[] } => {
  const record = value as Record<string, unknown>;
  return typeof record['length'] === 'number' && Array.isArray(record['backing']) && Object.keys(value).length === 2;
};

const isPMap = (value: object): value is PMap<unknown> => {
  const record = value as Record<string, unknown>;
  const root = record['root'] as Record<string, unknown> | undefined;
  return typeof record['size'] === 'number' && root !== undefined && root !== null && root['tag'] === 'branch' && Object.keys(value).length === 2;
};

const memo = new WeakMap<object, string>();

/**
 * The canonical text of an object, remembered per object. Persistent states
 * share their parts: a node that did not step is the very same object in the
 * next state, and so are its untouched maps and logs, and every message still
 * in flight; so most parts are written once. Sound only because nothing here
 * is changed after it is built (the reducers' promise).
 */
const textOf = (value: object): string => {
  let text = memo.get(value);
  if (text !== undefined) return text;
  text = build(value);
  // Small values are cheaper to write again than to look up.
  if (worthRemembering(value)) memo.set(value, text);
  return text;
};

const worthRemembering = (value: object): boolean =>
  Array.isArray(value) ? value.length >= 8 : isAppendLog(value) || isPMap(value) || Object.keys(value).length >= 4;

const build = (value: object): string => {
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map(canonical).join(',')}]`;
  } else if (isAppendLog(value)) {
    text = canonical(value.backing.slice(0, value.length));
  } else if (isPMap(value)) {
    const sorted = [...entries(value)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    text = `{map:${canonical(sorted)}}`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return text;
};

export const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    // Infinity and NaN have no JSON: name them, so Infinity and null differ.
    return typeof value === 'number' && !Number.isFinite(value) ? `"#${String(value)}"` : (JSON.stringify(value) ?? 'undefined');
  }
  return textOf(value);
};

/** cyrb53 (bryc): a fast 53-bit string hash, spread well enough that collisions among millions of states are unlikely. */
export const hash53 = (text: string): number => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};

const hashes = new WeakMap<object, number>();

/** `hash53(canonical(value))`, remembered per object (see `textOf` for why that is sound). */
export const hashOnce = (value: object): number => {
  let h = hashes.get(value);
  if (h === undefined) {
    h = hash53(canonical(value));
    hashes.set(value, h);
  }
  return h;
};
