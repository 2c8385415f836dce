/**
 * The decoder's fast path (guards written by hand, as strict as the codecs or
 * stricter) and the full io-ts decode give
 * the same answer for every message: the same Right (with the very same body
 * object) or the same Left, the same rejection and the same error text. The
 * messages are well-formed ones of every type the node takes, and the same
 * with one value anywhere in them replaced by a wrong one or deleted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNodeInput, decodeNodeInputFully } from '../src/core/protocol/decode.js';

const nat = fc.oneof(fc.nat({ max: 20 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-0));
const str = fc.oneof(fc.constantFrom('k1', 'n0', 'c1', '', 'ключ', '__proto__', 'toJSON'), fc.string({ maxLength: 4 }));
const json = fc.jsonValue({ maxDepth: 2 });
const offsets = fc.dictionary(str, nat, { maxKeys: 3 });

const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('init'), msg_id: nat, node_id: str, node_ids: fc.array(str, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('send'), msg_id: nat, key: str, msg: json }),
  fc.record({ type: fc.constantFrom('poll', 'commit_offsets'), msg_id: nat, offsets }),
  fc.record({ type: fc.constantFrom('list_committed_offsets', 'fetch_committed_offsets'), msg_id: nat, keys: fc.array(str, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('kafka_forward'), msg_id: nat, seq: nat, sends: fc.array(fc.tuple(str, json), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('kafka_forward_ok'), msg_id: nat, in_reply_to: nat, seq: nat, offsets: fc.array(nat, { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('kafka_sync'),
    msg_id: nat,
    seq: nat,
    heard: nat,
    entries: fc.dictionary(str, fc.tuple(nat, fc.array(json, { maxLength: 3 })), { maxKeys: 2 }),
    committed: offsets,
    lengths: fc.oneof(offsets, fc.constant(null)),
  }),
  fc.record({ type: fc.constantFrom('frobnicate', 'send_ok', 'error'), msg_id: nat, in_reply_to: nat }),
);

const messageArb = fc.record({ src: str, dest: str, body: bodyArb });

/** Every place in a JSON value, as the object or array holding it and the key. */
const places = (value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) => {
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([value, i]), places(item, out)));
  else if (typeof value === 'object' && value !== null)
    for (const key of Object.keys(value)) out.push([value as Record<string, unknown>, key]), places((value as Record<string, unknown>)[key], out);
  return out;
};

/**
 * Wrong values, all of them JSON (the decoder's input comes from JSON.parse):
 * a NaN would make io-ts's array decode return an equal copy, as NaN !== NaN.
 */
const WRONG: readonly unknown[] = [undefined, null, -1, 1.5, 2 ** 53, '1', true, [], {}, [1, 'a'], { k: -1 }];

/** A well-formed message, or one with a value replaced by a wrong one (undefined: deleted), or with an extra field. */
const rawArb = fc.tuple(messageArb, fc.nat(), fc.nat({ max: WRONG.length + 1 })).map(([message, at, which]) => {
  const all = places(message);
  if (which === WRONG.length + 1 || all.length === 0) return message;
  const [holder, key] = all[at % all.length]!;
  if (which === WRONG.length) (message.body as Record<string, unknown>)['extra'] = [1];
  else if (WRONG[which] === undefined && !Array.isArray(holder)) delete (holder as Record<string, unknown>)[key];
  else (holder as Record<string, unknown>)[key as string] = WRONG[which];
  return message;
});

/**
 * Values no JSON text makes, where a hand-written guard could part from io-ts:
 * objects without a prototype, class instances, boxed primitives, a tagged
 * object, a function with properties.
 */
class Instance {
  readonly k = 1;
}
const EXOTIC: readonly (() => unknown)[] = [
  () => Object.assign(Object.create(null) as object, { k1: 1 }),
  () => Object.create(null) as object,
  () => new Instance(),
  () => new Date(0),
  () => new Map([['k1', 1]]),
  () => ({ k1: 1, [Symbol.toStringTag]: 'Tagged' }),
  () => Object.assign(() => 1, { k1: 1 }),
  () => new String('k1'),
  () => new Number(1),
];

/** A well-formed message with one of its objects or values swapped for an exotic one (or its body's prototype taken away). */
const exoticArb = fc.tuple(messageArb, fc.nat(), fc.nat({ max: EXOTIC.length })).map(([message, at, which]) => {
  if (which === EXOTIC.length) return { ...message, body: Object.assign(Object.create(null) as object, message.body) };
  const all = places(message);
  const [holder, key] = all[at % all.length]!;
  (holder as Record<string, unknown>)[key as string] = EXOTIC[which]!();
  return message;
});

const notMessagesArb = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, [], 'x', 3, { src: 'c1', dest: 'n0', body: [] }));

describe('the decoder fast path', () => {
  it('agrees with the full io-ts decode, body object included', () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: rawArb, weight: 9 }, { arbitrary: notMessagesArb, weight: 1 }), (raw) => {
        const fast = decodeNodeInput(raw, 7);
        const full = decodeNodeInputFully(raw, 7);
        expect(fast).toEqual(full);
        if (fast._tag === 'Right' && fast.right.kind === 'message' && full._tag === 'Right' && full.right.kind === 'message') {
          expect(fast.right.body).toBe(full.right.body);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('is never looser than io-ts on values no JSON text makes', () => {
    fc.assert(
      fc.property(exoticArb, (raw) => {
        expect(decodeNodeInput(raw, 7)).toEqual(decodeNodeInputFully(raw, 7));
      }),
      { numRuns: 5_000 },
    );
  });

  it('is tested on accepted, rejected and skipped messages alike', () => {
    const verdicts = fc.sample(rawArb, { numRuns: 2_000, seed: 1 }).map((raw) => {
      const decoded = decodeNodeInputFully(raw, 0);
      return decoded._tag === 'Left' ? 'skipped' : decoded.right.kind;
    });
    for (const verdict of ['message', 'rejected', 'skipped']) expect(verdicts.filter((v) => v === verdict).length).toBeGreaterThan(200);
  });
});
