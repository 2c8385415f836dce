/**
 * How long a star's hub waits between two rounds. Each leaf answers a round
 * at once (sync.ts) with its raised floors, which every other leaf waits for,
 * so the answers land one round trip after the round. When that round trip
 * is a whole number of ticks (two latencies of 50 or 100 ms against a 100 ms
 * tick), answers land just after a tick and wait a whole tick for the next:
 * the hub's tick is then stretched so that a whole number of them is a
 * little longer than the leaves' median round trip, and the answers land
 * just before a tick instead. Never shorter than the star's tick.
 */
import type { LinkState } from './link.js';

/** Slack after the median answer, for the spread between leaves' round trips. */
const SLACK_MS = 5;
/** Only answers landing this share of a tick after one are moved before it: stretching costs every round a little. */
const LATE_SHARE = 0.2;

/** The hub's wait until its next round, from its links' measured round trips and the star's tick. */
export const hubInterval = (tick_ms: number, links: readonly LinkState[]): number => {
  const rtts = links.map((link) => link.lastRtt_ms).filter((rtt) => rtt >= 0);
  if (rtts.length === 0) return tick_ms;
  rtts.sort((a, b) => a - b);
  const median_ms = rtts[rtts.length >> 1]!;
  const ticksPerTrip = Math.floor(median_ms / tick_ms);
  const late_ms = median_ms - ticksPerTrip * tick_ms;
  // Answers landing in the first part of a tick would wait most of it: stretch. Later ones are better left alone.
  if (ticksPerTrip === 0 || late_ms > tick_ms * LATE_SHARE) return tick_ms;
  return Math.ceil((median_ms + SLACK_MS) / ticksPerTrip);
};
