/**
 * A slice of `npm run fuzz`: ten thousand fuzzed lines into the reducer and
 * into the node process, from a fixed seed, answered exactly as the model
 * predicts; and the fuzzer catching nodes and reducers broken on purpose.
 *
 * The fuzzer found three bugs in src/core (docs/fuzz.md), now fixed; each
 * is kept below as a regression test at full strength.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeStep } from '../../src/sim/config.js';
import { step } from '../../src/core/node/step.js';
import { fuzzReducer, type FuzzRun } from '../../src/sim/fuzz/in-process.js';
import { fuzzStream } from '../../src/sim/fuzz/stream.js';
import { fuzzProcess } from '../../src/shell/fuzz/process.js';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'bin', 'maelstrom-kafka');
const fixture = (name: string): string => join(root, 'test', 'fixtures', 'nodes', name);

const SLICE: FuzzRun = { seed: 16, lines: 10_000, lines_per_stream: 5_000, poll_max: 1024, max_depth: 10_000, prototype_names: true };

describe('the fuzzer, a slice', () => {
  it('generates the same lines from the same seed, and other lines from another', () => {
    const lines = (seed: number): string[] => [...fuzzStream({ ...SLICE, seed, stream: 1, lines: 300 })].map((line) => line.wire);
    expect(lines(5)).toEqual(lines(5));
    expect(lines(6)).not.toEqual(lines(5));
    const all = lines(5).join('');
    // Grammar-aware: some lines survive whole, many are mutated.
    expect(all).toMatch(/"type":"send","msg_id":\d+,"key":"[^"]*","msg":/);
    expect(all).toMatch(/\r\n/);
  });

  it('feeds 10^4 lines to the reducer: every request answered once and as the model says, refusals change nothing', () => {
    const result = fuzzReducer(SLICE, step);
    expect(result.failures).toEqual([]);
    expect(result.lines).toBe(SLICE.lines);
    expect(result.replies).toBeGreaterThan(SLICE.lines / 3);
  });

  it('feeds 10^4 lines to the node process: it lives, exits 0, and answers as the model says', async () => {
    const result = await fuzzProcess(SLICE, { bin: node, args: [] });
    expect(result.failures).toEqual([]);
    expect(result.replies).toBeGreaterThan(SLICE.lines / 3);
  });
});

describe('the fuzzer catches', () => {
  const small: FuzzRun = { ...SLICE, lines: 4_000, lines_per_stream: 4_000 };

  it('a node that dies on an odd input', async () => {
    const result = await fuzzProcess(small, { bin: fixture('crashes-on-empty-key.mjs'), args: [] });
    expect(result.failures.map((f) => f.problem).join('\n')).toMatch(/the node exited with 1/);
  });

  it('a node that answers twice', async () => {
    const result = await fuzzProcess(small, { bin: fixture('answers-commit-twice.mjs'), args: [] });
    expect(result.failures.map((f) => f.problem).join('\n')).toMatch(/msg_id \d+ does not grow|nobody asked for/);
  });

  it('a reducer that changes its state on a refused request', () => {
    const leaky: NodeStep = (state, input) => {
      const [after, effects] = step(state, input);
      return input.kind === 'rejected' ? [{ ...after, links: [...after.links] }, effects] : [after, effects];
    };
    expect(fuzzReducer(small, leaky).failures[0]?.problem).toMatch(/a refused request changed the node's state/);
  });

  it('a reducer whose offsets skip', () => {
    let sends = 0;
    const skipping: NodeStep = (state, input) => {
      const [after, effects] = step(state, input);
      const sent = effects.map((e) => (e.kind === 'send' && e.message.body.type === 'send_ok' && ++sends % 50 === 0 ? { ...e, message: { ...e.message, body: { ...e.message.body, offset: (e.message.body['offset'] as number) + 1 } } } : e));
      return [after, sent];
    };
    expect(fuzzReducer(small, skipping).failures[0]?.problem).toMatch(/send_ok with offset \d+, expected \d+ \(offsets must be dense\)/);
  });
});

// What the fuzzer found in src/core, fixed: each stays as a regression test.
describe('findings of the fuzzer, fixed', () => {
  const findings: FuzzRun = { ...SLICE, lines: 20_000, lines_per_stream: 20_000 };

  it('(protocol/codec.ts show(): JSON.stringify of a value nested ~5000 deep overflowed the stack) the node survives a deep value in a malformed field', async () => {
    const result = await fuzzProcess({ ...findings, max_depth: 10_000 }, { bin: node, args: [] });
    expect(result.failures).toEqual([]);
  });

  it('(node/step.ts: peers[src] on a plain object) a kafka_* message from "hasOwnProperty" no longer corrupts the state; a key "__proto__" no longer vanishes from poll and list replies', () => {
    expect(fuzzReducer({ ...findings, prototype_names: true }, step).failures).toEqual([]);
  });
});
