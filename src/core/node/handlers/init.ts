import type { InitRequest } from '../../protocol/kafka.js';
import { ErrorCode } from '../../protocol/errors.js';
import { newLink } from '../../replication/link.js';
import { tickInterval } from '../../replication/tick-interval.js';
import { behindNeighbor, clusterOf } from '../cluster.js';
import type { Outbox } from '../outbox.js';
import type { NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `init` names this node and its cluster. A repeated identical init is
 * answered again (Maelstrom may retry); one that would rename the node is
 * refused and changes nothing. With peers, the replication tick starts here.
 */
export const onInit = (state: NodeState, { src, body, now_ms }: Received<InitRequest>, out: Outbox): NodeState => {
  if (state.cluster !== undefined) {
    const { self, nodeIds } = state.cluster;
    const same = self === body.node_id && nodeIds.join('\u0000') === body.node_ids.join('\u0000');
    if (same) out.reply(src, body.msg_id, { type: 'init_ok' });
    else out.error(src, body.msg_id, ErrorCode.preconditionFailed, `already initialised as ${self}`);
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
  const cluster = clusterOf(body.node_id, body.node_ids, state.config.starFromNodes);
  // A neighbor's part of the cluster promises, for a key it never mentioned, the smallest offset any node there may assign.
  const links = cluster.neighbors.map((id) => newLink(id, Math.min(...behindNeighbor(cluster, id).map((peer) => body.node_ids.indexOf(peer)))));
  const alone = links.length === 0;
  const nextTick_ms = alone ? Infinity : now_ms + tickInterval(state.config, cluster);
  if (!alone) out.timer(nextTick_ms);
  return { ...state, cluster, links, nextTick_ms };
};
