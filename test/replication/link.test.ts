/**
 * A link's retry timer: it backs off only against a silent neighbor, and
 * every deadline it sets is a clock reading plus whole milliseconds (so a
 * trace replayed on another clock origin makes the node's own comparisons).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNodeConfig } from '../../src/core/node/config.js';
import { newLink, onAcknowledged, retryWaitMs, type LinkState } from '../../src/core/replication/link.js';

const config = defaultNodeConfig;
const TICK = config.replicationIntervalMs;

/** A link that sent news [0, 10), had none of it acknowledged, and has tried `tries` times, the last at `at_ms`. */
const waiting = (tries: number, at_ms: number, rtt_ms = 180): LinkState => {
  const link: LinkState = { ...newLink('n1', 1), sent: 10, tries, rtt_ms };
  return { ...link, retryAt_ms: at_ms + retryWaitMs(config, link, TICK) };
};

describe('the retry timer', () => {
  it('doubles its wait per try, up to the longest wait', () => {
    const waits = [0, 1, 2, 3].map((tries) => retryWaitMs(config, waiting(tries, 0), TICK));
    expect(waits[1]).toBe(2 * waits[0]!);
    expect(waits[3]).toBe(config.retryMaxMs);
  });

  it('falls back to one round trip when the neighbor speaks without acknowledging: it is alive, the loss was chance', () => {
    const link = waiting(2, 1000);
    const heard = onAcknowledged(config, TICK, link, 0, null, 10, 1100);
    expect(heard.tries).toBe(0);
    expect(heard.retryAt_ms).toBe(1100 + retryWaitMs(config, { ...link, tries: 0 }, TICK));
    expect(heard.retryAt_ms).toBeLessThan(link.retryAt_ms);
    expect(heard.sent).toBe(10); // nothing goes again before the timer says so
  });

  it('never puts off a retry that was due sooner', () => {
    const link = { ...waiting(1, 1000), retryAt_ms: 1050 };
    expect(onAcknowledged(config, TICK, link, 0, null, 10, 1040).retryAt_ms).toBe(1050);
  });

  it('sets deadlines that are readings plus whole milliseconds, exact on any clock origin', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5000, noNaN: true }), fc.nat(12), fc.integer({ min: 0, max: 2 ** 20 }), (rtt_ms, tries, ms) => {
        const wait = retryWaitMs(config, { ...newLink('n1', 1), rtt_ms, tries }, TICK);
        expect(Number.isInteger(wait)).toBe(true);
        // A reading on the node's clock (epoch ms on the 1/1024 grid) and the same reading shifted to the run's start.
        const epoch = 1_796_000_000_000 + ms / 1024;
        const start = 1_796_000_000_000;
        expect(epoch + wait - start).toBe(epoch - start + wait);
      }),
    );
  });
});
