import type { SendRequest } from '../../protocol/kafka.js';
import { ErrorCode } from '../../protocol/errors.js';
import { isSuspected } from '../../replication/liveness.js';
import { appendOwned } from '../../replication/owned-writes.js';
import { ownerOf } from '../../replication/ownership.js';
import { dispatchQueued } from '../../replication/forward.js';
import type { Outbox } from '../outbox.js';
import type { Cluster, NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `send`: the key's owner appends at the next offset and answers with it.
 * Any other node forwards it to the owner (batched behind any forward in
 * flight, see replication/forward.ts), or refuses it with 11, a definite error,
 * when the owner has been silent too long to be reachable: a send refused
 * here was never forwarded, so it can never appear in the log.
 */
export const onSend = (state: NodeState, input: Received<SendRequest>, out: Outbox, cluster: Cluster): NodeState => {
  const { src, body, now_ms } = input;
  const owner = ownerOf(cluster.nodeIds, body.key);
  if (owner === cluster.self) {
    const [next, offset] = appendOwned(state, body.key, body.msg);
    out.reply(src, body.msg_id, { type: 'send_ok', offset });
    return next;
  }
  const peer = state.peers[owner]!;
  if (isSuspected(state.config, peer, now_ms)) {
    const silent_ms = Math.round(now_ms - peer.lastHeard_ms);
    out.error(src, body.msg_id, ErrorCode.temporarilyUnavailable, `key '${body.key}' is owned by ${owner}, unreachable (silent for ${silent_ms} ms)`);
    return state;
  }
  const pending = { client: src, msg_id: body.msg_id, key: body.key, msg: body.msg };
  const queued = { ...peer, queued: [...peer.queued, pending] };
  return { ...state, peers: { ...state.peers, [owner]: dispatchQueued(state, owner, queued, now_ms, out) } };
};
