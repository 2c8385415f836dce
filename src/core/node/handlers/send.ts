import type { SendRequest } from '../../protocol/kafka.js';
import { set } from '../../persistent/hamt.js';
import type { Outbox } from '../outbox.js';
import { appendMessage } from '../partition.js';
import { partitionOf, type NodeState } from '../state.js';
import type { Received } from './received.js';

/** `send`: append at the key's next offset and answer with that offset. */
export const onSend = (state: NodeState, { src, body }: Received<SendRequest>, out: Outbox): NodeState => {
  const [partition, offset] = appendMessage(partitionOf(state, body.key), body.msg);
  out.reply(src, body.msg_id, { type: 'send_ok', offset });
  return { ...state, partitions: set(state.partitions, body.key, partition) };
};
