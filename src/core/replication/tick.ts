/**
 * The replication tick: every `replicationIntervalMs`, for each peer, send
 * the sync that is due. A tick that
 * arrives early (a timer may fire more than once) only re-arms the timer.
 */
import type { Outbox } from '../node/outbox.js';
import type { NodeState } from '../node/state.js';
import type { PeerState } from './state.js';
import { sendSync } from './sync.js';

export const onTick = (state: NodeState, now_ms: number, out: Outbox): NodeState => {
  if (state.nextTick_ms === Infinity) return state;
  if (now_ms < state.nextTick_ms) {
    out.timer(state.nextTick_ms);
    return state;
  }
  const peers: Record<string, PeerState> = {};
  for (const id of Object.keys(state.peers)) {
    peers[id] = sendSync(state, id, state.peers[id]!, now_ms, out);
  }
  const nextTick_ms = now_ms + state.config.replicationIntervalMs;
  out.timer(nextTick_ms);
  return { ...state, peers, nextTick_ms };
};
