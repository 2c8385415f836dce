/**
 * The trace is enough to rebuild every node: feeding each node its trace
 * entries, in order, through the decoder and `step` (ticks as tick inputs,
 * `time_ms` as `now_ms`), gives exactly the state the simulation ended with.
 * This is what the browser demo relies on; it holds through the JSON text of
 * trace.jsonl too, since times are written exactly.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/maelstrom/history/trace.js';
import type { NodeInput } from '../../src/core/node/input.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';
import { simConfigOf } from '../../src/sim/config.js';
import { canonical } from '../../src/sim/exhaustive/canonical.js';
import { traceOf } from '../../src/sim/outcome.js';
import { runSimulation } from '../../src/sim/simulation.js';

const replay = (entries: readonly TraceEntry[], node: string): NodeState => {
  let state = initialNodeState();
  for (const entry of entries) {
    if (entry.node !== node) continue;
    let input: NodeInput;
    if ('tick' in entry) input = { kind: 'tick', now_ms: entry.time_ms };
    else {
      const decoded = decodeNodeInput(entry.message, entry.time_ms);
      if (decoded._tag === 'Left') continue;
      input = decoded.right;
    }
    state = step(state, input)[0];
  }
  return state;
};

describe('the trace rebuilds every node', () => {
  const faults = { latency_ms: 8, latency_dist: 'exponential' as const, nemesis_partition: true, nemesis_interval_s: 0.4, drop_probability: 0.05, duplicate_probability: 0.05 };
  const state = runSimulation(simConfigOf({ seed: 21, node_count: 3, concurrency: 6, rate_hz: 200, time_limit_s: 2, ...faults }, { tick_jitter_ms: 3 }));
  const entries = traceOf(state);

  it('holds messages and ticks, in time order', () => {
    expect(entries.some((e) => 'tick' in e)).toBe(true);
    expect(entries.some((e) => 'message' in e && e.message.body.type === 'kafka_sync')).toBe(true);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.time_ms).toBeGreaterThanOrEqual(entries[i - 1]!.time_ms);
  });

  it('gives each node its final state, also after a trip through JSON text', () => {
    const text = entries.map((e) => JSON.stringify(e)).join('\n');
    const parsed = text.split('\n').map((line) => JSON.parse(line) as TraceEntry);
    for (const node of state.nodes) {
      expect(canonical(replay(entries, node.id))).toBe(canonical(node.state));
      expect(canonical(replay(parsed, node.id))).toBe(canonical(node.state));
    }
  });
});
