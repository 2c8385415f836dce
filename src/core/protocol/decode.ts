/**
 * The edge: an untrusted parsed JSON value in, a typed node input out.
 *
 *   Left(reason)  not a Maelstrom message at all, or one we cannot answer (no
 *                 msg_id): the shell logs the reason and skips it.
 *   Right(input)  a `message` with a validated body, or a `rejected` input
 *                 carrying the Maelstrom error (10 unknown type, 12 malformed)
 *                 that the reducer will send back.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { describeErrors, NonNegativeInt } from './codec.js';
import { ErrorCode } from './errors.js';
import { clientRequestCodecs } from './kafka.js';
import { peerMessageCodecs } from '../replication/protocol.js';
import type { NodeBody, NodeInput } from '../node/input.js';

const Envelope = t.type({ src: t.string, dest: t.string, body: t.type({ type: t.string }, 'Body') }, 'Envelope');

const bodyCodecs: Readonly<Record<string, t.Decoder<unknown, NodeBody>>> = {
  ...clientRequestCodecs,
  ...peerMessageCodecs,
};

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

export const decodeNodeInput = (raw: unknown, now_ms: number): E.Either<string, NodeInput> =>
  pipe(
    Envelope.decode(raw),
    E.mapLeft((errors) => `not a Maelstrom message: ${describeErrors(errors, 'the message')}`),
    E.chain(({ src, dest, body }) => {
      const record = body as Readonly<Record<string, unknown>>;
      const codec = hasOwn(bodyCodecs, body.type) ? bodyCodecs[body.type] : undefined;
      if (codec !== undefined) {
        const decoded = codec.decode(body);
        if (E.isRight(decoded)) return E.right<string, NodeInput>({ kind: 'message', now_ms, src, dest, body: decoded.right });
        const text = `malformed ${body.type}: ${describeErrors(decoded.left)}`;
        return rejectOrSkip(src, dest, record, ErrorCode.malformedRequest, text, now_ms);
      }
      if (record['in_reply_to'] !== undefined) {
        return E.left(`ignoring unexpected reply of type '${body.type}' from ${src}`);
      }
      return rejectOrSkip(src, dest, record, ErrorCode.notSupported, `unsupported request type '${body.type}'`, now_ms);
    }),
  );

/** A request can only be answered if it carries a usable msg_id. */
const rejectOrSkip = (
  src: string,
  dest: string,
  body: Readonly<Record<string, unknown>>,
  code: number,
  text: string,
  now_ms: number,
): E.Either<string, NodeInput> =>
  NonNegativeInt.is(body['msg_id'])
    ? E.right({ kind: 'rejected', now_ms, src, dest, msg_id: body['msg_id'], code, text })
    : E.left(`${text}; no usable msg_id to reply to, so not answered`);
