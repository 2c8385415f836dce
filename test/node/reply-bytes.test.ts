/**
 * The node writes its replies as bytes (ReplyBytes), the ones it sends most
 * from templates: the bytes must be the UTF-8 of JSON.stringify's text and a
 * newline, always, whether a message fits its template or just misses it (a
 * field more, less or out of order, a value of another kind, an inherited
 * key), and whatever came before it in the batch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/machine.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';
import { keyedRecord } from '../../src/core/protocol/keyed.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { encodeJson } from '../../src/shell/json.js';
import { encodeMessage, ReplyBytes } from '../../src/shell/node/reply-bytes.js';
import { generateStream } from '../../bench/stream.js';

const id = fc.oneof(fc.constantFrom('n0', 'c1', 'k1', '', '"', '\\', '\n', 'ключ', '🙂', '__proto__', 'toJSON', '1', '07'), fc.string({ maxLength: 3 }));
const nat = fc.oneof(fc.nat({ max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER));
/** What a field may hold instead: other numbers, other kinds. */
const odd = fc.constantFrom<unknown>(-0, -1, 1.5, 1e21, 5e-7, NaN, Infinity, -Infinity, null, '3', true, [], {}, [1, 2], undefined);
const msg = fc.oneof({ arbitrary: nat, weight: 8 }, { arbitrary: odd, weight: 1 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });

/** A record as the core builds them (no prototype), or a plain object. */
const record = <T>(entries: readonly (readonly [string, T])[], plain: boolean): Record<string, T> => {
  const out = plain ? ({} as Record<string, T>) : keyedRecord<T>();
  for (const [key, value] of entries) out[key] = value;
  return out;
};

const pairs = fc.array(fc.oneof({ arbitrary: fc.tuple(nat, msg), weight: 9 }, { arbitrary: fc.array(msg, { maxLength: 3 }), weight: 1 }), { maxLength: 4 });

const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('send_ok'), offset: msg }),
  fc.record({ type: fc.constant('poll_ok'), msgs: fc.tuple(fc.array(fc.tuple(id, pairs), { maxLength: 3 }), fc.boolean()).map(([e, plain]) => record(e, plain)) }),
  fc.record({ type: fc.constant('commit_offsets_ok') }),
  fc.record({ type: fc.constant('list_committed_offsets_ok'), offsets: fc.tuple(fc.array(fc.tuple(id, msg), { maxLength: 3 }), fc.boolean()).map(([e, plain]) => record(e, plain)) }),
  fc.record({ type: fc.constantFrom('init_ok', 'error', 'kafka_sync'), code: nat, text: id }),
);

/** A reply as Outbox.reply stamps it, then perhaps bent: an id of another kind, a field deleted, added or moved to the end. */
const messageArb: fc.Arbitrary<Message> = fc
  .tuple(id, id, bodyArb, nat, nat, fc.nat({ max: 5 }), fc.nat(), odd)
  .map(([src, dest, fields, inReplyTo, msgId, bend, at, value]) => {
    const body: Record<string, unknown> = { ...fields, in_reply_to: inReplyTo, msg_id: msgId };
    const keys = Object.keys(body);
    const key = keys[at % keys.length]!;
    if (bend === 1) body[key] = value;
    else if (bend === 2) delete body[key];
    else if (bend === 3) body['extra'] = value;
    else if (bend === 4) {
      const moved = body[key];
      delete body[key];
      body[key] = moved;
    }
    return { src, dest, body: body as Message['body'] };
  });

/** The lines JSON.stringify writes for `messages`. */
const lines = (messages: readonly Message[]): string => messages.map((message) => `${JSON.stringify(message)}\n`).join('');

describe('ReplyBytes', () => {
  it('writes what JSON.stringify writes, for replies that fit their template and replies that just miss it', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        expect(encodeMessage(message)).toBe(JSON.stringify(message));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes batches of them, in buffers that grow in the middle of a reply, as lines of JSON.stringify', () => {
    fc.assert(
      fc.property(fc.array(fc.array(messageArb, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), fc.nat({ max: 40 }), (batches, startBytes) => {
        const replies = new ReplyBytes(startBytes + 1);
        for (const batch of batches) {
          for (const message of batch) replies.add(message);
          expect(replies.count).toBe(batch.length);
          expect(replies.take().toString('utf8')).toBe(lines(batch));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('writes what JSON.stringify writes when a record inherits a key or the envelope has one more', () => {
    const inherited = Object.create({ k9: [[0, 1]] }) as Record<string, unknown>;
    inherited['k1'] = [[0, 5]];
    const messages: Message[] = [
      { src: 'n0', dest: 'c1', body: { type: 'poll_ok', msgs: inherited, in_reply_to: 1, msg_id: 2 } },
      { src: 'n0', dest: 'c1', body: { type: 'list_committed_offsets_ok', offsets: Object.create({ k9: 3 }) as object, in_reply_to: 1, msg_id: 2 } },
      { src: 'n0', dest: 'c1', body: { type: 'send_ok', offset: 3, in_reply_to: 1, msg_id: 2 }, extra: 1 } as Message,
      { dest: 'c1', src: 'n0', body: { type: 'send_ok', offset: 3, in_reply_to: 1, msg_id: 2 } },
    ];
    for (const message of messages) expect(encodeMessage(message)).toBe(JSON.stringify(message));
  });

  it('writes a poll_ok holding a message nested too deep for JSON.stringify as encodeJson does', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const msgs = keyedRecord<unknown>();
    msgs['k1'] = [[0, deep]];
    const message: Message = { src: 'n0', dest: 'c1', body: { type: 'poll_ok', msgs, in_reply_to: 1, msg_id: 2 } };
    expect(() => JSON.stringify(message)).toThrow(RangeError);
    expect(encodeMessage(message)).toBe(encodeJson(message));
  });

  it('writes a poll of many keys and pairs, and numbers of every size, as JSON.stringify does', () => {
    const msgs = keyedRecord<[number, number][]>();
    for (let k = 0; k < 50; k++) msgs[`key-${k}-ключ`] = Array.from({ length: 40 }, (_, i): [number, number] => [2 ** 31 - 20 + i, k * 1e9 + i]);
    const numbers = [0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 1e21, -1, 0.1, 1.5e-7];
    const messages: Message[] = [
      { src: 'n0', dest: 'c1', body: { type: 'poll_ok', msgs, in_reply_to: 1, msg_id: 2 } },
      ...numbers.map((n): Message => ({ src: 'n0', dest: 'c1', body: { type: 'send_ok', offset: n, in_reply_to: n, msg_id: n } })),
    ];
    const replies = new ReplyBytes(16);
    for (const message of messages) replies.add(message);
    expect(replies.take().toString('utf8')).toBe(lines(messages));
  });

  it("writes every reply of the node to the benchmark's stream, malformed requests included, as JSON.stringify does", () => {
    let state: NodeState = initialNodeState();
    let sent = 0;
    const replies = new ReplyBytes(1024);
    const all: Message[] = [];
    for (const line of generateStream(5_000, { malformed: true }).split('\n')) {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        continue;
      }
      const decoded = decodeNodeInput(raw, 0);
      if (decoded._tag === 'Left') continue;
      const [next, effects] = step(state, decoded.right);
      state = next;
      for (const effect of effects) {
        if (effect.kind !== 'send') continue;
        replies.add(effect.message);
        all.push(effect.message);
        sent++;
      }
    }
    expect(replies.take().toString('utf8')).toBe(lines(all));
    expect(sent).toBeGreaterThan(4_900);
  });
});
