/**
 * What a correct single-node log must answer to each line, predicted from the
 * line alone and a model that is nothing but a map from key to array (and
 * one of committed offsets): the wire rules restated here independently of
 * the node's io-ts codecs, so a decoder that drifts from them is caught.
 *
 * Framing, as the node splits its input: a line is what lies between two
 * '\n', less one trailing '\r'. Then, in order:
 *   - not JSON, blank, or not an object {src: string, dest: string, body: object}: no reply;
 *   - no usable msg_id (a safe integer >= 0): no reply, whatever else is wrong;
 *   - a reply of a type we do not serve (it has `in_reply_to`): no reply;
 *   - type not a string: error 12; a type we do not know: error 10;
 *   - a peer's type (kafka_sync): a single node has no peers, so it is ignored,
 *     or refused with 12 when malformed (which of the two is the codec's
 *     business: at most one reply, and only that error);
 *   - a client request that breaks its RPC's shape: error 12;
 *   - before init, any other request: error 11;
 *   - otherwise the RPC's answer, computed from the model.
 * Every reply goes to the line's src, in reply to its msg_id, from the node
 * (before init: from the line's dest).
 */
import { peerMessageCodecs } from '../../core/replication/protocol.js';

/** The node's own reply cap per key (its `--poll-max`), which a poll's expected answer depends on. */
export interface OracleOptions {
  readonly poll_max: number;
}

export type Expected =
  | { readonly kind: 'none'; readonly why: string }
  /** A peer's message at a node without that peer: ignored, or refused with 12. */
  | { readonly kind: 'maybe-error'; readonly src: string; readonly msg_id: number; readonly why: string }
  | { readonly kind: 'reply'; readonly src: string; readonly from: string; readonly msg_id: number; readonly body: ExpectedBody; readonly why: string };

export type ExpectedBody =
  | { readonly type: 'error'; readonly code: number }
  | { readonly type: 'init_ok' }
  | { readonly type: 'send_ok'; readonly offset: number }
  | { readonly type: 'poll_ok'; readonly msgs: ReadonlyMap<string, string> }
  | { readonly type: 'commit_offsets_ok' }
  | { readonly type: 'list_committed_offsets_ok' | 'fetch_committed_offsets_ok'; readonly offsets: ReadonlyMap<string, string> };

/** A literal piece of output, on `jsonText`'s stack of things to write. */
class Piece {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify's text for JSON data, at any depth. The fast path is
 * JSON.stringify itself; values nested thousands deep overflow its native
 * recursion, and are written from an explicit stack of pieces instead.
 */
export const jsonText = (root: unknown): string => {
  try {
    return JSON.stringify(root) ?? 'null';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const out: string[] = [];
  const todo: unknown[] = [root];
  while (todo.length > 0) {
    const item = todo.pop();
    if (item instanceof Piece) out.push(item.text);
    else if (Array.isArray(item)) {
      todo.push(new Piece(']'));
      for (let i = item.length - 1; i >= 0; i--) todo.push(item[i] === undefined ? null : item[i], ...(i > 0 ? [new Piece(',')] : []));
      out.push('[');
    } else if (typeof item === 'object' && item !== null) {
      const fields = Object.entries(item).filter(([, v]) => v !== undefined);
      todo.push(new Piece('}'));
      for (let i = fields.length - 1; i >= 0; i--) todo.push(fields[i]![1], new Piece(`${i > 0 ? ',' : ''}${JSON.stringify(fields[i]![0])}:`));
      out.push('{');
    } else out.push(JSON.stringify(item) ?? 'null');
  }
  return out.join('');
};

/** JSON.parse's verdict on a line, computed once by whoever reads the line. */
export const NOT_JSON: unique symbol = Symbol('not JSON');
export type Parsed = unknown | typeof NOT_JSON;

export const parseLine = (line: string): Parsed => {
  if (line.trim() === '') return NOT_JSON;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return NOT_JSON;
  }
};

type Json = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isOffsets = (v: unknown): v is Readonly<Record<string, number>> => isRecord(v) && Object.values(v).every(isOffset);
const isStrings = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

const CLIENT_TYPES = new Set(['init', 'send', 'poll', 'commit_offsets', 'list_committed_offsets', 'fetch_committed_offsets']);
/**
 * The node's peer message types, read from its protocol so the oracle follows
 * a change of replication (the model restates what clients see, not how
 * peers talk); other kafka_* types are unknown types like any.
 */
const PEER_TYPES: ReadonlySet<string> = new Set(Object.keys(peerMessageCodecs));

/** Whether a body of a client RPC has that RPC's shape (extra fields are allowed). */
const wellFormed = (type: string, body: Json): boolean => {
  switch (type) {
    case 'init':
      return typeof body['node_id'] === 'string' && isStrings(body['node_ids']);
    case 'send':
      return typeof body['key'] === 'string' && body['msg'] !== undefined;
    case 'poll':
    case 'commit_offsets':
      return isOffsets(body['offsets']);
    default:
      return isStrings(body['keys']);
  }
};

export class FuzzOracle {
  /** key -> each stored msg as JSON text, index = offset. */
  private readonly logs = new Map<string, string[]>();
  private readonly committed = new Map<string, number>();
  private cluster: { readonly self: string; readonly nodeIds: string } | null = null;

  constructor(private readonly options: OracleOptions) {}

  /** The model's length of a key's log (the generator aims polls and commits near it). */
  logLength(key: string): number {
    return this.logs.get(key)?.length ?? 0;
  }

  get initialised(): boolean {
    return this.cluster !== null;
  }

  /** What the node must answer to `parsed`, and the model updated as a correct node would be. */
  expect(parsed: Parsed): Expected {
    if (parsed === NOT_JSON) return { kind: 'none', why: 'not JSON' };
    if (!isRecord(parsed) || typeof parsed['src'] !== 'string' || typeof parsed['dest'] !== 'string' || !isRecord(parsed['body'])) {
      return { kind: 'none', why: 'not an envelope' };
    }
    const src = parsed['src'];
    const body = parsed['body'];
    const msg_id = body['msg_id'];
    if (!isOffset(msg_id)) return { kind: 'none', why: 'no usable msg_id' };
    const type = body['type'];
    const from = this.cluster?.self ?? parsed['dest'];
    const reply = (expected: ExpectedBody, why: string): Expected => ({ kind: 'reply', src, from, msg_id, body: expected, why });
    const error = (code: number, why: string): Expected => reply({ type: 'error', code }, why);
    if (typeof type !== 'string') return error(12, 'type is not a string');
    if (PEER_TYPES.has(type)) return { kind: 'maybe-error', src, msg_id, why: `${type} at a node without peers` };
    if (!CLIENT_TYPES.has(type)) return body['in_reply_to'] !== undefined ? { kind: 'none', why: `a ${type} reply` } : error(10, `unknown type ${type}`);
    if (!wellFormed(type, body)) return error(12, `malformed ${type}`);
    if (type === 'init') return this.init(body, reply, error);
    if (this.cluster === null) return error(11, `${type} before init`);
    switch (type) {
      case 'send':
        return reply({ type: 'send_ok', offset: this.append(body['key'] as string, body['msg']) }, 'send');
      case 'poll':
        return reply({ type: 'poll_ok', msgs: this.poll(body['offsets'] as Readonly<Record<string, number>>) }, 'poll');
      case 'commit_offsets':
        this.commit(body['offsets'] as Readonly<Record<string, number>>);
        return reply({ type: 'commit_offsets_ok' }, 'commit');
      default:
        return reply({ type: `${type as 'list_committed_offsets'}_ok`, offsets: this.list(body['keys'] as readonly string[]) }, type);
    }
  }

  private init(body: Json, reply: (b: ExpectedBody, why: string) => Expected, error: (code: number, why: string) => Expected): Expected {
    const self = body['node_id'] as string;
    const ids = body['node_ids'] as readonly string[];
    if (this.cluster !== null) {
      const same = this.cluster.self === self && this.cluster.nodeIds === JSON.stringify(ids);
      return same ? reply({ type: 'init_ok' }, 'init again') : error(22, 'init as another node');
    }
    if (!ids.includes(self)) return error(12, 'node_ids without node_id');
    if (new Set(ids).size !== ids.length) return error(12, 'node_ids repeat');
    // Forwarding and replication make answers depend on peers: this oracle is for one node.
    if (ids.length !== 1) throw new Error(`the fuzz oracle models a single node; the stream initialised ${ids.length}`);
    this.cluster = { self, nodeIds: JSON.stringify(ids) };
    return reply({ type: 'init_ok' }, 'init');
  }

  private append(key: string, msg: unknown): number {
    let log = this.logs.get(key);
    if (log === undefined) this.logs.set(key, (log = []));
    log.push(jsonText(msg));
    return log.length - 1;
  }

  private poll(offsets: Readonly<Record<string, number>>): ReadonlyMap<string, string> {
    const msgs = new Map<string, string>();
    for (const [key, from] of Object.entries(offsets)) {
      const log = this.logs.get(key) ?? [];
      const pairs: string[] = [];
      for (let offset = from; offset < log.length && offset < from + this.options.poll_max; offset++) pairs.push(`[${offset},${log[offset]}]`);
      if (pairs.length > 0) msgs.set(key, `[${pairs.join(',')}]`);
    }
    return msgs;
  }

  private commit(offsets: Readonly<Record<string, number>>): void {
    for (const [key, offset] of Object.entries(offsets)) this.committed.set(key, Math.max(this.committed.get(key) ?? -1, offset));
  }

  private list(keys: readonly string[]): ReadonlyMap<string, string> {
    const offsets = new Map<string, string>();
    for (const key of keys) {
      const committed = this.committed.get(key);
      if (committed !== undefined) offsets.set(key, String(committed));
    }
    return offsets;
  }
}

/** The first key where the map the node sent differs from the expected one, or null. */
const mapMismatch = (what: string, expected: ReadonlyMap<string, string>, actual: unknown): string | null => {
  if (!isRecord(actual)) return `${what}: not an object`;
  const got = new Map(Object.entries(actual).map(([key, value]) => [key, jsonText(value)]));
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const [want, have] = [expected.get(key), got.get(key)];
    if (want !== have) return `${what}: key ${JSON.stringify(key)} holds ${clip(have ?? 'nothing')}, expected ${clip(want ?? 'nothing')}`;
  }
  return null;
};

/** A node's message, as read back from its output. */
export interface SeenMessage {
  readonly src: unknown;
  readonly dest: unknown;
  readonly body: Json;
}

/** Why `reply` is not the answer `expected` describes, or null when it is. */
export const mismatch = (expected: Extract<Expected, { kind: 'reply' }>, reply: SeenMessage): string | null => {
  const { body } = reply;
  if (reply.dest !== expected.src || body['in_reply_to'] !== expected.msg_id) return `expected a reply to ${expected.src}'s msg ${expected.msg_id}`;
  if (reply.src !== expected.from) return `the reply came from ${String(reply.src)}, not ${expected.from}`;
  const want = expected.body;
  if (body['type'] !== want.type) return `expected ${want.type}${want.type === 'error' ? ` ${want.code}` : ''} (${expected.why}), got ${String(body['type'])}${body['type'] === 'error' ? ` ${String(body['code'])}: ${String(body['text'])}` : ''}`;
  switch (want.type) {
    case 'error':
      return body['code'] === want.code ? null : `expected error ${want.code} (${expected.why}), got ${String(body['code'])}: ${String(body['text'])}`;
    case 'send_ok':
      return body['offset'] === want.offset ? null : `send_ok with offset ${String(body['offset'])}, expected ${want.offset} (offsets must be dense)`;
    case 'poll_ok':
      return mapMismatch('poll_ok msgs', want.msgs, body['msgs']);
    case 'list_committed_offsets_ok':
    case 'fetch_committed_offsets_ok':
      return mapMismatch('committed offsets', want.offsets, body['offsets']);
    default:
      return null;
  }
};

/** Whether `reply` is the error 12 a `maybe-error` line may get. */
export const isMaybeError = (expected: Extract<Expected, { kind: 'maybe-error' }>, reply: SeenMessage): boolean =>
  reply.dest === expected.src && reply.body['in_reply_to'] === expected.msg_id && reply.body['type'] === 'error' && reply.body['code'] === 12;

export const clip = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text);
