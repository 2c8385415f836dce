/**
 * The edge: an untrusted parsed JSON value in, a typed node input out.
 *
 *   Left(reason)  not a Maelstrom message at all, or one we cannot answer (no
 *                 msg_id): the shell logs the reason and skips it.
 *   Right(input)  a `message` with a validated body, or a `rejected` input
 *                 carrying the Maelstrom error (10 unknown type, 12 malformed)
 *                 that the reducer will send back.
 *
 * Written with plain branches rather than `pipe`: this runs once per request
 * and is the hottest code in the node after JSON itself.
 *
 * Two paths, one authority. A well-formed message is recognised by guards
 * written by hand (codec.ts, and kafka.ts's `clientRequestFields`), each as
 * strict as its codec or stricter; peer messages by their codec's own `is`.
 * Every codec here decodes to its input unchanged (strings, numbers,
 * literals, brands, records and arrays of them), so a value its guard
 * accepts decodes to exactly that value, without the contexts and Eithers
 * that `decode` builds to explain a failure. Anything a guard refuses goes
 * through the full io-ts decode, which finds the verdict and writes the
 * error text. properties/decode-fast-path.test.ts checks that both paths
 * agree on generated valid and invalid messages.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeErrors, isNonNegativeInt, isRecord, show } from './codec.js';
import { ErrorCode } from './errors.js';
import { clientRequestCodecs, clientRequestFields } from './kafka.js';
import { peerMessageCodecs } from '../replication/protocol.js';
import type { NodeBody, NodeInput } from '../node/input.js';

const Envelope = t.type({ src: t.string, dest: t.string, body: t.type({}, 'Body') }, 'Envelope');

type BodyCodec = t.Decoder<unknown, NodeBody> & { readonly is: t.Is<NodeBody> };

const bodyCodecs: ReadonlyMap<string, BodyCodec> = new Map<string, BodyCodec>([
  ...Object.entries(clientRequestCodecs),
  ...Object.entries(peerMessageCodecs),
]);

/** The guard of each body's fields after `type` and `msg_id`: by hand for client requests, the codec's `is` for peer messages. */
const bodyFields: ReadonlyMap<string, (body: Readonly<Record<string, unknown>>) => boolean> = new Map([
  ...Object.entries(clientRequestFields),
  ...Object.entries(peerMessageCodecs).map(([type, codec]) => [type, (body: unknown) => codec.is(body)] as const),
]);

/** `Envelope.is`, by hand. */
const isEnvelope = (raw: unknown): raw is { readonly src: string; readonly dest: string; readonly body: Readonly<Record<string, unknown>> } =>
  isRecord(raw) && typeof raw['src'] === 'string' && typeof raw['dest'] === 'string' && isRecord(raw['body']);

export const decodeNodeInput = (raw: unknown, now_ms: number): E.Either<string, NodeInput> => {
  if (isEnvelope(raw)) {
    const body = raw.body;
    const type = body['type'];
    const fields = typeof type === 'string' ? bodyFields.get(type) : undefined;
    if (fields !== undefined && isNonNegativeInt(body['msg_id']) && fields(body)) {
      return E.right({ kind: 'message', now_ms, src: raw.src, dest: raw.dest, body: body as NodeBody });
    }
  }
  return decodeNodeInputFully(raw, now_ms);
};

/** The full io-ts decode: the authority on every verdict and the author of every error text. */
export const decodeNodeInputFully = (raw: unknown, now_ms: number): E.Either<string, NodeInput> => {
  const envelope = Envelope.decode(raw);
  if (E.isLeft(envelope)) return E.left(`not a Maelstrom message: ${describeErrors(envelope.left, 'the message')}`);
  const { src, dest } = envelope.right;
  const body = envelope.right.body as Readonly<Record<string, unknown>>;
  const type = body['type'];
  // A request without a usable type still deserves an answer when it can be
  // addressed: its sender would otherwise wait for nothing.
  if (typeof type !== 'string') {
    const text = `malformed request: field 'type' must be a string, got ${show(type)}`;
    return rejectOrSkip(src, dest, body, ErrorCode.malformedRequest, text, now_ms);
  }
  const codec = bodyCodecs.get(type);
  if (codec !== undefined) {
    const decoded = codec.decode(body);
    if (E.isRight(decoded)) return E.right({ kind: 'message', now_ms, src, dest, body: decoded.right });
    const text = `malformed ${type}: ${describeErrors(decoded.left)}`;
    return rejectOrSkip(src, dest, body, ErrorCode.malformedRequest, text, now_ms);
  }
  if (body['in_reply_to'] !== undefined) return E.left(`ignoring unexpected reply of type '${type}' from ${src}`);
  return rejectOrSkip(src, dest, body, ErrorCode.notSupported, `unsupported request type '${type}'`, now_ms);
};

/** A request can only be answered if it carries a usable msg_id. */
const rejectOrSkip = (
  src: string,
  dest: string,
  body: Readonly<Record<string, unknown>>,
  code: number,
  text: string,
  now_ms: number,
): E.Either<string, NodeInput> =>
  isNonNegativeInt(body['msg_id'])
    ? E.right({ kind: 'rejected', now_ms, src, dest, msg_id: body['msg_id'], code, text })
    : E.left(`${text}; no usable msg_id to reply to, so not answered`);
