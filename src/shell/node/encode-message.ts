/**
 * A message as the line the node writes: the very text JSON.stringify writes
 * (encodeJson), built from templates for the replies a kafka node sends all
 * day, whose bodies are numbers after a fixed head:
 *
 *   send_ok                    offset
 *   poll_ok                    msgs, when every polled message is a number
 *   commit_offsets_ok          -
 *   list_committed_offsets_ok  offsets
 *
 * JSON.stringify walks every object and array generically and looks up a
 * `toJSON` on each (a poll_ok has one per pair): the templates take about
 * half its time on the benchmark's stream (issue 21). A message that does not
 * fit its template exactly (a field more, less or out of order, a value of
 * another kind, an inherited key) goes to encodeJson whole, so the text never
 * differs from JSON.stringify's for the plain data a step emits (no toJSON,
 * no getters). test/node/encode-message.test.ts holds it to that.
 */
import type { Message } from '../../core/machine.js';
import { encodeJson } from '../json.js';

export const encodeMessage = (message: Message): string => fromTemplate(message) ?? encodeJson(message);

const ENVELOPE = ['src', 'dest', 'body'];
const SEND_OK = ['type', 'offset', 'in_reply_to', 'msg_id'];
const POLL_OK = ['type', 'msgs', 'in_reply_to', 'msg_id'];
const COMMIT_OFFSETS_OK = ['type', 'in_reply_to', 'msg_id'];
const LIST_COMMITTED_OFFSETS_OK = ['type', 'offsets', 'in_reply_to', 'msg_id'];

type Fields = Readonly<Record<string, unknown>>;

const fromTemplate = (message: Message): string | undefined => {
  const { src, dest } = message;
  const body = message.body as Fields;
  if (typeof src !== 'string' || typeof dest !== 'string' || !hasExactly(message, ENVELOPE)) return undefined;
  const { in_reply_to, msg_id } = body;
  if (!isFiniteNumber(in_reply_to) || !isFiniteNumber(msg_id)) return undefined;
  const head = headOf(src, dest);
  const ids = `"in_reply_to":${in_reply_to},"msg_id":${msg_id}}}`;
  switch (body['type']) {
    case 'send_ok': {
      const offset = body['offset'];
      return hasExactly(body, SEND_OK) && isFiniteNumber(offset) ? `${head}"send_ok","offset":${offset},${ids}` : undefined;
    }
    case 'poll_ok': {
      const msgs = hasExactly(body, POLL_OK) ? pairsByKey(body['msgs']) : undefined;
      return msgs === undefined ? undefined : `${head}"poll_ok","msgs":${msgs},${ids}`;
    }
    case 'commit_offsets_ok':
      return hasExactly(body, COMMIT_OFFSETS_OK) ? `${head}"commit_offsets_ok",${ids}` : undefined;
    case 'list_committed_offsets_ok': {
      const offsets = hasExactly(body, LIST_COMMITTED_OFFSETS_OK) ? numbersByKey(body['offsets']) : undefined;
      return offsets === undefined ? undefined : `${head}"list_committed_offsets_ok","offsets":${offsets},${ids}`;
    }
    default:
      return undefined;
  }
};

/** Whether the keys for-in meets in `record` (own and inherited) are exactly `keys`, in order: the keys JSON.stringify writes. */
const hasExactly = (record: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const key in record) if (key !== keys[i++]) return false;
  return i === keys.length;
};

/** A number JSON.stringify writes as `${n}` does (it writes null for NaN and the infinities). */
const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);

/** `{"k":[[0,5],[1,6]],...}` for a record of arrays of [offset, msg] number pairs; undefined for anything else. */
const pairsByKey = (record: unknown): string | undefined => {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  let text = '{';
  for (const key in record) {
    const pairs: unknown = (record as Fields)[key];
    if (!Object.hasOwn(record, key) || !Array.isArray(pairs)) return undefined;
    text += `${text.length === 1 ? '' : ','}${quoted(key)}:[`;
    for (let i = 0; i < pairs.length; i++) {
      const pair: unknown = pairs[i];
      if (!Array.isArray(pair) || pair.length !== 2) return undefined;
      const [offset, msg] = pair as [unknown, unknown];
      if (!isFiniteNumber(offset) || !isFiniteNumber(msg)) return undefined;
      text += `${i === 0 ? '' : ','}[${offset},${msg}]`;
    }
    text += ']';
  }
  return `${text}}`;
};

/** `{"k":3,...}` for a record of numbers; undefined for anything else. */
const numbersByKey = (record: unknown): string | undefined => {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  let text = '{';
  for (const key in record) {
    const value: unknown = (record as Fields)[key];
    if (!Object.hasOwn(record, key) || !isFiniteNumber(value)) return undefined;
    text += `${text.length === 1 ? '' : ','}${quoted(key)}:${value}`;
  }
  return `${text}}`;
};

/*
 * Texts remembered, as clients and keys come back in reply after reply. Each
 * table is forgotten all at once when full, so a run with ever new clients or
 * keys holds at most REMEMBERED_MAX of each.
 */
const REMEMBERED_MAX = 4096;

/** JSON.stringify(text) of keys. */
const quotedTexts = new Map<string, string>();

const quoted = (text: string): string => {
  let json = quotedTexts.get(text);
  if (json === undefined) {
    if (quotedTexts.size >= REMEMBERED_MAX) quotedTexts.clear();
    json = JSON.stringify(text);
    quotedTexts.set(text, json);
  }
  return json;
};

/** `{"src":...,"dest":...,"body":{"type":` by destination, for the one source a node writes as. */
const heads = new Map<string, string>();
let headsFrom = '';

const headOf = (src: string, dest: string): string => {
  if (src !== headsFrom) {
    heads.clear();
    headsFrom = src;
  }
  let head = heads.get(dest);
  if (head === undefined) {
    if (heads.size >= REMEMBERED_MAX) heads.clear();
    head = `{"src":${JSON.stringify(src)},"dest":${JSON.stringify(dest)},"body":{"type":`;
    heads.set(dest, head);
  }
  return head;
};
