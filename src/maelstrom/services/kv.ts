/**
 * The key-value semantics every Maelstrom kv service shares (Maelstrom's
 * `PersistentKV`): `read`, `write` and `cas` on one immutable map. How the
 * map is shared between clients (linearizably, sequentially, eventually) is
 * the business of services.ts; this file only answers one request against one
 * version of the map.
 *
 *   read  {key}                                  -> read_ok {value}  | error 20
 *   write {key, value}                           -> write_ok
 *   cas   {key, from, to, create_if_not_exists?} -> cas_ok | error 22 | error 20
 *
 * With `create_if_not_exists: true`, a cas on a missing key creates it with
 * `to` (Maelstrom 0.2's extension).
 */
import type { Body } from '../../core/machine.js';
import { emptyMap, get, set, type PMap } from '../../core/persistent/hamt.js';
import { ErrorCode } from '../../core/protocol/errors.js';
import { jsonEqual } from './json-equal.js';

/** Keys are any JSON value; the map is keyed by their JSON text, so 1 and "1" stay distinct keys. */
export type KvMap<V> = PMap<V>;

export const emptyKv = <V>(): KvMap<V> => emptyMap<V>();

/** A reply body without routing fields; the service adds `in_reply_to`. */
export type ReplyBody = Readonly<Record<string, unknown>> & { readonly type: string };

export interface KvOutcome<V> {
  readonly map: KvMap<V>;
  readonly reply: ReplyBody;
  /** True when the request changed the map (a write, or a successful cas). */
  readonly wrote: boolean;
}

export const keyText = (key: unknown): string => JSON.stringify(key) ?? 'null';

export const errorReply = (code: number, text: string): ReplyBody => ({ type: 'error', code, text });

const missing = (key: unknown): ReplyBody => errorReply(ErrorCode.keyDoesNotExist, `key ${keyText(key)} does not exist`);

/**
 * How values are stored: plain in lin-kv and seq-kv, wrapped with a Lamport
 * timestamp in lww-kv. `unwrap` reads the client's value back out.
 */
export interface Cell<V> {
  readonly wrap: (value: unknown) => V;
  readonly unwrap: (stored: V) => unknown;
}

export const plainCell: Cell<unknown> = { wrap: (value) => value, unwrap: (stored) => stored };

export const handleKv = <V>(map: KvMap<V>, body: Body, cell: Cell<V>): KvOutcome<V> => {
  if (!('key' in body)) return { map, reply: errorReply(ErrorCode.malformedRequest, `${body.type} needs a key`), wrote: false };
  const key = keyText(body.key);
  const current = get(map, key);
  switch (body.type) {
    case 'read':
      return { map, reply: current === undefined ? missing(body.key) : { type: 'read_ok', value: cell.unwrap(current) }, wrote: false };
    case 'write':
      if (!('value' in body)) return { map, reply: errorReply(ErrorCode.malformedRequest, 'write needs a value'), wrote: false };
      return { map: set(map, key, cell.wrap(body.value)), reply: { type: 'write_ok' }, wrote: true };
    case 'cas': {
      if (!('from' in body) || !('to' in body)) {
        return { map, reply: errorReply(ErrorCode.malformedRequest, 'cas needs from and to'), wrote: false };
      }
      if (current === undefined) {
        return body.create_if_not_exists === true
          ? { map: set(map, key, cell.wrap(body.to)), reply: { type: 'cas_ok' }, wrote: true }
          : { map, reply: missing(body.key), wrote: false };
      }
      const value = cell.unwrap(current);
      if (!jsonEqual(value, body.from)) {
        const text = `current value ${JSON.stringify(value)} is not ${JSON.stringify(body.from)}`;
        return { map, reply: errorReply(ErrorCode.preconditionFailed, text), wrote: false };
      }
      return { map: set(map, key, cell.wrap(body.to)), reply: { type: 'cas_ok' }, wrote: true };
    }
    default:
      return { map, reply: errorReply(ErrorCode.notSupported, `${body.type} is not supported by kv services`), wrote: false };
  }
};
