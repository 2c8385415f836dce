/**
 * The arrows of a trace for the store's messages.svg: when the trace
 * records the nodes' ticks (the simulator's, and the runner's of our own
 * node), each node's inputs are fed through the node reducer exactly as its
 * shell does, so what each node sent (to peers, clients and services) is
 * known to the step. A trace without ticks (another binary, recorded at the
 * runner's router) gives only its deliveries (arrows.ts).
 *
 * Only entries up to `until_ms` are read: the store draws bounded windows.
 */
import type { Step } from '../../core/machine.js';
import type { NodeConfig } from '../../core/node/config.js';
import type { NodeInput } from '../../core/node/input.js';
import { initialNodeState, type NodeState } from '../../core/node/state.js';
import { step as nodeStep } from '../../core/node/step.js';
import { decodeNodeInput } from '../../core/protocol/decode.js';
import type { TraceEntry } from '../../maelstrom/history/trace.js';
import { ArrowRecorder, arrowsOfDeliveries, type MessageArrows } from './arrows.js';

export const arrowsOfTrace = (
  trace: readonly TraceEntry[],
  config: NodeConfig,
  until_ms = Infinity,
  reducer: Step<NodeState, NodeInput> = nodeStep,
): MessageArrows => {
  const within = trace.filter((e) => e.time_ms <= until_ms);
  if (!trace.some((e) => 'tick' in e)) return arrowsOfDeliveries(within.flatMap((e) => ('message' in e ? [e] : [])));
  const recorder = new ArrowRecorder();
  const states = new Map<string, NodeState>();
  for (const entry of within) {
    const state = states.get(entry.node) ?? initialNodeState(config);
    let input: NodeInput;
    if ('tick' in entry) input = { kind: 'tick', now_ms: entry.time_ms };
    else {
      recorder.delivered(entry.message, entry.time_ms);
      const decoded = decodeNodeInput(entry.message, entry.time_ms);
      if (decoded._tag === 'Left') continue;
      input = decoded.right;
    }
    try {
      const [next, effects] = reducer(state, input);
      states.set(entry.node, next);
      for (const effect of effects) if (effect.kind === 'send') recorder.sent(effect.message, entry.time_ms);
    } catch {
      // The node's shell drops an input its reducer throws on; so does this.
    }
  }
  return recorder.finish();
};
