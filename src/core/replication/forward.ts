/**
 * Sends for keys another node owns travel there in batches, Nagle-style:
 *
 *   forwarder                                  owner
 *   queue sends ──▶ kafka_forward{seq} ──────────▶ append each (once per seq)
 *   send_ok to each client ◀── kafka_forward_ok{offsets} ──┘
 *
 * At most one batch per owner is in flight. A send that finds none in flight
 * leaves at once; sends arriving meanwhile queue behind it and leave together
 * when its answer comes. So an idle cluster forwards with one round trip of
 * latency, and a busy one batches by itself, with no timer. A batch unanswered for `forwardTimeoutMs` is answered to its
 * clients with error 0 (timeout), an indefinite error: the owner may have
 * appended it, and only a later poll can tell. That keeps every client
 * request answered well inside the workload's 5 s timeout.
 */
import { ErrorCode } from '../protocol/errors.js';
import { extendFrom } from '../node/partition.js';
import type { Outbox } from '../node/outbox.js';
import { emptyPartition, type NodeState } from '../node/state.js';
import { get, set } from '../persistent/hamt.js';
import { isSuspected } from './liveness.js';
import { appendOwned } from './owned-writes.js';
import type { ForwardMessage, ForwardOkMessage } from './protocol.js';
import { updatePeer, type PeerState, type PendingSend } from './state.js';

/** Owner side: append a batch once, however often it is delivered, and answer with its offsets. */
export const onForward = (state: NodeState, from: string, body: ForwardMessage, out: Outbox): NodeState => {
  const last = state.peers[from]!.lastForwardIn;
  if (last !== undefined && body.seq < last.seq) {
    out.log(`ignoring forward ${body.seq} from ${from}: batch ${last.seq} is newer`);
    return state;
  }
  if (last !== undefined && body.seq === last.seq) {
    out.reply(from, body.msg_id, { type: 'kafka_forward_ok', seq: body.seq, offsets: last.offsets });
    return state;
  }
  let next = state;
  const offsets: number[] = [];
  for (const [key, msg] of body.sends) {
    const [appended, offset] = appendOwned(next, key, msg);
    next = appended;
    offsets.push(offset);
  }
  out.reply(from, body.msg_id, { type: 'kafka_forward_ok', seq: body.seq, offsets });
  return { ...next, peers: updatePeer(next.peers, from, (p) => ({ ...p, lastForwardIn: { seq: body.seq, offsets } })) };
};

/**
 * Forwarder side: the owner's answer. Each client gets its offset, our
 * replica takes the messages it now knows the place of, where that place is
 * our replica's end (a replica must stay a prefix of the owner's log), and
 * the sends queued meanwhile leave as the next batch.
 */
export const onForwardOk = (state: NodeState, from: string, body: ForwardOkMessage, now_ms: number, out: Outbox): NodeState => {
  const inFlight = state.peers[from]!.inFlight;
  if (inFlight === undefined || inFlight.msg_id !== body.in_reply_to || body.offsets.length !== inFlight.sends.length) {
    out.log(`ignoring a late or unknown forward answer from ${from} (batch ${body.seq})`);
    return state;
  }
  let partitions = state.partitions;
  inFlight.sends.forEach((send, i) => {
    const offset = body.offsets[i]!;
    out.reply(send.client, send.msg_id, { type: 'send_ok', offset });
    const before = get(partitions, send.key) ?? emptyPartition;
    const after = extendFrom(before, offset, [send.msg]);
    if (after !== before) partitions = set(partitions, send.key, after);
  });
  const peer = dispatchQueued(state, from, { ...state.peers[from]!, inFlight: undefined }, now_ms, out);
  return { ...state, partitions, peers: { ...state.peers, [from]: peer } };
};

/**
 * On a tick, for one owner: time out the batch in flight, and dispatch what
 * queued behind it.
 */
export const expireForwards = (state: NodeState, owner: string, now_ms: number, out: Outbox): PeerState => {
  const peer = state.peers[owner]!;
  const { inFlight } = peer;
  if (inFlight === undefined || now_ms - inFlight.sent_ms < state.config.forwardTimeoutMs) return peer;
  for (const send of inFlight.sends) {
    out.error(send.client, send.msg_id, ErrorCode.timeout, `forwarded to ${owner}, the owner of '${send.key}', and no answer within ${state.config.forwardTimeoutMs} ms: the send may or may not have happened`);
  }
  return dispatchQueued(state, owner, { ...peer, inFlight: undefined }, now_ms, out);
};

/**
 * Sends what is queued for `owner` as the next batch if none is in flight, or
 * refuses it all with 11 if the owner is unreachable. Returns the peer's record.
 */
export const dispatchQueued = (state: NodeState, owner: string, peer: PeerState, now_ms: number, out: Outbox): PeerState => {
  if (peer.inFlight !== undefined || peer.queued.length === 0) return peer;
  if (isSuspected(state.config, peer, now_ms)) {
    refuse(peer.queued, owner, out);
    return { ...peer, queued: [] };
  }
  const sends = peer.queued;
  const seq = peer.nextForwardSeq;
  const msg_id = out.send(owner, { type: 'kafka_forward', seq, sends: sends.map((s) => [s.key, s.msg]) });
  return { ...peer, queued: [], nextForwardSeq: seq + 1, inFlight: { seq, msg_id, sent_ms: now_ms, sends } };
};

const refuse = (sends: readonly PendingSend[], owner: string, out: Outbox): void => {
  for (const send of sends) {
    out.error(send.client, send.msg_id, ErrorCode.temporarilyUnavailable, `key '${send.key}' is owned by ${owner}, which is unreachable`);
  }
};
