/**
 * Child of bench/replication.ts: heap bytes per stored message and node when
 * N nodes (argv[2]) each hold the same messages (argv[3], 300,000 by default), fed through `step`
 * as a cluster wired in process: sends spread over the nodes and ten keys,
 * every node ticking every 64 sends and its syncs delivered at once. One node
 * stores each message once; each of N nodes stores it too, and what the
 * replication keeps besides (pending entries, floors, news in flight) is what
 * this measures.
 */
import type { Message } from '../src/core/machine.js';
import type { NodeInput } from '../src/core/node/input.js';
import { initialNodeState, type NodeState } from '../src/core/node/state.js';
import { step } from '../src/core/node/step.js';
import { decodeNodeInput } from '../src/core/protocol/decode.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const nodes = Number(process.argv[2] ?? '1');
const MESSAGES = Number(process.argv[3] ?? '300000');
const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
const input = (dest: string, body: Record<string, unknown>, now_ms: number): NodeInput => ({ kind: 'message', now_ms, src: 'c1', dest, body }) as NodeInput;

const states = new Map<string, NodeState>();
for (const id of ids) states.set(id, step(initialNodeState(), input(id, { type: 'init', msg_id: 0, node_id: id, node_ids: ids }, 0))[0]);

let now_ms = 0;
const deliver = (messages: Message[]): void => {
  while (messages.length > 0) {
    const message = messages.shift()!;
    const decoded = decodeNodeInput(message, now_ms);
    if (decoded._tag === 'Left') throw new Error(decoded.left);
    const [state, effects] = step(states.get(message.dest)!, decoded.right);
    states.set(message.dest, state);
    for (const e of effects) if (e.kind === 'send' && e.message.dest.startsWith('n')) messages.push(e.message);
  }
};
const tickAll = (): void => {
  now_ms += 100;
  const out: Message[] = [];
  for (const id of ids) {
    const [state, effects] = step(states.get(id)!, { kind: 'tick', now_ms });
    states.set(id, state);
    for (const e of effects) if (e.kind === 'send') out.push(e.message);
  }
  deliver(out);
};

gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < MESSAGES; i++) {
  const id = ids[i % nodes]!;
  states.set(id, step(states.get(id)!, input(id, { type: 'send', msg_id: i + 1, key: `k${i % 10}`, msg: i }, now_ms))[0]);
  if (nodes > 1 && i % 64 === 63) tickAll();
}
// Let every node show everything: a few quiet rounds settle the floors and acknowledgements.
for (let round = 0; round < 10 && nodes > 1; round++) tickAll();
gc();
const after = process.memoryUsage().heapUsed;
for (const state of states.values()) if (state.partitions.size !== 10) throw new Error('expected 10 keys at every node');
console.log(JSON.stringify({ nodes, messages: MESSAGES, bytesPerMessagePerNode: (after - before) / MESSAGES / nodes }));
