/**
 * The exhaustive mode, bounded: every delivery order of two nodes and two
 * clients, three operations each, one timer firing per node while exploring
 * (and as many as repairs need after), breaks nothing; with a loss allowed
 * too; and broken reducers are caught with the events that lead to them.
 * The number of distinct states and the time are printed for the record.
 */
import { describe, expect, it } from 'vitest';
import { appendAll, emptyLog } from '../../src/core/persistent/append-log.js';
import { emptyMap, set } from '../../src/core/persistent/hamt.js';
import { step } from '../../src/core/node/step.js';
import { canonical } from '../../src/sim/exhaustive/canonical.js';
import { explore } from '../../src/sim/exhaustive/explore.js';
import { brokenReducers } from '../fixtures/reducers/index.mjs';
import * as syncsToNextNode from '../fixtures/reducers/syncs-to-next-node.mjs';

/** EXHAUSTIVE_VERBOSE=1 prints states, transitions and times, and what violations shrank to. */
const SHOW = process.env['EXHAUSTIVE_VERBOSE'] === '1';

const timed = <T>(f: () => T): [T, number] => {
  const started = performance.now();
  const result = f();
  return [result, (performance.now() - started) / 1000];
};

describe('exhaustive exploration', () => {
  it('finds no violation in any order at 2 nodes, 2 clients, 3 operations each', () => {
    const [result, seconds] = timed(() => explore({ ops_per_client: 3, ticks_per_node: 1 }));
    console.log(`exhaustive, 3 ops per client, 1 tick per node: ${result.states} distinct states, ${result.transitions} transitions, ${result.leaves} end states, ${seconds.toFixed(1)} s`);
    expect(result.violation).toBeNull();
    expect(result.complete).toBe(true);
    expect(result.states).toBeGreaterThan(1_000);
    expect(result.leaves).toBeGreaterThan(50);
  });

  it('finds none with two timer firings per node, where floors travel both ways before the polls', () => {
    const [result, seconds] = timed(() => explore({ ops_per_client: 2, ticks_per_node: 2 }));
    console.log(`exhaustive, 2 ops per client, 2 ticks per node: ${result.states} distinct states, ${result.leaves} end states, ${seconds.toFixed(1)} s`);
    expect(result.violation).toBeNull();
    expect(result.complete).toBe(true);
    // A sanity bound that the scope is not trivial (8,016 states with the star-or-mesh design).
    expect(result.states).toBeGreaterThan(5_000);
  });

  it('finds none either when the network may lose a message between nodes', () => {
    const [result, seconds] = timed(() => explore({ ops_per_client: 2, ticks_per_node: 1, drops: 1 }));
    console.log(`exhaustive, 2 ops per client, 1 tick per node, 1 loss: ${result.states} distinct states, ${result.leaves} end states, ${seconds.toFixed(1)} s`);
    expect(result.violation).toBeNull();
    expect(result.complete).toBe(true);
  });

  // Of the four broken reducers, only appends-twice can show in this scope: the
  // others need a third message of a key or a poll of three, which two clients
  // with at most two sends per key never make. The properties catch those.
  it('catches appends-twice, with the path to it', () => {
    const reducer = brokenReducers.find((r) => r.name === 'appends-twice')!;
    const result = explore({ ops_per_client: 3, ticks_per_node: 1, nodeStep: reducer.wrap(step) });
    expect(result.violation?.text).toMatch(/the checker found duplicate/);
    expect(result.violation!.path.some((event) => event.startsWith('deliver c'))).toBe(true);
  });

  // The duplicate budget widens the search and breaks nothing: a stretch of
  // news delivered twice adds nothing (replication/sync.ts).
  it('finds none when the network may deliver a message between nodes twice', () => {
    const plain = explore({ ops_per_client: 2, ticks_per_node: 1 });
    const result = explore({ ops_per_client: 2, ticks_per_node: 1, duplicates: 1 });
    expect(result.violation).toBeNull();
    expect(result.complete).toBe(true);
    expect(result.states).toBeGreaterThan(plain.states);
  });

  it('catches reuses-offset and poll-skips once a key gets a third message (--ops 4)', () => {
    for (const [name, text] of [['reuses-offset', /acknowledged .* send to key .* at offset \d+, which only n\d may assign/], ['poll-skips', /answered .* poll of key .* leaving out/]] as const) {
      const nodeStep = brokenReducers.find((r) => r.name === name)!.wrap(step);
      expect(explore({ ops_per_client: 2, ticks_per_node: 1, nodeStep }).violation).toBeNull();
      const { violation } = explore({ ops_per_client: 4, ticks_per_node: 1, nodeStep });
      expect(violation?.text).toMatch(text);
      if (SHOW) console.log(`${name}: ${violation!.text}; shrunk to ${violation!.shrunk.path.length} event(s): ${violation!.shrunk.text}`);
    }
  });

  it('catches drops-acked-send at 3 nodes, where a client sends a third value to its own node', () => {
    const nodeStep = brokenReducers.find((r) => r.name === 'drops-acked-send')!.wrap(step);
    expect(explore({ nodes: 2, ops_per_client: 2, ticks_per_node: 1, nodeStep }).violation).toBeNull();
    expect(explore({ nodes: 3, ops_per_client: 1, ticks_per_node: 1, nodeStep }).violation?.text).toMatch(/acknowledged .* send of 3/);
  });

  it('finds syncs-to-next-node, a two-node assumption, only at 3 nodes, and shrinks its schedule', () => {
    const nodeStep = syncsToNextNode.wrap(step);
    const two = explore({ nodes: 2, ops_per_client: 3, ticks_per_node: 1, nodeStep });
    expect(two.violation).toBeNull();
    expect(two.complete).toBe(true);
    const three = explore({ nodes: 3, ops_per_client: 1, ticks_per_node: 1, nodeStep });
    expect(three.violation?.text).toMatch(/unseen|never/);
    if (SHOW) console.log(`syncs-to-next-node at 3 nodes: ${three.violation!.text}; shrunk to ${three.violation!.shrunk.path.length} event(s): ${three.violation!.shrunk.text}`);
    expect(three.violation!.shrunk.path.length).toBeLessThanOrEqual(three.violation!.path.length);
  });

  it('shrinks a violation to a short schedule that still shows it', () => {
    const nodeStep = brokenReducers.find((r) => r.name === 'appends-twice')!.wrap(step);
    const { violation } = explore({ ops_per_client: 3, ticks_per_node: 1, nodeStep });
    expect(violation!.shrunk.text).toMatch(/the checker found duplicate/);
    expect(violation!.shrunk.path.length).toBeLessThanOrEqual(violation!.path.length);
    expect(violation!.shrunk.path.length).toBeLessThanOrEqual(4);
  });

  it('says when its bound stopped it', () => {
    const result = explore({ ops_per_client: 3, ticks_per_node: 1, max_states: 100 });
    expect(result.complete).toBe(false);
    expect(result.states).toBe(100);
  });
});

// Each reduction must lose nothing that is checked: the reduced and the
// unreduced search reach the very same end states (each judged by the
// checker), on scopes small enough for both, with fewer transitions.
describe('reductions, against the unreduced search', () => {
  const scopes = [
    { ops_per_client: 2, ticks_per_node: 1, drops: 1 },
    { ops_per_client: 1, ticks_per_node: 2, drops: 1, duplicates: 1 },
    { nodes: 3, ops_per_client: 1, ticks_per_node: 1, drops: 1 },
  ];
  for (const scope of scopes) {
    it(`reach the same end states: ${JSON.stringify(scope)}`, () => {
      const [full, fullSeconds] = timed(() => explore({ ...scope, reduce: false, collect_leaves: true }));
      const [reduced, reducedSeconds] = timed(() => explore({ ...scope, reduce: true, collect_leaves: true }));
      if (SHOW) console.log(`${JSON.stringify(scope)}: unreduced ${full.states} states, ${full.transitions} transitions, ${fullSeconds.toFixed(1)} s; reduced ${reduced.states} states, ${reduced.transitions} transitions, ${reducedSeconds.toFixed(1)} s`);
      expect([full.complete, reduced.complete, full.violation, reduced.violation]).toEqual([true, true, null, null]);
      expect(full.leaf_keys.size).toBeGreaterThan(0);
      expect([...reduced.leaf_keys].sort()).toEqual([...full.leaf_keys].sort());
      expect(reduced.states).toBe(full.states);
      expect(reduced.transitions).toBeLessThan(full.transitions);
    });
  }

  it('and find the same broken reducers', () => {
    for (const { name, wrap } of [...brokenReducers, syncsToNextNode]) {
      const scope = { nodes: 3, ops_per_client: 1, ticks_per_node: 1, duplicates: 1, max_states: 20_000, nodeStep: wrap(step) };
      const found = (reduce: boolean): boolean => explore({ ...scope, reduce }).violation !== null;
      expect([name, found(true)]).toEqual([name, found(false)]);
    }
  });
});

describe('canonical states', () => {
  it('are equal for equal maps built in different orders, and see only a log version\'s own entries', () => {
    const one = set(set(emptyMap<number>(), 'a', 1), 'b', 2);
    const two = set(set(emptyMap<number>(), 'b', 2), 'a', 1);
    expect(canonical({ m: one })).toBe(canonical({ m: two }));
    const shorter = appendAll(emptyLog<number>(), [1, 2]);
    appendAll(shorter, [3]); // a newer version shares the backing array
    expect(canonical(shorter)).toBe('[1,2]');
    expect(canonical({ x: Infinity })).not.toBe(canonical({ x: null }));
  });
});
