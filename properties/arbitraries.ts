/** Generators shared by the properties. */
import fc from 'fast-check';

export const keyArb = fc.constantFrom('a', 'b', 'c', 'ключ', '🙂', '');

export const msgArb = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));

/** A request body broken in one of the ways a client can break it (msg_id added by the caller). */
export const malformedBodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('send'), key: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())), msg: msgArb }),
  fc.record({ type: fc.constant('send'), key: keyArb }),
  fc.record({ type: fc.constant('poll'), offsets: fc.oneof(fc.constant([0]), fc.constant('a'), fc.dictionary(keyArb, fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string()), { minKeys: 1, maxKeys: 2 })) }),
  fc.record({ type: fc.constant('commit_offsets'), offsets: fc.dictionary(keyArb, fc.integer({ max: -1 }), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ type: fc.constant('list_committed_offsets'), keys: fc.oneof(fc.string(), fc.array(fc.integer(), { minLength: 1 })) }),
  fc.record({ type: fc.constantFrom('frobnicate', 'append', 'read', 'send_it') }),
);
