/**
 * Messages between nodes. Filled in by the replication layer; the decoder
 * routes any `type` listed in `peerMessageCodecs`.
 */
import type * as t from 'io-ts';

export type PeerMessage = never;

export const peerMessageCodecs: Readonly<Record<string, t.Decoder<unknown, PeerMessage>>> = {};
