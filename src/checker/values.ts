/**
 * Identity of messages and keys.
 *
 * Jepsen compares messages by value. JavaScript Maps compare primitives by
 * value but objects by reference, so a message that is an array or a map is
 * keyed by its JSON text instead. Integers (what Maelstrom sends) stay numbers
 * and cost nothing.
 */
import type { Msg } from './types.js';

/** A message reduced to something a Map compares by value. Never undefined, so undefined can mean "absent". */
export type ValueKey = string | number | boolean | null;

/** Marks the JSON text of a structured message; never starts a real string message in practice. */
const STRUCTURED = '\u0000json:';

export function valueKey(msg: Msg): ValueKey {
  // JSON and EDN have no undefined; a hand-built op might. It reads as nil.
  if (msg === undefined) return null;
  if (msg === null || typeof msg !== 'object') {
    return msg as ValueKey;
  }
  return STRUCTURED + JSON.stringify(msg);
}

export function msgOf(key: ValueKey): Msg {
  if (typeof key === 'string' && key.startsWith(STRUCTURED)) {
    return JSON.parse(key.slice(STRUCTURED.length)) as unknown;
  }
  return key;
}

/** Keys are strings in Maelstrom; Jepsen's own tests use integers. Both become strings. */
export function keyName(key: unknown): string {
  return typeof key === 'string' ? key : String(key);
}

/** Orders messages as Clojure's sorted-set would for the types we meet: numbers numerically, others by text. */
export function compareMsgs(a: Msg, b: Msg): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const sa = JSON.stringify(a) ?? '';
  const sb = JSON.stringify(b) ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
