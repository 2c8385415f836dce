import { set } from '../../persistent/hamt.js';
import type { SendRequest } from '../../protocol/kafka.js';
import { assign } from '../../replication/key-replica.js';
import type { Outbox } from '../outbox.js';
import { appendMessage } from '../partition.js';
import { partitionOf, withPartitions, type Cluster, type NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `send`: answered here and now with a final offset, whatever the network
 * does. Alone, a node appends at the next offset. With peers, it assigns the
 * next offset of its own class (replication/offsets.ts), which no other node
 * can take; polls show it once every node's floor has passed it.
 */
export const onSend = (state: NodeState, input: Received<SendRequest>, out: Outbox, cluster: Cluster): NodeState => {
  const { src, body } = input;
  if (cluster.nodeIds.length === 1) {
    const [partition, offset] = appendMessage(partitionOf(state, body.key), body.msg);
    out.reply(src, body.msg_id, { type: 'send_ok', offset });
    return withPartitions(state, set(state.partitions, body.key, partition), out.nextMsgId);
  }
  const [next, offset] = assign(state, cluster, body.key, body.msg);
  out.reply(src, body.msg_id, { type: 'send_ok', offset });
  return next;
};
