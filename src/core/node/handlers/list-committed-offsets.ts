import type { FetchCommittedOffsetsRequest, ListCommittedOffsetsRequest } from '../../protocol/kafka.js';
import { get } from '../../persistent/hamt.js';
import { keyedRecord } from '../../protocol/keyed.js';
import type { Outbox } from '../outbox.js';
import type { NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `list_committed_offsets` (and its older name `fetch_committed_offsets`):
 * the committed offset of each asked key that has one. Reads only.
 */
export const onListCommittedOffsets = (
  state: NodeState,
  { src, body }: Received<ListCommittedOffsetsRequest | FetchCommittedOffsetsRequest>,
  out: Outbox,
): NodeState => {
  const offsets = keyedRecord<number>();
  for (const key of body.keys) {
    const committed = get(state.partitions, key)?.committed ?? -1;
    if (committed >= 0) offsets[key] = committed;
  }
  out.reply(src, body.msg_id, { type: `${body.type}_ok`, offsets });
  return state;
};
