/**
 * Drives the node reducer the way the shell does (JSON.parse, decode, step),
 * without a process: the transcript tests and the properties use it.
 */
import type { Effect } from '../../src/core/machine.js';
import type { NodeInput } from '../../src/core/node/input.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';

export interface Fed {
  readonly state: NodeState;
  /** Everything observable, in order: `< message` sent, `! log` or `! skipped: reason`. */
  readonly output: string[];
}

export const feedLine = (state: NodeState, line: string, now_ms = 0): Fed => {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { state, output: ['! skipped: not JSON'] };
  }
  const decoded = decodeNodeInput(raw, now_ms);
  if (decoded._tag === 'Left') return { state, output: [`! skipped: ${decoded.left}`] };
  return feedInput(state, decoded.right);
};

export const feedInput = (state: NodeState, input: NodeInput): Fed => {
  const [next, effects] = step(state, input);
  return { state: next, output: effects.map(render) };
};

export const render = (effect: Effect): string => {
  switch (effect.kind) {
    case 'send':
      return `< ${JSON.stringify(effect.message)}`;
    case 'log':
      return `! ${effect.text}`;
    case 'timer':
      return `< (timer at ${effect.at_ms})`;
  }
};

export const feedLines = (lines: readonly string[], state: NodeState = initialNodeState()): Fed => {
  const output: string[] = [];
  for (const line of lines) {
    const fed = feedLine(state, line);
    state = fed.state;
    output.push(...fed.output);
  }
  return { state, output };
};

export const initLine = (node_id = 'n0', node_ids: readonly string[] = [node_id]): string =>
  JSON.stringify({ src: 'c0', dest: node_id, body: { type: 'init', msg_id: 0, node_id, node_ids } });

export const request = (body: Record<string, unknown>, src = 'c1', dest = 'n0'): string =>
  JSON.stringify({ src, dest, body });
