/**
 * Messages between nodes, one codec each, decoded at the edge like client
 * requests. There is one, one-way, sent on the replication tick:
 *
 *   kafka_sync   the sender's own new entries of each key with news, as a
 *       run of its entries from index `from` of the ones it assigned, and
 *       its floor for the key (it will never assign below it); changed
 *       committed offsets; and, on full reports, what the sender holds of
 *       the receiver's entries and floors, from which the receiver repairs
 *       whatever was lost.
 */
import * as t from 'io-ts';
import { JsonValue, NonNegativeInt, OffsetsByKey } from '../protocol/codec.js';

const peerMessage = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), msg_id: NonNegativeInt, ...props }, type);

const OffsetMessage = t.tuple([NonNegativeInt, JsonValue]);

export const Sync = peerMessage('kafka_sync', {
  /** Numbers this sender's syncs to this receiver, from 1. */
  seq: NonNegativeInt,
  /** The highest sync seq the sender has received from the receiver (0: none). */
  heard: NonNegativeInt,
  /**
   * Per key: [from, pairs, floor]. pairs[i] is the sender's (from + i)-th own
   * entry of the key, as [offset, msg]; the sender never assigns the key an
   * offset below `floor`, and every entry it assigned below it is among its
   * first from + pairs.length.
   */
  entries: t.record(t.string, t.tuple([NonNegativeInt, t.array(OffsetMessage), NonNegativeInt])),
  committed: OffsetsByKey,
  /** On full reports, per key the sender knows the receiver touched: [how many of the receiver's entries it holds, the receiver's floor it holds]. */
  held: t.union([t.record(t.string, t.tuple([NonNegativeInt, NonNegativeInt])), t.null]),
});

export type SyncMessage = t.TypeOf<typeof Sync>;
export type PeerMessage = SyncMessage;

export const peerMessageCodecs = {
  kafka_sync: Sync,
} as const;
