/**
 * Replication transcripts: several node reducers wired through a scripted
 * network, in the manner of h11's ConnectionPair. Each file in
 * test/transcripts/replication is a script; the test replays it and compares
 * the regenerated file (UPDATE_TRANSCRIPTS=1 rewrites it). Commands:
 *
 *   @ T          the clock reads T ms from now on
 *   > {json}     deliver this message to its `dest` node
 *   tick nX      deliver a tick to node nX
 *   deliver      deliver every node-to-node message in flight, in order, and
 *                those they cause, until none is left
 *   duplicate    put a second copy of every in-flight message behind it
 *   drop         lose every node-to-node message in flight (a partition)
 *
 * What happens comes back as `< ` lines (messages sent, timers asked for) and
 * `! ` lines (log lines, skipped inputs, what the network did).
 */
import { join } from 'node:path';
import type { Message } from '../../src/core/machine.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';
import { render } from '../support/feed.js';
import { describeTranscripts } from '../support/transcripts.js';


class ScriptedCluster {
  readonly nodes = new Map<string, NodeState>();
  inFlight: Message[] = [];
  now_ms = 0;

  constructor(readonly output: string[]) {}

  private isNode(id: string): boolean {
    return /^n\d+$/.test(id);
  }

  private stateOf(id: string): NodeState {
    return this.nodes.get(id) ?? initialNodeState();
  }

  deliver(message: unknown): void {
    const dest = (message as { dest?: unknown }).dest;
    if (typeof dest !== 'string' || !this.isNode(dest)) throw new Error(`not addressed to a node: ${JSON.stringify(message)}`);
    const decoded = decodeNodeInput(message, this.now_ms);
    if (decoded._tag === 'Left') {
      this.output.push(`! ${dest} skipped: ${decoded.left}`);
      return;
    }
    this.apply(dest, step(this.stateOf(dest), decoded.right));
  }

  tick(id: string): void {
    this.apply(id, step(this.stateOf(id), { kind: 'tick', now_ms: this.now_ms }));
  }

  private apply(id: string, [state, effects]: ReturnType<typeof step>): void {
    this.nodes.set(id, state);
    for (const effect of effects) {
      this.output.push(effect.kind === 'log' ? `! ${id}: ${effect.text}` : effect.kind === 'timer' ? `< (${id} timer at ${effect.at_ms})` : render(effect));
      if (effect.kind === 'send' && this.isNode(effect.message.dest)) this.inFlight.push(effect.message);
    }
  }

  deliverAll(): void {
    let delivered = 0;
    while (this.inFlight.length > 0) {
      if (++delivered > 10_000) throw new Error('the nodes never fall quiet');
      this.deliver(this.inFlight.shift());
    }
  }
}

describeTranscripts('replication transcripts', join(import.meta.dirname, '..', 'transcripts', 'replication'), 4, () => {
  let cluster: ScriptedCluster | undefined;
  return (line, output) => {
    cluster ??= new ScriptedCluster(output);
    if (line.startsWith('@ ')) cluster.now_ms = Number(line.slice(2));
    else if (line.startsWith('> ')) cluster.deliver(JSON.parse(line.slice(2)));
    else if (line.startsWith('tick ')) cluster.tick(line.slice(5).trim());
    else if (line === 'deliver') cluster.deliverAll();
    else if (line === 'duplicate') cluster.inFlight = cluster.inFlight.flatMap((m) => [m, m]);
    else if (line === 'drop') {
      output.push(`! dropped ${cluster.inFlight.length} message(s)`);
      cluster.inFlight = [];
    } else if (line.trim() !== '' && !line.startsWith('#')) throw new Error(`unknown transcript command: ${line}`);
  };
});
