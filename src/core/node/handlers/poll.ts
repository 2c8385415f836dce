import type { PollRequest } from '../../protocol/kafka.js';
import { get } from '../../persistent/hamt.js';
import { keyedRecord } from '../../protocol/keyed.js';
import type { Outbox } from '../outbox.js';
import { readFrom, type OffsetMessage } from '../partition.js';
import type { NodeState } from '../state.js';
import type { Received } from './received.js';

/**
 * `poll`: per asked key, the contiguous run from exactly the asked offset,
 * capped at `pollMaxPerKey`. Keys with nothing to return are left out.
 * Reads only: the state is returned unchanged.
 */
export const onPoll = (state: NodeState, { src, body }: Received<PollRequest>, out: Outbox): NodeState => {
  const msgs = keyedRecord<OffsetMessage[]>();
  for (const key of Object.keys(body.offsets)) {
    const partition = get(state.partitions, key);
    if (partition === undefined) continue;
    const pairs = readFrom(partition, body.offsets[key]!, state.config.pollMaxPerKey);
    if (pairs.length > 0) msgs[key] = pairs;
  }
  out.reply(src, body.msg_id, { type: 'poll_ok', msgs });
  return state;
};
