import type { InitRequest } from '../../protocol/kafka.js';
import { keyedRecord } from '../../protocol/keyed.js';
import { ErrorCode } from '../../protocol/errors.js';
import { newPeer, type PeerState } from '../../replication/state.js';
import type { Outbox } from '../outbox.js';
import type { NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `init` names this node and its cluster. A repeated identical init is
 * answered again (Maelstrom may retry); one that would rename the node is
 * refused and changes nothing. With peers, the replication tick starts here.
 */
export const onInit = (state: NodeState, { src, body, now_ms }: Received<InitRequest>, out: Outbox): NodeState => {
  const { cluster } = state;
  if (cluster !== undefined) {
    const same = cluster.self === body.node_id && cluster.nodeIds.join('\u0000') === body.node_ids.join('\u0000');
    if (same) out.reply(src, body.msg_id, { type: 'init_ok' });
    else out.error(src, body.msg_id, ErrorCode.preconditionFailed, `already initialised as ${cluster.self}`);
    return state;
  }
  if (!body.node_ids.includes(body.node_id)) {
    out.error(src, body.msg_id, ErrorCode.malformedRequest, `node_ids must include node_id '${body.node_id}'`);
    return state;
  }
  if (new Set(body.node_ids).size !== body.node_ids.length) {
    out.error(src, body.msg_id, ErrorCode.malformedRequest, `node_ids must not repeat a node`);
    return state;
  }
  out.reply(src, body.msg_id, { type: 'init_ok' });
  const peers = keyedRecord<PeerState>();
  for (const id of body.node_ids) if (id !== body.node_id) peers[id] = newPeer(now_ms);
  const alone = body.node_ids.length === 1;
  const nextTick_ms = alone ? Infinity : now_ms + state.config.replicationIntervalMs;
  if (!alone) out.timer(nextTick_ms);
  return { ...state, cluster: { self: body.node_id, nodeIds: body.node_ids }, peers, nextTick_ms };
};
