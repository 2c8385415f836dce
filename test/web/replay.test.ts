/**
 * The demo's replay engine: snapshots change nothing (every step seen
 * through them equals a full replay), a simulated run replays exactly (the
 * simulator's own final node states, every peer message reproduced), a
 * runner's run replays with inferred ticks, and in-flight messages are
 * derived as the trace says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/maelstrom/history/trace.js';
import type { Body, Effect } from '../../src/core/machine.js';
import { defaultNodeConfig } from '../../src/core/node/config.js';
import { runSimulation, simConfigOf, traceOf, historyOf } from '../../src/sim/index.js';
import { runOfBundle } from '../../web/src/run/bundle.js';
import { historyOffsets } from '../../web/src/replay/fidelity.js';
import { plainState } from '../../web/src/replay/inspect.js';
import { buildReplay } from '../../web/src/replay/builder.js';

const sampleRun = () => {
  const run = runOfBundle(JSON.parse(readFileSync(new URL('../../web/src/samples/sample-run.json', import.meta.url), 'utf8')), 'sample');
  if (typeof run === 'string') throw new Error(run);
  return run;
};

const simulated = (options: Parameters<typeof simConfigOf>[0]) => {
  const state = runSimulation(simConfigOf(options));
  return { state, trace: traceOf(state), history: historyOf(state) };
};

/** Deterministic pseudo-random steps to probe, so a failure names a step that fails again. */
const probes = (length: number, count: number): number[] => {
  const out = [0, 1, length - 1, length];
  let x = 12345;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(x % (length + 1));
  }
  return out.filter((s) => s >= 0 && s <= length);
};

describe('snapshots', () => {
  it('give, at every probed step, the same states as a replay without snapshots', () => {
    const { trace, history } = simulated({ seed: 11, node_count: 3, concurrency: 6, rate_hz: 300, time_limit_s: 2, latency_ms: 5, nemesis_partition: true, nemesis_interval_s: 0.5, final_time_limit_s: 5 });
    const offsets = historyOffsets(history);
    const withSnapshots = buildReplay(trace, { config: defaultNodeConfig, snapshotEvery: 7, historyOffsets: offsets });
    const without = buildReplay(trace, { config: defaultNodeConfig, snapshotEvery: Number.MAX_SAFE_INTEGER });
    expect(withSnapshots.length).toBe(trace.length);
    // Jumps in both directions, through the cache and past it.
    for (const s of probes(withSnapshots.length, 60)) {
      const a = withSnapshots.at(s);
      const b = without.at(s);
      expect(a.states.map(plainState), `step ${s}`).toEqual(b.states.map(plainState));
      expect(a.effects).toEqual(b.effects);
    }
  });

  it('step forward one at a time equals jumping straight there', () => {
    const run = sampleRun();
    const replay = buildReplay(run.trace!, { config: run.nodeConfig, snapshotEvery: 16 });
    const walked: unknown[] = [];
    for (let s = 0; s <= 100; s++) walked.push(replay.at(s).states.map(plainState));
    for (const s of [100, 37, 0, 64, 99]) expect(replay.at(s).states.map(plainState)).toEqual(walked[s]);
  });
});

describe('a simulated run', () => {
  it('replays exactly: the simulator\'s final node states, every peer message and every send offset reproduced', () => {
    const { state, trace, history } = simulated({ seed: 5, node_count: 3, concurrency: 6, rate_hz: 300, time_limit_s: 2, latency_ms: 8, latency_dist: 'exponential', drop_probability: 0.05, duplicate_probability: 0.05, final_time_limit_s: 5 });
    const replay = buildReplay(trace, { config: defaultNodeConfig, historyOffsets: historyOffsets(history) });
    expect(replay.tickSource).toBe('recorded');
    expect(replay.nodeIds).toEqual(state.nodes.map((n) => n.id));
    expect(replay.at(replay.length).states.map(plainState)).toEqual(state.nodes.map((n) => plainState(n.state)));
    const f = replay.fidelity;
    expect(f.peerDelivered).toBeGreaterThan(100);
    expect(f.peerReproduced).toBe(f.peerDelivered);
    expect(f.sendsCompared).toBeGreaterThan(50);
    expect(f.sendsAgreeing).toBe(f.sendsCompared);
    expect(f.stepErrors).toBe(0);
    // With 5% loss some messages never arrive.
    expect(replay.messages.lostAt(replay.length, 3).count).toBeGreaterThan(0);
  });
});

describe("a runner's run (the bundled sample)", () => {
  it('replays exactly: our nodes recorded their own inputs, ticks included', () => {
    const run = sampleRun();
    const replay = buildReplay(run.trace!, { config: run.nodeConfig, historyOffsets: historyOffsets(run.history), peerLatency_ms: 10 });
    expect(replay.tickSource, 'the bundled sample is stale (recorded before nodes traced themselves): regenerate it with web/scripts/make-sample.sh').toBe('recorded');
    const f = replay.fidelity;
    expect(f.sendsCompared).toBeGreaterThan(20);
    expect(f.sendsAgreeing).toBe(f.sendsCompared);
    expect(f.peerDelivered).toBeGreaterThan(20);
    expect(f.peerReproduced).toBe(f.peerDelivered);
  });

  it('without its ticks (as the runner records any other binary), replays with ticks inferred from the timers', () => {
    const run = sampleRun();
    const untimed = run.trace!.filter((entry) => !('tick' in entry));
    const replay = buildReplay(untimed, { config: run.nodeConfig, historyOffsets: historyOffsets(run.history), peerLatency_ms: 10 });
    expect(replay.tickSource).toBe('inferred');
    expect(replay.length).toBeGreaterThan(untimed.length);
    const f = replay.fidelity;
    // The logs are still exact: every acknowledged send got the offset the history reports.
    expect(f.sendsCompared).toBeGreaterThan(20);
    expect(f.sendsAgreeing).toBe(f.sendsCompared);
    // Inferred ticks reproduce a good part of the peer messages exactly (38% of
    // this sample's): a sync's acknowledgement and its retries depend on where
    // each arrival fell between two ticks, which inferred ticks only guess.
    expect(f.peerReproduced / f.peerDelivered).toBeGreaterThan(0.3);
  });
});

describe('in-flight messages', () => {
  const client = (node: string, time_ms: number, msg_id: number, body: Record<string, unknown>): TraceEntry => ({
    node,
    time_ms,
    message: { src: 'c9', dest: node, body: { msg_id, ...body } as unknown as Body },
  });
  const init = (node: string): TraceEntry => client(node, 0, 1, { type: 'init', node_id: node, node_ids: ['n0', 'n1'] });
  const key = 'a';

  it('a sync is in flight from the step after the one that sent it up to the step that delivers it', () => {
    // n1 takes a send and tells n0 on its tick; n0 gets it 20 ms later.
    const trace: TraceEntry[] = [init('n0'), init('n1'), client('n1', 10, 2, { type: 'send', key, msg: 1 }), { node: 'n1', time_ms: 50, tick: true }];
    const partial = buildReplay(trace, { config: defaultNodeConfig });
    const isSync = (e: Effect): e is Extract<Effect, { kind: 'send' }> => e.kind === 'send' && e.message.body.type === 'kafka_sync';
    const sentBy = [1, 2, 3, 4].find((s) => partial.at(s).effects.some(isSync))! - 1;
    expect(sentBy).toBeGreaterThanOrEqual(2);
    const message = partial.at(sentBy + 1).effects.find(isSync)!.message;
    const full = buildReplay([...trace, { node: 'n0', time_ms: 70, message }, { node: 'n0', time_ms: 80, tick: true }], { config: defaultNodeConfig });
    expect(full.messages.inFlightAt(sentBy)).toEqual([]);
    for (let s = sentBy + 1; s <= 4; s++) {
      const inFlight = full.messages.inFlightAt(s);
      expect(inFlight, `step ${s}`).toHaveLength(1);
      expect(inFlight[0]).toMatchObject({ from: 1, to: 0, sentStep: sentBy, deliveredStep: 4, replayed: true });
      expect(inFlight[0]!.message.body.type).toBe('kafka_sync');
    }
    // Step 4 delivers it: once applied, it is no longer in flight. n0's own floor rose, and its
    // sync saying so on its tick (step 5) is never delivered: lost.
    expect(full.messages.inFlightAt(5)).toEqual([]);
    expect(full.messages.lostAt(6, 5).latest.map((m) => m.message.body.type)).toContain('kafka_sync');
    expect(full.fidelity.peerReproduced).toBe(1);
  });

  it('a delivered message the replay did not send is in flight from an estimated step one latency earlier', () => {
    // n1's message appears from nowhere (as with a runner's trace whose ticks the replay placed differently).
    const sync = { src: 'n1', dest: 'n0', body: { type: 'kafka_sync', msg_id: 99, seq: 1, heard: 0, entries: {}, committed: {}, held: null } };
    const trace: TraceEntry[] = [init('n0'), init('n1'), client('n1', 10, 2, { type: 'poll', offsets: {} }), client('n1', 30, 3, { type: 'poll', offsets: {} }), { node: 'n0', time_ms: 45, message: sync }];
    const replay = buildReplay(trace, { config: defaultNodeConfig, peerLatency_ms: 20, initTimes: new Map() });
    const [m] = replay.messages.inFlightAt(4);
    expect(m).toMatchObject({ from: 1, to: 0, deliveredStep: 4, replayed: false, message: sync });
    // Sent by 25 ms: after the poll at 10 ms (step 2), before the one at 30 ms (step 3).
    expect(m!.sentStep).toBe(2);
    expect(replay.messages.inFlightAt(3)).toHaveLength(1);
    expect(replay.messages.inFlightAt(2)).toHaveLength(0);
  });

  it('every message the trace delivers from a node was in flight from its sending step until its delivery', () => {
    const { trace } = simulated({ seed: 9, node_count: 3, concurrency: 6, rate_hz: 200, time_limit_s: 1, latency_ms: 10, final_time_limit_s: 5 });
    const replay = buildReplay(trace, { config: defaultNodeConfig, snapshotEvery: 32 });
    for (const s of probes(replay.length, 40)) {
      for (const m of replay.messages.inFlightAt(s)) {
        expect(m.sentStep).toBeLessThan(s);
        expect(m.deliveredStep).toBeGreaterThanOrEqual(s);
        const delivery = replay.steps[m.deliveredStep]!;
        expect(replay.nodeIds[delivery.node]).toBe(m.message.dest);
        expect(delivery.message?.body.msg_id).toBe(m.message.body.msg_id);
        expect(delivery.message?.src).toBe(m.message.src);
      }
    }
    // With 10 ms latency, something is in flight somewhere in the middle of the run.
    expect(probes(replay.length, 40).some((s) => replay.messages.inFlightAt(s).length > 0)).toBe(true);
  });
});
