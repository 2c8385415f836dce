/**
 * A star's hub stretches its tick so that the leaves' answers to a round land
 * just before a later tick, not just after one (replication/hub-interval.ts):
 * the rule itself, and what it buys at Maelstrom's usual latency.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { step } from '../../src/core/node/step.js';
import { newLink, type LinkState } from '../../src/core/replication/link.js';
import { hubInterval } from '../../src/core/replication/hub-interval.js';
import { simConfigOf } from '../../src/sim/config.js';
import { historyOf } from '../../src/sim/outcome.js';
import { runSimulation } from '../../src/sim/simulation.js';
import type { NodeStep } from '../../src/sim/config.js';

const TICK = 100;
const linksWith = (rtts: readonly number[]): LinkState[] => rtts.map((rtt_ms, i) => ({ ...newLink(`n${i + 1}`, i + 1), lastRtt_ms: rtt_ms }));

describe("the hub's interval", () => {
  it('is the tick while no round trip is known, or the median one is shorter than a tick', () => {
    expect(hubInterval(TICK, [])).toBe(TICK);
    expect(hubInterval(TICK, linksWith([-1, -1, -1]))).toBe(TICK);
    expect(hubInterval(TICK, linksWith([40, 60, 400]))).toBe(TICK);
  });

  it('stretches when the median answer lands just after a tick, so that a whole number of ticks ends just after it', () => {
    const interval = hubInterval(TICK, linksWith([201, 203, 204, 260, 202]));
    expect(interval).toBeGreaterThan(TICK);
    expect(2 * interval).toBeGreaterThan(203);
    expect(2 * interval).toBeLessThan(220);
    expect(hubInterval(TICK, linksWith([102, 103, 104]))).toBe(108);
  });

  it('leaves the tick alone when the median answer lands late in a tick: waiting less would not catch it sooner', () => {
    expect(hubInterval(TICK, linksWith([170, 175, 180]))).toBe(TICK);
  });
});

/**
 * Worst realtime lag, in seconds, of a 9-node star at constant latency 100 ms
 * under load, over the keys whose worst poll came after the first second:
 * until the hub has measured the leaves' round trips it keeps to the tick.
 */
const starLag = (nodeStep: NodeStep): number => {
  const options = { seed: 4, node_count: 9, concurrency: 18, rate_hz: 300, time_limit_s: 6, latency_ms: 100 };
  const state = runSimulation(simConfigOf(options, { nodeStep }));
  const byKey = Object.values(check(historyOf(state))['worst-realtime-lag-by-key']);
  expect(byKey.length).toBeGreaterThan(20);
  return Math.max(...byKey.filter((worst) => worst.time > 1).map((worst) => worst.lag));
};

describe('a star at constant latency', () => {
  // Four hops of 100 ms: the entry to the hub, on to every leaf, their floors back, the lowest floor out. The
  // sender's tick and the hub's relay each wait at most a tick; the leaves answer at once, and with the stretch
  // the hub's next round catches their answers instead of going just before them, a tick more.
  it('shows a send everywhere within four hops and two ticks', () => {
    expect(starLag(step)).toBeLessThanOrEqual(0.62);
  });

  it('takes a tick more with the hub on its plain tick', () => {
    const plainTick: NodeStep = (state, input) => step(state.cluster?.relays ? { ...state, links: state.links.map((link) => ({ ...link, lastRtt_ms: -1 })) } : state, input);
    expect(starLag(plainTick)).toBeGreaterThan(0.62);
  });
});
