/**
 * encodeMessage writes exactly what JSON.stringify writes, for the reply
 * shapes it has fast paths for and for everything near them: keys in another
 * order, missing or extra keys, values of other types, strings that need
 * escaping, non-finite numbers, nested and very deep messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeIteratively } from '../../src/shell/json.js';
import { encodeMessage } from '../../src/shell/node/encode-message.js';

const oddString = fc.oneof(fc.constantFrom('n0', 'c1', 'k', '', 'a"b', 'back\\slash', 'tab\t', '\u0000', 'ключ', '🙂', '\ud800', '__proto__'), fc.string({ maxLength: 4, unit: 'binary' }));
const num = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Infinity, 1e21, 2 ** 53));
const anything = fc.oneof(num, oddString, fc.constantFrom(null, true, undefined), fc.jsonValue({ maxDepth: 2 }));
const offsets = fc.dictionary(oddString, fc.oneof({ arbitrary: fc.nat(), weight: 5 }, { arbitrary: anything, weight: 1 }), { maxKeys: 3 });
const pair = fc.oneof(
  { arbitrary: fc.tuple(fc.nat(), fc.oneof(fc.integer(), oddString, fc.jsonValue({ maxDepth: 2 }))), weight: 8 },
  { arbitrary: fc.array(anything, { maxLength: 3 }), weight: 1 },
  { arbitrary: anything, weight: 1 },
);
const msgs = fc.oneof(
  { arbitrary: fc.dictionary(oddString, fc.oneof({ arbitrary: fc.array(pair, { maxLength: 4 }), weight: 8 }, { arbitrary: anything, weight: 1 }), { maxKeys: 3 }), weight: 8 },
  { arbitrary: anything, weight: 1 },
);
const ids = { in_reply_to: fc.oneof({ arbitrary: fc.nat(), weight: 8 }, { arbitrary: anything, weight: 1 }), msg_id: fc.oneof({ arbitrary: fc.nat(), weight: 8 }, { arbitrary: anything, weight: 1 }) };

const bodyArb = fc.oneof(
  fc.record({ type: fc.constant('send_ok'), offset: fc.oneof(fc.nat(), num, anything), ...ids }),
  fc.record({ type: fc.constant('poll_ok'), msgs, ...ids }),
  fc.record({ type: fc.constantFrom('commit_offsets_ok', 'init_ok'), ...ids }),
  fc.record({ type: fc.constantFrom('list_committed_offsets_ok', 'fetch_committed_offsets_ok'), offsets, ...ids }),
  fc.record({ type: fc.constant('error'), code: fc.nat(), text: oddString, ...ids }),
);

/** The body, maybe with its keys shuffled, one dropped, or one added. */
const shapedBodyArb = fc.tuple(bodyArb, fc.nat({ max: 9 }), fc.nat(), anything).map(([body, how, at, extra]) => {
  const keys = Object.keys(body);
  if (how === 0) return Object.fromEntries([...keys.slice(at % keys.length), ...keys.slice(0, at % keys.length)].map((k) => [k, body[k as keyof typeof body]]));
  if (how === 1) return Object.fromEntries(keys.filter((_, i) => i !== at % keys.length).map((k) => [k, body[k as keyof typeof body]]));
  if (how === 2) return { ...body, extra };
  return body;
});

const messageArb = fc.oneof(
  { arbitrary: fc.record({ src: oddString, dest: oddString, body: shapedBodyArb }), weight: 9 },
  { arbitrary: fc.record({ dest: oddString, src: oddString, body: shapedBodyArb }), weight: 1 },
);

describe('encodeMessage', () => {
  it('writes what JSON.stringify writes', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        expect(encodeMessage(message as never)).toBe(JSON.stringify(message));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes its fast paths on well-formed replies (so the property above tests them)', () => {
    const reply = { src: 'n0', dest: 'c1', body: { type: 'poll_ok', msgs: { k: [[0, 1], [1, 'x"']] }, in_reply_to: 3, msg_id: 4 } };
    const stringify = JSON.stringify;
    JSON.stringify = (() => 'not used') as typeof JSON.stringify;
    try {
      expect(encodeMessage({ src: 'n0', dest: 'c1', body: { type: 'send_ok', offset: 2, in_reply_to: 3, msg_id: 4 } })).toBe(
        '{"src":"n0","dest":"c1","body":{"type":"send_ok","offset":2,"in_reply_to":3,"msg_id":4}}',
      );
      expect(encodeMessage(reply)).toBe('{"src":"n0","dest":"c1","body":{"type":"poll_ok","msgs":{"k":[[0,1],[1,not used]]},"in_reply_to":3,"msg_id":4}}');
    } finally {
      JSON.stringify = stringify;
    }
  });

  it('writes a message deeper than JSON.stringify can recurse', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const message = { src: 'n0', dest: 'c1', body: { type: 'poll_ok', msgs: { k: [[0, deep]] }, in_reply_to: 1, msg_id: 2 } };
    expect(() => JSON.stringify(message)).toThrow(RangeError);
    expect(encodeMessage(message)).toBe(encodeIteratively(message));
    expect(encodeMessage(message).startsWith('{"src":"n0","dest":"c1","body":{"type":"poll_ok","msgs":{"k":[[0,[[[[')).toBe(true);
  });
});
