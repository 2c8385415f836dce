import type { CommitOffsetsRequest } from '../../protocol/kafka.js';
import { set } from '../../persistent/hamt.js';
import type { Outbox } from '../outbox.js';
import { commitUpTo } from '../partition.js';
import { partitionOf, type NodeState } from '../state.js';
import type { Received } from './received.js';

/** `commit_offsets`: each key's committed offset moves forward, never back. */
export const onCommitOffsets = (
  state: NodeState,
  { src, body }: Received<CommitOffsetsRequest>,
  out: Outbox,
): NodeState => {
  let partitions = state.partitions;
  for (const key of Object.keys(body.offsets)) {
    const before = partitionOf(state, key);
    const after = commitUpTo(before, body.offsets[key]!);
    if (after !== before) partitions = set(partitions, key, after);
  }
  out.reply(src, body.msg_id, { type: 'commit_offsets_ok' });
  return partitions === state.partitions ? state : { ...state, partitions };
};
