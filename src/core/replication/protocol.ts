/**
 * Messages between nodes, one codec each, decoded at the edge like client
 * requests. Two conversations:
 *
 *   kafka_forward / kafka_forward_ok   a non-owner hands a batch of sends to
 *       the key's owner, which assigns their offsets. `seq` numbers a
 *       forwarder's batches to one owner, so a duplicated delivery is
 *       answered again, never appended twice.
 *
 *   kafka_sync                         one-way, on the replication tick: the
 *       sender's new log entries for keys it owns, changed committed offsets,
 *       and (on `full` reports) the lengths it holds of the receiver's keys,
 *       from which the receiver repairs whatever was lost.
 */
import * as t from 'io-ts';
import { JsonValue, NonNegativeInt, OffsetsByKey } from '../protocol/codec.js';

const peerMessage = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), msg_id: NonNegativeInt, ...props }, type);

export const Forward = peerMessage('kafka_forward', {
  seq: NonNegativeInt,
  /** [key, msg] in the order the forwarder's clients sent them. */
  sends: t.array(t.tuple([t.string, JsonValue])),
});

export const ForwardOk = peerMessage('kafka_forward_ok', {
  in_reply_to: NonNegativeInt,
  seq: NonNegativeInt,
  /** offsets[i] is the offset the owner assigned to sends[i]. */
  offsets: t.array(NonNegativeInt),
});

export const Sync = peerMessage('kafka_sync', {
  /** Numbers this sender's syncs to this receiver, from 1. */
  seq: NonNegativeInt,
  /** The highest sync seq the sender has received from the receiver (0: none). */
  heard: NonNegativeInt,
  /** Keys the sender owns: [from, msgs], msgs[i] being at offset from + i. */
  entries: t.record(t.string, t.tuple([NonNegativeInt, t.array(JsonValue)])),
  committed: OffsetsByKey,
  /** On full reports: the sender's log length of every key the receiver owns. */
  lengths: t.union([OffsetsByKey, t.null]),
});

export type ForwardMessage = t.TypeOf<typeof Forward>;
export type ForwardOkMessage = t.TypeOf<typeof ForwardOk>;
export type SyncMessage = t.TypeOf<typeof Sync>;
export type PeerMessage = ForwardMessage | ForwardOkMessage | SyncMessage;

export const peerMessageCodecs = {
  kafka_forward: Forward,
  kafka_forward_ok: ForwardOk,
  kafka_sync: Sync,
} as const;
