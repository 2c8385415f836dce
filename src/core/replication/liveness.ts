import type { NodeConfig } from '../node/config.js';
import type { PeerState } from './state.js';

/**
 * How long a peer may be silent before it is suspected. A healthy idle peer
 * speaks at least once per full-report period, rounded up to its tick; the
 * threshold is never below two such periods, whatever `suspectAfterMs` says,
 * or a healthy peer would be suspected between its reports and, being
 * suspected, never sent the entries it lacks.
 */
export const suspicionThresholdMs = (config: NodeConfig): number =>
  Math.max(config.suspectAfterMs, 2 * (config.fullReportIntervalMs + config.replicationIntervalMs));

/** A peer silent past the threshold is taken to be unreachable (partitioned, or down). */
export const isSuspected = (config: NodeConfig, peer: PeerState, now_ms: number): boolean =>
  now_ms - peer.lastHeard_ms > suspicionThresholdMs(config);
