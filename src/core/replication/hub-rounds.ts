/**
 * A star's hub sends its next round early when the answers to an earlier
 * round are all in.
 *
 * Each leaf answers a round at once with its raised floors (sync.ts), and
 * a send shows at every leaf only once every leaf's answer has reached the
 * hub and the hub's next round has carried the lowest of them out. The hub
 * times its rounds so that, at the leaves' median round trip, the answers
 * land just before a tick (hub-interval.ts). But the round waits for the
 * slowest of n-1 answers, and one leaf a little late (a busy machine, a
 * jittery link) makes every leaf wait a whole tick more. So when the last
 * answer to a round comes in and the next tick is still a good part of an
 * interval away, the hub sends its round now, and its tick starts again
 * from here: no more rounds than before where answers are on time, one
 * tick less of lag where one is late.
 */

/** The most rounds a hub remembers awaiting answers: a cut-off leaf never answers, and the oldest are forgotten. */
export const MAX_ROUNDS_AWAITED = 4;

/**
 * Only this share of an interval ahead of the tick is worth a round of its
 * own: closer to the tick, the tick carries the answers a moment later.
 */
export const EARLY_SHARE = 0.25;

/** The rounds awaited, with one more that ended the hub's news at `end`. */
export const awaitRound = (rounds: readonly number[], end: number): readonly number[] => {
  if (rounds.length > 0 && rounds[rounds.length - 1]! >= end) return rounds;
  const next = [...rounds, end];
  return next.length > MAX_ROUNDS_AWAITED ? next.slice(next.length - MAX_ROUNDS_AWAITED) : next;
};

/** The rounds still awaited once every leaf holds the hub's news below `leastAcked`, and whether any completed. */
export const roundsAnswered = (rounds: readonly number[], leastAcked: number): readonly [rest: readonly number[], completed: boolean] => {
  let done = 0;
  while (done < rounds.length && rounds[done]! <= leastAcked) done++;
  return done === 0 ? [rounds, false] : [rounds.slice(done), true];
};

/** Whether a round completed at `now_ms` goes out now rather than on the tick due at `nextTick_ms`. */
export const roundEarly = (now_ms: number, nextTick_ms: number, interval_ms: number): boolean =>
  nextTick_ms - now_ms >= EARLY_SHARE * interval_ms;
