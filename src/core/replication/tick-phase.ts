/**
 * When a node ticks. A node's ticks lie on a grid of period
 * `replicationIntervalMs` that starts at its init, node i of n offset by
 * i/n of a period: nodes that Maelstrom starts together tick staggered, not
 * in step.
 *
 * Why: a send shows everywhere once its node's sync has carried it (the
 * sender's tick) and every peer's floor, raised by that sync, has come back
 * (each receiver's next tick). Nodes ticking in step would make every
 * receiver wait a whole period for its next tick; staggered, a receiver's
 * next tick comes at most (n - 1)/n of a period after the sender's, half a
 * period at 2 nodes. Same number of messages. A tick that fires late does
 * not move the grid (the next is the first grid point after it), so the
 * phases do not drift apart with timer lateness. Only differences of clock
 * readings are used, so a trace shifted in time replays the same ticks.
 */
import type { Cluster } from '../node/state.js';
import { selfIndex } from './offsets.js';

/** The first tick after `init` at `now_ms`: this node's phase later (whole milliseconds, like the period), or a whole period for node 0; never more than a period away. */
export const firstTick = (cluster: Cluster, period_ms: number, now_ms: number): number =>
  now_ms + (Math.floor((selfIndex(cluster) * period_ms) / cluster.nodeIds.length) || period_ms);

/** After a tick due at `due_ms` ran at `now_ms` (not before it), the next grid point after `now_ms`. */
export const nextTick = (due_ms: number, period_ms: number, now_ms: number): number =>
  due_ms + period_ms * (Math.floor((now_ms - due_ms) / period_ms) + 1);
