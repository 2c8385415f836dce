import type { NodeConfig } from '../node/config.js';
import type { PeerState } from './state.js';

/**
 * A peer is suspected once it has been silent longer than `suspectAfterMs`.
 * Every peer sends a full report at least every `fullReportIntervalMs`, so
 * silence that long means the network (or the peer) is down, not idle.
 */
export const isSuspected = (config: NodeConfig, peer: PeerState, now_ms: number): boolean =>
  now_ms - peer.lastHeard_ms > config.suspectAfterMs;
