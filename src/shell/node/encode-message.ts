/**
 * The JSON text of a message the node sends, exactly as JSON.stringify would
 * write it, only faster for the replies a node sends all day (send_ok, poll_ok,
 * commit_offsets_ok, list_committed_offsets_ok): on the benchmark stream,
 * JSON.stringify was the node's largest cost after JSON.parse (issue 13).
 *
 * A fast path applies only when the object's keys are exactly, and in order,
 * the ones it writes (checked with for...in, which also sees any inherited
 * enumerable key) and every value has the expected type; anything else, or
 * anything it is unsure of, goes to JSON.stringify (through encodeJson, which
 * survives any depth). Like encodeJson it assumes JSON data: plain objects
 * without toJSON. test/node/encode-message.test.ts checks the identity on
 * generated messages.
 */
import { encodeJson } from '../json.js';

/** A string as JSON, when it needs no escaping (the common case); else JSON.stringify's escaping. */
const quote = (text: string): string => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
};

/** True when `record`'s enumerable keys are exactly `keys`, in that order. */
const hasKeys = (record: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const key in record) if (key !== keys[i++]) return false;
  return i === keys.length;
};

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Any JSON value: numbers and strings written here, the rest by JSON.stringify. */
const value = (x: unknown): string => {
  if (typeof x === 'number' && Number.isFinite(x)) return `${x}`;
  if (typeof x === 'string') return quote(x);
  return JSON.stringify(x) ?? 'null';
};

type Fields = Readonly<Record<string, unknown>>;

const SEND_OK = ['type', 'offset', 'in_reply_to', 'msg_id'];
const STAMPED = ['type', 'in_reply_to', 'msg_id'];
const POLL_OK = ['type', 'msgs', 'in_reply_to', 'msg_id'];
const OFFSETS_OK = ['type', 'offsets', 'in_reply_to', 'msg_id'];
const MESSAGE = ['src', 'dest', 'body'];

/** `{"k":[[offset,msg],...],...}`, or undefined if `msgs` is not of that shape. */
const pollMsgs = (msgs: unknown): string | undefined => {
  if (typeof msgs !== 'object' || msgs === null || Array.isArray(msgs)) return undefined;
  let text = '{';
  for (const key in msgs) {
    const pairs = (msgs as Fields)[key];
    if (!Array.isArray(pairs)) return undefined;
    text += `${text.length === 1 ? '' : ','}${quote(key)}:[`;
    for (let i = 0; i < pairs.length; i++) {
      const pair: unknown = pairs[i];
      if (!Array.isArray(pair) || pair.length !== 2 || !isFiniteNumber(pair[0]) || pair[1] === undefined || typeof pair[1] === 'function') return undefined;
      text += `${i === 0 ? '' : ','}[${pair[0]},${value(pair[1])}]`;
    }
    text += ']';
  }
  return `${text}}`;
};

/** `{"k":offset,...}`, or undefined if `offsets` is not of that shape. */
const offsetsByKey = (offsets: unknown): string | undefined => {
  if (typeof offsets !== 'object' || offsets === null || Array.isArray(offsets)) return undefined;
  let text = '{';
  for (const key in offsets) {
    const offset = (offsets as Fields)[key];
    if (!isFiniteNumber(offset)) return undefined;
    text += `${text.length === 1 ? '' : ','}${quote(key)}:${offset}`;
  }
  return `${text}}`;
};

/** The body's JSON by a fast path, or undefined when none applies. */
const fastBody = (body: Fields): string | undefined => {
  const { in_reply_to, msg_id } = body;
  if (!isFiniteNumber(in_reply_to) || !isFiniteNumber(msg_id)) return undefined;
  const ids = `"in_reply_to":${in_reply_to},"msg_id":${msg_id}}`;
  switch (body['type']) {
    case 'send_ok': {
      const offset = body['offset'];
      return isFiniteNumber(offset) && hasKeys(body, SEND_OK) ? `{"type":"send_ok","offset":${offset},${ids}` : undefined;
    }
    case 'poll_ok': {
      const msgs = hasKeys(body, POLL_OK) ? pollMsgs(body['msgs']) : undefined;
      return msgs === undefined ? undefined : `{"type":"poll_ok","msgs":${msgs},${ids}`;
    }
    case 'commit_offsets_ok':
      return hasKeys(body, STAMPED) ? `{"type":"commit_offsets_ok",${ids}` : undefined;
    case 'list_committed_offsets_ok': {
      const offsets = hasKeys(body, OFFSETS_OK) ? offsetsByKey(body['offsets']) : undefined;
      return offsets === undefined ? undefined : `{"type":"list_committed_offsets_ok","offsets":${offsets},${ids}`;
    }
  }
  return undefined;
};

export const encodeMessage = (message: { readonly src: string; readonly dest: string; readonly body: Fields }): string => {
  const { src, dest, body } = message;
  if (typeof src === 'string' && typeof dest === 'string' && typeof body === 'object' && body !== null && hasKeys(message, MESSAGE)) {
    try {
      const fast = fastBody(body);
      if (fast !== undefined) return `{"src":${quote(src)},"dest":${quote(dest)},"body":${fast}}`;
    } catch (error) {
      // A message too deep for JSON.stringify's recursion: encodeJson below has the answer.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return encodeJson(message);
};
