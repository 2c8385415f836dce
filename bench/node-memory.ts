/** Child of bench/node.ts: heap bytes per message for 10^6 integer messages stored through `step`. */
import type { NodeInput } from '../src/core/node/input.js';
import { initialNodeState } from '../src/core/node/state.js';
import { step } from '../src/core/node/step.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const MESSAGES = 1_000_000;
const input = (body: Record<string, unknown>): NodeInput => ({ kind: 'message', now_ms: 0, src: 'c1', dest: 'n0', body } as NodeInput);

let state = step(initialNodeState(), input({ type: 'init', msg_id: 0, node_id: 'n0', node_ids: ['n0'] }))[0];
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < MESSAGES; i++) state = step(state, input({ type: 'send', msg_id: i + 1, key: `k${i % 10}`, msg: i }))[0];
gc();
const after = process.memoryUsage().heapUsed;
const perMessage = (after - before) / MESSAGES;
console.log(`heap used: ${((after - before) / 2 ** 20).toFixed(1)} MiB for ${MESSAGES} messages = ${perMessage.toFixed(1)} bytes/message (goal <= 48)`);
// Keep the state alive until after the measurement.
if (state.partitions.size !== 10) throw new Error('expected 10 keys');
