/**
 * Which keys a process keeps tracking after an op, for the checks that follow
 * one process from op to op (poll order, send order).
 *
 * - A completed (ok or info) `assign` or `subscribe` keeps only the keys it
 *   names, as in Jepsen: the client keeps its position on those and may move
 *   anywhere (most likely the committed offset) on the others.
 * - An assign with `seek-to-beginning?` rewinds every key it names to offset
 *   0, so for reads it keeps nothing. (Jepsen does not special-case it
 *   because Maelstrom crashes the client first; this only matters to a
 *   history whose rewinds are not preceded by a crash.)
 * - A completed `crash` forgets everything: the client is replaced, and a
 *   runner that reused the process number must not inherit old positions.
 * - Invocations and failed ops change nothing.
 */
import type { Op } from '../core/history/op.js';
import { keyName } from './values.js';

export type KeysAfter =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'forget-all' }
  | { readonly kind: 'keep-only'; readonly keys: ReadonlySet<string> };

const UNCHANGED: KeysAfter = { kind: 'unchanged' };
const FORGET_ALL: KeysAfter = { kind: 'forget-all' };

export function keysAfter(op: Op, honourRewinds: boolean): KeysAfter {
  if (op.type === 'invoke' || op.type === 'fail') return UNCHANGED;
  switch (op.f) {
    case 'crash':
      return FORGET_ALL;
    case 'assign':
    case 'subscribe':
      if (honourRewinds && op['seek-to-beginning?'] === true) return FORGET_ALL;
      return { kind: 'keep-only', keys: assignedKeys(op) };
    default:
      return UNCHANGED;
  }
}

export function assignedKeys(op: Op): ReadonlySet<string> {
  return new Set(Array.isArray(op.value) ? op.value.map(keyName) : []);
}

/** Applies `keysAfter` to a map of key id -> state, in place; `names` maps ids to key names. */
export function applyKeysAfter<T>(tracked: Map<number, T>, change: KeysAfter, names: readonly string[]): void {
  if (change.kind === 'forget-all') {
    tracked.clear();
  } else if (change.kind === 'keep-only') {
    for (const k of [...tracked.keys()]) {
      if (!change.keys.has(names[k] as string)) tracked.delete(k);
    }
  }
}
