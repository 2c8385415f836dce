/**
 * Messages between nodes, one codec each, decoded at the edge like client
 * requests. There is one, one-way, sent on the replication tick:
 *
 *   kafka_sync   a stretch [from, to) of the sender's news: the entries in it
 *       routed to the receiver, and for each key it touches the floor the
 *       sender promises for the receiver's part of the cluster and the key's
 *       committed offset; with the sender's acknowledgement of the
 *       receiver's news, and whether it refused some of it.
 */
import * as t from 'io-ts';
import { JsonValue, NonNegativeInt, OffsetsByKey } from '../protocol/codec.js';

const peerMessage = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), msg_id: NonNegativeInt, ...props }, type);

export const Sync = peerMessage('kafka_sync', {
  /** The stretch of the sender's news this sync carries: positions from `from` up to, not including, `to`. */
  from: NonNegativeInt,
  to: NonNegativeInt,
  /** The stretch's entries routed to the receiver, in news order, as [key, offset, msg]. */
  entries: t.array(t.tuple([t.string, NonNegativeInt, JsonValue])),
  /**
   * Per key the stretch touches: no node behind the sender (as the receiver
   * sees it) assigns the key an offset below this, and the sender's news up to
   * `to` holds every entry they assigned below it.
   */
  floors: OffsetsByKey,
  /** Per key the stretch touches: its committed offset, if any. */
  committed: OffsetsByKey,
  /** The sender holds the receiver's news below this position. */
  ack: NonNegativeInt,
  /** Set when the sender refused a sync of the receiver's ending here (it started past `ack`): go back to `ack`. */
  refused: t.union([NonNegativeInt, t.null]),
});

export type SyncMessage = t.TypeOf<typeof Sync>;
export type PeerMessage = SyncMessage;

export const peerMessageCodecs = {
  kafka_sync: Sync,
} as const;
