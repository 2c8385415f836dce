/**
 * Determinism: a run is a function of its configuration. Two runs of one
 * seed give the same history, the same trace, and the same final node states,
 * byte for byte once encoded; a different seed gives a different run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simConfigOf } from '../src/sim/config.js';
import { historyOf, traceOf } from '../src/sim/outcome.js';
import { runSimulation } from '../src/sim/simulation.js';
import { simCaseArb } from './sim/case.js';

const encode = (state: ReturnType<typeof runSimulation>): string =>
  JSON.stringify({ history: historyOf(state), trace: traceOf(state), steps: state.steps, now_ms: state.now_ms });

describe('the simulator is deterministic', () => {
  it('two runs of one case give identical histories and traces', () => {
    fc.assert(
      fc.property(simCaseArb({ max_time_limit_ms: 1500 }), (simCase) => {
        const o = simCase.options;
        const fields = { tick_jitter_ms: o.tick_jitter_ms, record_trace: true };
        const first = runSimulation(simConfigOf(o, fields));
        const second = runSimulation(simConfigOf(o, fields));
        expect(encode(second)).toBe(encode(first));
      }),
      { numRuns: 15 },
    );
  });

  it('a different seed gives a different history', () => {
    const options = { node_count: 3, concurrency: 6, rate_hz: 100, time_limit_s: 1, latency_ms: 5, latency_dist: 'uniform' as const };
    const a = historyOf(runSimulation(simConfigOf({ ...options, seed: 1 })));
    const b = historyOf(runSimulation(simConfigOf({ ...options, seed: 2 })));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });
});
