/**
 * Draining a simulation as it goes (src/sim/drain.ts), as bin/kafka-sim does
 * to stream a long run into its store, changes nothing: the drains of a run,
 * concatenated in order, are exactly the history, trace and logs of the same
 * run never drained, and the run ends at the same step and time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simConfigOf } from '../../src/sim/config.js';
import { drainSim } from '../../src/sim/drain.js';
import { historyOf, judge, judgeRun, traceOf } from '../../src/sim/outcome.js';
import { initialSimulation, runSimulation, simStep, type LogLine } from '../../src/sim/simulation.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import type { TraceEntry } from '../../src/maelstrom/history/trace.js';

const faults = { seed: 11, node_count: 3, concurrency: 6, rate_hz: 200, time_limit_s: 1.5, latency_ms: 5, latency_dist: 'exponential' as const, nemesis_partition: true, nemesis_interval_s: 0.4, drop_probability: 0.05, duplicate_probability: 0.05 };

const drained = (every: number) => {
  const history: Op[] = [];
  const trace: TraceEntry[] = [];
  const logs: LogLine[] = [];
  let state = initialSimulation(simConfigOf(faults, { tick_jitter_ms: 2 }));
  const take = (): void => {
    const [next, records] = drainSim(state);
    history.push(...records.history);
    trace.push(...records.trace);
    logs.push(...records.logs);
    state = next;
  };
  while (!state.done) {
    state = simStep(state)[0];
    if (state.steps % every === 0) take();
  }
  take();
  return { state, history, trace, logs };
};

describe('a simulation drained as it goes', () => {
  const whole = runSimulation(simConfigOf(faults, { tick_jitter_ms: 2 }));

  it('records, across its drains, exactly what the undrained run holds', () => {
    expect(historyOf(whole).length).toBeGreaterThan(500);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (every) => {
        const run = drained(every);
        expect(run.state.steps).toBe(whole.steps);
        expect(run.state.now_ms).toBe(whole.now_ms);
        expect(JSON.stringify(run.history)).toBe(JSON.stringify(historyOf(whole)));
        expect(JSON.stringify(run.trace)).toBe(JSON.stringify(traceOf(whole)));
        expect(JSON.stringify(run.logs)).toBe(JSON.stringify(whole.logs.backing.slice(0, whole.logs.length)));
        // What stays in the state is only what came after the last drain: nothing.
        expect(historyOf(run.state)).toEqual([]);
        expect(traceOf(run.state)).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it('leaves the state it drained as it was', () => {
    let state = initialSimulation(simConfigOf(faults));
    for (let i = 0; i < 300; i++) state = simStep(state)[0];
    const before = JSON.stringify({ history: historyOf(state), trace: traceOf(state) });
    const [next, records] = drainSim(state);
    expect(JSON.stringify({ history: historyOf(state), trace: traceOf(state) })).toBe(before);
    expect(JSON.stringify({ history: records.history, trace: records.trace })).toBe(before);
    // The next op recorded after a drain keeps counting from where the drained ones stopped.
    let after = next;
    while (historyOf(after).length === 0) after = simStep(after)[0];
    expect(historyOf(after)[0]!.index).toBe(records.history.length);
  });

  it('is judged from its history read back as the undrained run is', () => {
    const run = drained(1000);
    const a = judge(whole);
    const b = judgeRun(run.state, run.history);
    expect({ ...b, check: undefined, history: undefined }).toEqual({ ...a, check: undefined, history: undefined });
    expect(b.verdict).toBe('valid');
  });
});
