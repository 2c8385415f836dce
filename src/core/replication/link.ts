/**
 * One neighbor, both directions: how far our news has reached it, and how far
 * its news has reached us. Each direction is a stream of news positions that
 * the receiver takes only in order (a message starting past what it holds is
 * refused whole), so whatever it holds is a prefix of what was sent. In the
 * manner of Kafka's follower fetch, the receiver's acknowledgement says where
 * it is and the sender goes on from there: after a refusal at once (the
 * receiver says it refused), after a silent loss once the retry timer runs
 * out. Persistent like the rest of the state.
 */
import type { NodeConfig } from '../node/config.js';

export interface LinkState {
  readonly id: string;
  /** What we take the neighbor's side of the cluster to promise for a key it never mentioned: the smallest index there (replication/offsets.ts). */
  readonly initialFloor: number;

  /** Our news below this position has been sent at least once. Invariant: acked <= sent <= the news' end. */
  readonly sent: number;
  /** The neighbor holds our news below this position (its acknowledgement). Never decreases. */
  readonly acked: number;
  /** When unacknowledged news goes again; Infinity when everything sent is acknowledged. */
  readonly retryAt_ms: number;
  /** Tries in a row without progress and without a word from the neighbor: each doubles the wait, up to `retryMaxMs`. */
  readonly tries: number;
  /** The smoothed round trip to the neighbor and back, -1 before the first sample. */
  readonly rtt_ms: number;
  /** The latest round trip measured, unsmoothed, -1 before the first: where a star's hub times its rounds (hub-interval.ts). */
  readonly lastRtt_ms: number;
  /** The one message being timed, as [its end position, when sent]; never a resent one (Karn's rule). */
  readonly timed: readonly [to: number, at_ms: number] | null;
  /** Our news' end when we last went back: a refusal of a message sent before that is already being repaired. */
  readonly wentBackAt: number;

  /** We hold the neighbor's news below this position. Never decreases. */
  readonly received: number;
  /** Since when the neighbor's news has waited for our acknowledgement (Infinity: it has not): our next message carries it, or one of its own after the ack delay (tick-interval.ts). */
  readonly ackDueSince_ms: number;
  /** The end of the furthest message we refused (it started past `received`) since our last message to it, or -1. */
  readonly refused: number;
}

export const newLink = (id: string, initialFloor: number): LinkState => ({
  id,
  initialFloor,
  sent: 0,
  acked: 0,
  retryAt_ms: Infinity,
  tries: 0,
  rtt_ms: -1,
  lastRtt_ms: -1,
  timed: null,
  wentBackAt: -1,
  received: 0,
  ackDueSince_ms: Infinity,
  refused: -1,
});

/**
 * How long a neighbor's news waits for a sync of ours to carry its
 * acknowledgement: `ackDelayMs`, but never less than a tick, the least a
 * message of ours can wait anyway. A star's slower tick then gathers more
 * of the hub's syncs under one acknowledgement.
 */
export const ackDelay = (config: NodeConfig, tick_ms: number): number => Math.max(config.ackDelayMs, tick_ms);

/**
 * How long unacknowledged news waits before it goes again, in whole
 * milliseconds. Invariant: every deadline the core computes is a clock
 * reading plus whole milliseconds, so it is exact whatever the clock's origin:
 * a trace replayed on the run's clock (readings shifted by the start's epoch)
 * makes the same comparisons the node made on its own. A fractional wait
 * (the smoothed round trip) would round differently near 1.8e12 than near 0.
 */
export const retryWaitMs = (config: NodeConfig, link: LinkState, tick_ms: number): number => {
  const base = link.rtt_ms < 0 ? config.retryAfterMs : link.rtt_ms + tick_ms + ackDelay(config, tick_ms);
  return Math.ceil(Math.min(config.retryMaxMs, base * 2 ** Math.min(link.tries, 10)));
};

/**
 * The neighbor's acknowledgement (`ack`: it holds our news below it) and, if
 * it refused a message ending at `refused`, its plea to go back.
 */
export const onAcknowledged = (
  config: NodeConfig,
  tick_ms: number,
  link: LinkState,
  ack: number,
  refused: number | null,
  newsEnd: number,
  now_ms: number,
): LinkState => {
  let next = link;
  // The neighbor holds only what we sent it at some time, but perhaps more than
  // `sent` says since we went back: then there is no need to send that again.
  const acked = Math.min(Math.max(link.acked, ack), newsEnd);
  if (acked > link.sent) next = { ...link, sent: acked };
  if (acked > link.acked) {
    let { rtt_ms, timed, lastRtt_ms } = next;
    if (timed !== null && acked >= timed[0]) {
      const sample = now_ms - timed[1];
      rtt_ms = rtt_ms < 0 ? sample : (7 * rtt_ms + sample) / 8;
      lastRtt_ms = sample;
      timed = null;
    }
    next = { ...next, acked, tries: 0, rtt_ms, lastRtt_ms, timed };
    next = { ...next, retryAt_ms: acked < next.sent ? now_ms + retryWaitMs(config, next, tick_ms) : Infinity };
  } else if (next.tries > 0) {
    // No progress, but the neighbor is alive: what we sent was lost by chance, not to a dead or cut-off
    // node, so backing off would only delay the repair. The wait falls back to one round trip from now.
    const tries = 0;
    next = { ...next, tries, retryAt_ms: Math.min(next.retryAt_ms, now_ms + retryWaitMs(config, { ...next, tries }, tick_ms)) };
  }
  if (refused !== null && refused > next.wentBackAt && next.acked < next.sent) next = goBack(next, newsEnd);
  return next;
};

/** Sends everything the neighbor has not acknowledged again, on the next tick. */
export const goBack = (link: LinkState, newsEnd: number): LinkState => ({ ...link, sent: link.acked, wentBackAt: newsEnd, timed: null });

