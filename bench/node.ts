/**
 * Benchmarks of the node (issue 2), each a ratio measured side by side in one
 * run, because machines are shared and absolute times drift:
 *
 *  1. reducer cost per send and per poll with 10^4, 10^5 and 10^6 messages
 *     stored (the cost per op must stay flat);
 *  2. the poll cap: cost per returned pair at several caps;
 *  3. the whole process on a generated stream of 200,000 requests, against
 *     the yardstick ../shared/bench/readline-node.cjs (when present), the
 *     mutable node of bench/mutable-node.mjs and the floor in
 *     bench/floor-node.mjs (median of rotating runs), and the time from spawn
 *     to init_ok (bench/process.ts);
 *  4. heap bytes per stored message at 10^6 integer messages.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { NodeInput } from '../src/core/node/input.js';
import { defaultNodeConfig } from '../src/core/node/config.js';
import { initialNodeState, type NodeState } from '../src/core/node/state.js';
import { step } from '../src/core/node/step.js';
import { decodeNodeInput } from '../src/core/protocol/decode.js';
import { detachedCopy } from '../src/core/node/shown-log.js';
import { entries, set } from '../src/core/persistent/hamt.js';
import { fixed, median, table } from './stats.js';
import { KEYS, lcg } from './stream.js';
import { startup, wholeProcess } from './process.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

const decode = (body: Record<string, unknown>): NodeInput => {
  const decoded = decodeNodeInput({ src: 'c1', dest: 'n0', body }, 0);
  if (decoded._tag === 'Left') throw new Error(decoded.left);
  return decoded.right;
};

const initialised = (pollMaxPerKey = 1024): NodeState =>
  step(initialNodeState({ ...defaultNodeConfig, pollMaxPerKey }), decode({ type: 'init', msg_id: 0, node_id: 'n0', node_ids: ['n0'] }))[0];

const filled = (messages: number): NodeState => {
  let state = initialised();
  for (let i = 0; i < messages; i++) state = step(state, decode({ type: 'send', msg_id: i + 1, key: KEYS[i % KEYS.length]!, msg: i }))[0];
  return state;
};

/** Nanoseconds per op of `ops` steps of pre-decoded inputs from `state`. */
const timeSteps = (state: NodeState, inputs: readonly NodeInput[], threadState: boolean): number => {
  const started = performance.now();
  let s = state;
  for (const input of inputs) {
    const next = step(s, input)[0];
    if (threadState) s = next;
  }
  return ((performance.now() - started) * 1e6) / inputs.length;
};

/**
 * The same state with every log in a backing array of its own. A live node
 * only ever appends to its newest state; appending again and again to one
 * old version (as rounds that all start from the same filled state would)
 * copies that version's whole window on its first append per key, which is
 * the persistent log keeping old versions intact, not a cost of sending. Each
 * round's sends start from a detached copy, made outside the timed loop.
 */
const detached = (state: NodeState): NodeState => {
  let partitions = state.partitions;
  for (const [key, partition] of entries(state.partitions)) {
    partitions = set(partitions, key, { log: detachedCopy(partition.log), committed: partition.committed });
  }
  return { ...state, partitions };
};

const reducerScaling = (): void => {
  const sizes = [1e4, 1e5, 1e6];
  const states = sizes.map(filled);
  const OPS = 50_000;
  const rand = lcg(7);
  const sends = Array.from({ length: OPS }, (_, i) => decode({ type: 'send', msg_id: i, key: KEYS[i % 10]!, msg: i }));
  // Polls as clients make them: every key, from a recent position.
  const pollsFor = (size: number): NodeInput[] =>
    Array.from({ length: OPS }, (_, i) =>
      decode({ type: 'poll', msg_id: i, offsets: Object.fromEntries(KEYS.map((k) => [k, Math.max(0, Math.floor(size / 10) - 1 - Math.floor(rand() * 8))])) }),
    );
  const polls = sizes.map(pollsFor);
  const sendNs: number[][] = sizes.map(() => []);
  const pollNs: number[][] = sizes.map(() => []);
  for (let round = 0; round < 7; round++) {
    sizes.forEach((_, i) => {
      sendNs[i]!.push(timeSteps(detached(states[i]!), sends, true));
      pollNs[i]!.push(timeSteps(states[i]!, polls[i]!, false));
    });
  }
  const rows = sizes.map((size, i) => [
    size.toExponential(0),
    fixed(median(sendNs[i]!), 0),
    fixed(median(pollNs[i]!), 0),
    fixed(median(sendNs[i]!) / median(sendNs[0]!)),
    fixed(median(pollNs[i]!) / median(pollNs[0]!)),
  ]);
  console.log('\n## Reducer cost per op by messages stored (median of 7 interleaved rounds of 50,000 ops)');
  console.log('Polls ask all 10 keys from near their ends, as caught-up clients do (about 4 pairs per key).\n');
  console.log(table(['stored', 'send ns/op', 'poll ns/op', 'send vs 1e4', 'poll vs 1e4'], rows));
};

const pollCap = (): void => {
  const state0 = filled(2e5);
  const caps = [16, 128, 1024, 8192];
  const rows = caps.map((cap) => {
    const state = { ...state0, config: { ...defaultNodeConfig, pollMaxPerKey: cap } };
    const polls = Array.from({ length: 200 }, (_, i) => decode({ type: 'poll', msg_id: i, offsets: Object.fromEntries(KEYS.map((k) => [k, 0])) }));
    const samples: number[] = [];
    let bytes = 0;
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      for (const poll of polls) {
        const [, effects] = step(state, poll);
        const effect = effects[0]!;
        if (effect.kind === 'send') bytes = JSON.stringify(effect.message).length;
      }
      samples.push(((performance.now() - started) * 1e6) / polls.length);
    }
    const pairs = cap * KEYS.length;
    return [String(cap), fixed(median(samples) / 1e3, 1), fixed(median(samples) / pairs, 1), String(bytes)];
  });
  console.log('\n## Poll cap: one poll of 10 full keys, step plus JSON encoding of the reply\n');
  console.log(table(['cap/key', 'us/poll', 'ns/pair', 'reply bytes'], rows));
};

/** Runs in a child with --expose-gc so that nothing else lives on the heap. */
const memoryPerMessage = async (): Promise<void> => {
  const script = join(repo, 'dist', 'bench', 'node-memory.js');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`memory probe exited ${code}`))));
  });
  console.log('\n## Memory per stored message (10^6 integer messages over 10 keys, heap after GC)\n');
  console.log(output.trimEnd());
};

export const run = async (): Promise<void> => {
  console.log('# Node (issues 2 and 13)');
  reducerScaling();
  pollCap();
  await wholeProcess(repo);
  await startup(repo);
  await memoryPerMessage();
};
