/**
 * The node's replies as the bytes it writes: for each message, the UTF-8 of
 * JSON.stringify(message) and a newline, gathered in one buffer for one
 * write. The replies a kafka node sends all day are written byte by byte from
 * templates, their numbers digit by digit:
 *
 *   send_ok                    {"src":..,"dest":..,"body":{"type":"send_ok","offset":N,"in_reply_to":N,"msg_id":N}}
 *   commit_offsets_ok          the same without the offset
 *   poll_ok                    msgs, when every polled message is a number
 *   list_committed_offsets_ok  offsets
 *
 * JSON.stringify walks every object generically and looks up a `toJSON` on
 * each; a template built of strings leaves a string per piece to join and to
 * collect; and either text is then encoded again as UTF-8 to be written.
 * Bytes need none of that (issue 21). A message that does not fit its
 * template exactly (a field more, less or out of order, a value of another
 * kind, an inherited key) is written as encodeJson writes it, so the bytes
 * never differ from JSON.stringify's for the plain data a step emits (no
 * toJSON, no getters). test/node/reply-bytes.test.ts holds it to that.
 */
import type { Message } from '../../core/machine.js';
import { encodeJson } from '../json.js';

/**
 * The most a template writes besides the head and the keys, which are
 * measured: the longest constant, and a number as `${n}` writes it (at most
 * 25 characters, "-1.2345678901234567e-308") for each number but a poll's.
 */
const TEMPLATE_MAX_BYTES = 160;
/** The most one [offset,msg] pair of a poll writes. */
const PAIR_MAX_BYTES = 2 * 25 + 4;

export class ReplyBytes {
  private bytes: Buffer;
  private length = 0;
  /** Replies gathered since the last `take`. */
  count = 0;

  constructor(private readonly startBytes = 64 * 1024) {
    this.bytes = Buffer.allocUnsafe(startBytes);
  }

  /** Appends `message` as JSON.stringify writes it, and a newline. */
  add(message: Message): void {
    const end = this.template(message);
    if (end >= 0) this.length = end;
    else {
      const text = encodeJson(message);
      this.room(text.length * 3);
      this.length += this.bytes.write(text, this.length, 'utf8');
    }
    this.room(1);
    this.bytes[this.length++] = NEWLINE;
    this.count++;
  }

  /** The bytes gathered since the last take, handed over: the next ones go to a new buffer. */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(Math.max(this.startBytes, this.length));
    this.length = 0;
    this.count = 0;
    return taken;
  }

  /** Writes `message` from its template after `length`, and returns where it ends; -1 if it fits none. */
  private template(message: Message): number {
    const { src, dest } = message;
    const body = message.body as Fields;
    if (typeof src !== 'string' || typeof dest !== 'string' || !hasExactly(message, ENVELOPE)) return -1;
    const { in_reply_to, msg_id } = body;
    if (!isFiniteNumber(in_reply_to) || !isFiniteNumber(msg_id)) return -1;
    const head = headOf(src, dest);
    this.room(head.length + TEMPLATE_MAX_BYTES);
    let at = put(this.bytes, this.length, head);
    switch (body['type']) {
      case 'send_ok': {
        const offset = body['offset'];
        at = hasExactly(body, SEND_OK) && isFiniteNumber(offset) ? putNumber(this.bytes, put(this.bytes, at, SEND_OK_OFFSET), offset) : -1;
        break;
      }
      case 'commit_offsets_ok':
        at = hasExactly(body, COMMIT_OFFSETS_OK) ? put(this.bytes, at, COMMIT_OFFSETS_OK_TYPE) : -1;
        break;
      case 'poll_ok':
        at = hasExactly(body, POLL_OK) ? this.pairsByKey(body['msgs'], put(this.bytes, at, POLL_OK_MSGS)) : -1;
        break;
      case 'list_committed_offsets_ok':
        at = hasExactly(body, LIST_COMMITTED_OFFSETS_OK) ? this.numbersByKey(body['offsets'], put(this.bytes, at, LIST_COMMITTED_OFFSETS_OK_OFFSETS)) : -1;
        break;
      default:
        return -1;
    }
    if (at < 0) return -1;
    // Room for the ids after a record, whose length was its own.
    at = this.roomAt(at, TEMPLATE_MAX_BYTES);
    at = putNumber(this.bytes, put(this.bytes, at, IN_REPLY_TO), in_reply_to);
    at = putNumber(this.bytes, put(this.bytes, at, MSG_ID), msg_id);
    return put(this.bytes, at, END);
  }

  /** `{"k":[[0,5],[1,6]],...}` from `at`, for a record of arrays of [offset, msg] number pairs; -1 for anything else. */
  private pairsByKey(record: unknown, at: number): number {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return -1;
    let first = true;
    for (const key in record) {
      const pairs: unknown = (record as Fields)[key];
      if (!Object.hasOwn(record, key) || !Array.isArray(pairs)) return -1;
      const name = keyOf(key, first);
      first = false;
      at = this.roomAt(at, name.length + 1 + pairs.length * PAIR_MAX_BYTES + 2);
      const bytes = this.bytes;
      at = put(bytes, at, name);
      bytes[at++] = OPEN_BRACKET;
      for (let i = 0; i < pairs.length; i++) {
        const pair: unknown = pairs[i];
        if (!Array.isArray(pair) || pair.length !== 2) return -1;
        const offset: unknown = pair[0];
        const msg: unknown = pair[1];
        if (!isFiniteNumber(offset) || !isFiniteNumber(msg)) return -1;
        if (i > 0) bytes[at++] = COMMA;
        bytes[at++] = OPEN_BRACKET;
        at = putNumber(bytes, at, offset);
        bytes[at++] = COMMA;
        at = putNumber(bytes, at, msg);
        bytes[at++] = CLOSE_BRACKET;
      }
      bytes[at++] = CLOSE_BRACKET;
    }
    at = this.roomAt(at, 2);
    if (first) this.bytes[at++] = OPEN_BRACE;
    this.bytes[at++] = CLOSE_BRACE;
    return at;
  }

  /** `{"k":3,...}` from `at`, for a record of numbers; -1 for anything else. */
  private numbersByKey(record: unknown, at: number): number {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return -1;
    let first = true;
    for (const key in record) {
      const value: unknown = (record as Fields)[key];
      if (!Object.hasOwn(record, key) || !isFiniteNumber(value)) return -1;
      const name = keyOf(key, first);
      first = false;
      at = this.roomAt(at, name.length + 25);
      at = putNumber(this.bytes, put(this.bytes, at, name), value);
    }
    at = this.roomAt(at, 2);
    if (first) this.bytes[at++] = OPEN_BRACE;
    this.bytes[at++] = CLOSE_BRACE;
    return at;
  }

  /** Makes room for `bytes` more after `length`. */
  private room(bytes: number): void {
    if (this.length + bytes > this.bytes.length) this.grow(this.length + bytes);
  }

  /** Makes room for `bytes` more after `at`, keeping what is written up to `at`; returns `at`. */
  private roomAt(at: number, bytes: number): number {
    if (at + bytes > this.bytes.length) {
      const written = this.length;
      this.length = at;
      this.grow(at + bytes);
      this.length = written;
    }
    return at;
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, needed));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
}

/** One message as the node writes it, without the newline: for tests, and for callers that want a string. */
export const encodeMessage = (message: Message): string => {
  const replies = new ReplyBytes(64);
  replies.add(message);
  const bytes = replies.take();
  return bytes.toString('utf8', 0, bytes.length - 1);
};

/** `source` written at `at` (the caller made room); returns where it ends. TypedArray's set, not a loop: V8 copies in a few calls what it copies byte by byte in a loop. */
const put = (bytes: Uint8Array, at: number, source: Uint8Array): number => {
  bytes.set(source, at);
  return at + source.length;
};

/** `n` written at `at` as `${n}` writes it (the caller made room for 25 bytes); returns where it ends. */
const putNumber = (bytes: Uint8Array, at: number, n: number): number => {
  if (n >= 0 && n <= 0x7fffffff && (n | 0) === n) {
    // A natural number in 31 bits: its digits by integer arithmetic, last first. (Counted
    // in a loop, not by comparisons with 10, 100...: a comparison first met when the ids
    // pass 100,000 would throw away the code V8 compiled, and everything it was inlined into.)
    let end = at + 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) end++;
    let rest = n;
    let i = end;
    do {
      const next = (rest / 10) | 0;
      bytes[--i] = ZERO + rest - next * 10;
      rest = next;
    } while (rest > 0);
    return end;
  }
  const text = `${n}`;
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  return at + text.length;
};

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const NEWLINE = 0x0a;
const ZERO = 0x30;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const SEND_OK_OFFSET = ascii('"send_ok","offset":');
const COMMIT_OFFSETS_OK_TYPE = ascii('"commit_offsets_ok"');
const POLL_OK_MSGS = ascii('"poll_ok","msgs":');
const LIST_COMMITTED_OFFSETS_OK_OFFSETS = ascii('"list_committed_offsets_ok","offsets":');
const IN_REPLY_TO = ascii(',"in_reply_to":');
const MSG_ID = ascii(',"msg_id":');
const END = ascii('}}');

const ENVELOPE = ['src', 'dest', 'body'];
const SEND_OK = ['type', 'offset', 'in_reply_to', 'msg_id'];
const POLL_OK = ['type', 'msgs', 'in_reply_to', 'msg_id'];
const COMMIT_OFFSETS_OK = ['type', 'in_reply_to', 'msg_id'];
const LIST_COMMITTED_OFFSETS_OK = ['type', 'offsets', 'in_reply_to', 'msg_id'];

type Fields = Readonly<Record<string, unknown>>;

/** Whether the keys for-in meets in `record` (own and inherited) are exactly `keys`, in order: the keys JSON.stringify writes. */
const hasExactly = (record: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const key in record) if (key !== keys[i++]) return false;
  return i === keys.length;
};

/** A number JSON.stringify writes as `${n}` does (it writes null for NaN and the infinities). */
const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);

/*
 * Bytes remembered, as clients and keys come back in reply after reply. Each
 * table is forgotten all at once when full, so a run with ever new clients or
 * keys holds at most REMEMBERED_MAX of each.
 */
const REMEMBERED_MAX = 4096;

/** `{"src":...,"dest":...,"body":{"type":` by destination, for the one source a node writes as. */
const heads = new Map<string, Uint8Array>();
let headsFrom = '';

const headOf = (src: string, dest: string): Uint8Array => {
  if (src !== headsFrom) {
    heads.clear();
    headsFrom = src;
  }
  let head = heads.get(dest);
  if (head === undefined) {
    if (heads.size >= REMEMBERED_MAX) heads.clear();
    head = Buffer.from(`{"src":${JSON.stringify(src)},"dest":${JSON.stringify(dest)},"body":{"type":`);
    heads.set(dest, head);
  }
  return head;
};

/** `{"k":` for the first key of a record, `,"k":` for the others. */
const firstKeys = new Map<string, Uint8Array>();
const otherKeys = new Map<string, Uint8Array>();

const keyOf = (key: string, first: boolean): Uint8Array => {
  const table = first ? firstKeys : otherKeys;
  let bytes = table.get(key);
  if (bytes === undefined) {
    if (table.size >= REMEMBERED_MAX) table.clear();
    bytes = Buffer.from(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    table.set(key, bytes);
  }
  return bytes;
};
