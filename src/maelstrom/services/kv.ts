/**
 * The key-value semantics of Maelstrom 0.2.3's kv services, to the letter of
 * `maelstrom/service.clj` (`PersistentKV` for lin-kv and seq-kv, `LWWKV` for
 * lww-kv): `read`, `write` and `cas` on one immutable map. How the map is
 * shared between clients (linearizably, sequentially, eventually) is the
 * business of services.ts; this file answers one request against one map.
 *
 *   read  {key}              -> read_ok {value} | error 20 "key does not exist"
 *   write {key, value}       -> write_ok
 *   cas   {key, from, to, create_if_not_exists}
 *                            -> cas_ok | error 22 "current value V is not F" | error 20
 *   anything else            -> no reply at all (Clojure's `case` throws; the
 *                               service thread logs it and answers nothing)
 *
 * Maelstrom validates nothing: an absent field is nil, so a request without
 * `key` uses the key null, a write without `value` stores null, a cas without
 * `from` expects null and one without `to` stores null. Keys and values are
 * any JSON; keys compare as Clojure values (objects whatever their key order,
 * 1 and "1" distinct). `create_if_not_exists` is Clojure-truthy: anything but
 * null and false, so "false" and 0 create too. lww-kv's cas never creates.
 */
import type { Body } from '../../core/machine.js';
import { emptyMap, get, set, type PMap } from '../../core/persistent/hamt.js';
import { ErrorCode } from '../../core/protocol/errors.js';
import { clojureStr, prStr } from './clojure-text.js';
import { jsonEqual } from './json-equal.js';

/** The map is keyed by canonicalJson of the key (undefined read as null), so equal keys share one entry. */
export type KvMap = PMap<unknown>;

export const emptyKv = (): KvMap => emptyMap<unknown>();

/** A reply body without routing fields; the service adds `in_reply_to`. */
export type ReplyBody = Readonly<Record<string, unknown>> & { readonly type: string };

/** Where Maelstrom's kv services differ from one another. */
export interface KvFlavour {
  /** PersistentKV honours `create_if_not_exists`; LWWKV ignores it. */
  readonly createIfNotExists: boolean;
  /** How error 22 prints `from`: PersistentKV with pr-str, LWWKV with str. */
  readonly printFrom: (from: unknown) => string;
}

export const PERSISTENT_KV: KvFlavour = { createIfNotExists: true, printFrom: prStr };
export const LWW_KV: KvFlavour = { createIfNotExists: false, printFrom: clojureStr };

export interface KvOutcome {
  readonly map: KvMap;
  readonly reply: ReplyBody;
  /** False when the new map equals the old one (Clojure `=`): what seq-kv asks of a request. */
  readonly changed: boolean;
}

/** An absent field is nil: what `(:field body)` gives Clojure. */
const field = (body: Body, name: string): unknown => body[name] ?? null;

/** JSON text with object keys sorted: one text per Clojure-equal key. */
export const canonicalJson = (value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

export const errorReply = (code: number, text: string): ReplyBody => ({ type: 'error', code, text });

const MISSING: ReplyBody = errorReply(ErrorCode.keyDoesNotExist, 'key does not exist');

/** `map` with `value` at `key`, and whether that changed it. */
const put = (map: KvMap, key: string, current: unknown, value: unknown, reply: ReplyBody): KvOutcome => ({
  map: set(map, key, value),
  reply,
  changed: current === undefined || !jsonEqual(current, value),
});

/** The answer to one request, or null where Maelstrom's service answers nothing. */
export const handleKv = (map: KvMap, body: Body, flavour: KvFlavour): KvOutcome | null => {
  const key = canonicalJson(field(body, 'key'));
  const current = get(map, key);
  switch (body.type) {
    case 'read':
      return { map, reply: current === undefined ? MISSING : { type: 'read_ok', value: current }, changed: false };
    case 'write':
      return put(map, key, current, field(body, 'value'), { type: 'write_ok' });
    case 'cas': {
      const from = field(body, 'from');
      if (current === undefined) {
        const creates = flavour.createIfNotExists && body.create_if_not_exists !== undefined && body.create_if_not_exists !== null && body.create_if_not_exists !== false;
        return creates ? put(map, key, current, field(body, 'to'), { type: 'cas_ok' }) : { map, reply: MISSING, changed: false };
      }
      if (!jsonEqual(current, from)) {
        const text = `current value ${prStr(current)} is not ${flavour.printFrom(from)}`;
        return { map, reply: errorReply(ErrorCode.preconditionFailed, text), changed: false };
      }
      return put(map, key, current, field(body, 'to'), { type: 'cas_ok' });
    }
    default:
      return null;
  }
};
