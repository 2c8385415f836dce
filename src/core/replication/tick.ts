/**
 * The replication tick: every `replicationIntervalMs`, for each neighbor,
 * send the sync that is due, then drop the news every neighbor holds. A tick
 * that arrives early (a timer may fire more than once) only re-arms the timer.
 */
import type { Outbox } from '../node/outbox.js';
import type { NodeState } from '../node/state.js';
import { syncNow } from './sync.js';

export const onTick = (state: NodeState, now_ms: number, out: Outbox): NodeState => {
  if (state.nextTick_ms === Infinity) return state;
  if (now_ms < state.nextTick_ms) {
    out.timer(state.nextTick_ms);
    return state;
  }
  return syncNow(state, now_ms, out);
};
