/**
 * A run of our node under the runner keeps the trace the nodes recorded
 * themselves, and that trace replays exactly: every message a node sent
 * another node, as the receiver got it, is the message the replayed reducer
 * sends, byte for byte (msg_ids included, so not one tick or batch boundary
 * can differ).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/machine.js';
import type { TraceEntry } from '../../src/maelstrom/history/trace.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';
import { ourNode, runWorkload } from '../runner/support/run-workload.js';

const isNode = (id: string): boolean => /^n\d+$/.test(id);

describe('the nodes record their own trace', () => {
  it('and it rebuilds every node exactly', async () => {
    const run = await runWorkload(['test', '-w', 'kafka', '--bin', ourNode, '--node-count', '3', '--concurrency', '2n', '--time-limit', '3', '--rate', '200', '--seed', '5', '--final-time-limit', '3', '--recovery-time', '0']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.results!.run['trace-source']).toBe('nodes');
    const trace = readFileSync(join(run.dir!, 'trace.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as TraceEntry);
    expect(trace.some((entry) => 'tick' in entry)).toBe(true);

    const states = new Map<string, NodeState>();
    const sent = new Map<string, string>(); // `${src} ${msg_id}` -> body as the replay sent it
    for (const entry of trace) {
      const state = states.get(entry.node) ?? initialNodeState();
      let input;
      if ('tick' in entry) input = { kind: 'tick' as const, now_ms: entry.time_ms };
      else {
        const decoded = decodeNodeInput(entry.message, entry.time_ms);
        if (decoded._tag === 'Left') continue;
        input = decoded.right;
      }
      const [next, effects] = step(state, input);
      states.set(entry.node, next);
      for (const effect of effects) {
        if (effect.kind === 'send') sent.set(`${effect.message.src} ${String(effect.message.body.msg_id)}`, JSON.stringify(effect.message.body));
      }
    }

    const received = trace.filter((e): e is Extract<TraceEntry, { message: Message }> => 'message' in e && isNode(e.message.src));
    expect(received.length).toBeGreaterThan(100);
    for (const { message } of received) {
      expect(sent.get(`${message.src} ${String(message.body.msg_id)}`)).toBe(JSON.stringify(message.body));
    }

  }, 60_000);
});
