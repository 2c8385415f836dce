/**
 * The simulation as a state machine: it runs our node to a valid verdict,
 * steps one event at a time from any snapshot (an old state stepped again
 * gives the same future), and stops with the seed and the step number when a
 * node breaks an invariant or throws.
 */
import { describe, expect, it } from 'vitest';
import type { NodeStep } from '../../src/sim/config.js';
import { simConfigOf } from '../../src/sim/config.js';
import { historyOf, judge } from '../../src/sim/outcome.js';
import { initialSimulation, runSimulation, simStep, type SimState } from '../../src/sim/simulation.js';
import { step } from '../../src/core/node/step.js';
import { brokenReducers } from '../fixtures/reducers/index.mjs';

const small = { seed: 3, node_count: 3, concurrency: 6, rate_hz: 100, time_limit_s: 1 };

describe('a simulation', () => {
  it('runs our node to the end, valid, with every kind of operation', () => {
    const outcome = judge(runSimulation(simConfigOf(small)));
    expect(outcome.verdict).toBe('valid');
    expect(outcome.reasons).toEqual([]);
    expect(outcome.ops).toBeGreaterThan(50);
    expect(new Set(outcome.history.map((op) => op.f))).toEqual(new Set(['send', 'poll', 'assign', 'crash']));
  });

  it('steps one event at a time, and an old state stepped again gives the same future', () => {
    const config = simConfigOf(small);
    let state: SimState = initialSimulation(config);
    const snapshots: SimState[] = [];
    const kinds = new Set<string>();
    while (!state.done) {
      if (state.steps % 200 === 0) snapshots.push(state);
      const [next, event] = simStep(state);
      if (event !== null) kinds.add(event.kind);
      state = next;
    }
    expect(kinds).toEqual(new Set(['wake', 'tick', 'deliver', 'output']));
    const end = JSON.stringify(historyOf(state));
    for (const snapshot of snapshots.slice(0, 3)) {
      let again = snapshot;
      while (!again.done) again = simStep(again)[0];
      expect(JSON.stringify(historyOf(again))).toBe(end);
    }
  });

  it('passes messages through JSON text just the same, with --wire-json', () => {
    const plain = historyOf(runSimulation(simConfigOf(small)));
    const wired = historyOf(runSimulation(simConfigOf(small, { wire_json: true })));
    expect(JSON.stringify(wired)).toBe(JSON.stringify(plain));
  });

  it('stops at the step where a node breaks an invariant, the same step on every replay', () => {
    const broken = brokenReducers.find((r) => r.name === 'drops-acked-send')!.wrap(step);
    const config = simConfigOf(small, { nodeStep: broken });
    const first = runSimulation(config);
    expect(first.failure).toMatchObject({ kind: 'invariant', seed: 3, node: expect.stringMatching(/^n\d$/) });
    expect(first.failure!.text).toMatch(/acknowledged .* where .* was assigned/);
    expect(runSimulation(config).failure).toEqual(first.failure);
    expect(judge(first).verdict).toBe('invalid');
  });

  it('stops, naming the node, when a step throws', () => {
    const throwing: NodeStep = (state, input) => {
      if (input.kind === 'message' && input.body.type === 'poll') throw new Error('boom');
      return step(state, input);
    };
    const state = runSimulation(simConfigOf(small, { nodeStep: throwing }));
    expect(state.failure).toMatchObject({ kind: 'node-error', seed: 3 });
    expect(state.failure!.text).toMatch(/step threw on a message input: boom/);
  });

  it('gives up at its step limit, as a failed run', () => {
    const state = runSimulation(simConfigOf(small, { max_steps: 100 }));
    expect(state.failure).toMatchObject({ kind: 'step-limit', step: 100 });
    expect(judge(state).verdict).toBe('failed');
  });

  it('keeps the trace and the logs only when asked', () => {
    const quiet = runSimulation(simConfigOf(small, { record_trace: false }));
    expect(quiet.trace.length).toBe(0);
    expect(runSimulation(simConfigOf(small)).trace.length).toBeGreaterThan(100);
  });
});
