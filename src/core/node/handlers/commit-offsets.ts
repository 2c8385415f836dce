import type { CommitOffsetsRequest } from '../../protocol/kafka.js';
import { commitLocally } from '../../replication/commits.js';
import type { Outbox } from '../outbox.js';
import type { NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `commit_offsets`: each key's committed offset moves forward, never back,
 * here at once and at the peers on the next replication tick.
 */
export const onCommitOffsets = (state: NodeState, { src, body }: Received<CommitOffsetsRequest>, out: Outbox): NodeState => {
  let next = state;
  for (const key of Object.keys(body.offsets)) next = commitLocally(next, key, body.offsets[key]!);
  out.reply(src, body.msg_id, { type: 'commit_offsets_ok' });
  return next;
};
