/**
 * The node reducer. Everything that decides what a node does is reached from
 * here; the shell only decodes lines into inputs and carries effects out.
 */
import type { Effect, Step } from '../machine.js';
import { ErrorCode } from '../protocol/errors.js';
import { onSync } from '../replication/sync.js';
import { onTick } from '../replication/tick.js';
import { onCommitOffsets } from './handlers/commit-offsets.js';
import { onInit } from './handlers/init.js';
import { onListCommittedOffsets } from './handlers/list-committed-offsets.js';
import { onPoll } from './handlers/poll.js';
import type { Received } from './handlers/received.js';
import { onSend } from './handlers/send.js';
import type { NodeBody, NodeInput } from './input.js';
import { Outbox } from './outbox.js';
import type { NodeState } from './state.js';

export const step: Step<NodeState, NodeInput> = (state, input) => {
  if (input.kind === 'tick') {
    if (state.cluster === undefined) return [state, []];
    const out = new Outbox(state.cluster.self, state.nextMsgId);
    return finish(onTick(state, input.now_ms, out), out);
  }
  const out = new Outbox(state.cluster?.self ?? input.dest, state.nextMsgId);
  const next = input.kind === 'rejected' ? onRejected(state, input, out) : onMessage(state, input, out);
  return finish(next, out);
};

const finish = (state: NodeState, out: Outbox): readonly [NodeState, readonly Effect[]] => [
  out.nextMsgId === state.nextMsgId ? state : withNextMsgId(state, out.nextMsgId),
  out.effects,
];

/**
 * The state with its next msg_id moved on. Every field is written out rather
 * than spread: this runs once per reply, and a spread over states built by
 * different handlers is the reducer's costliest line (issue 13).
 */
const withNextMsgId = (state: NodeState, nextMsgId: number): NodeState => ({
  config: state.config,
  cluster: state.cluster,
  nextMsgId,
  partitions: state.partitions,
  replicas: state.replicas,
  news: state.news,
  links: state.links,
  nextTick_ms: state.nextTick_ms,
});

const onRejected = (state: NodeState, input: Extract<NodeInput, { kind: 'rejected' }>, out: Outbox): NodeState => {
  out.error(input.src, input.msg_id, input.code, input.text);
  return state;
};

const PEER_TYPES: ReadonlySet<string> = new Set(['kafka_sync']);

/**
 * `input` itself, seen with its body narrowed to `body`'s type. Every caller
 * passes `input.body`, narrowed by a test on its type; no copy, as this runs
 * once per request.
 */
const received = <B extends NodeBody>(input: Received<NodeBody>, body: B): Received<B> => (body === input.body ? (input as Received<B>) : { ...input, body });

const onMessage = (state: NodeState, input: Received<NodeBody>, out: Outbox): NodeState => {
  const { body } = input;
  if (body.type === 'init') return onInit(state, received(input, body), out);
  const cluster = state.cluster;
  let neighbor = -1;
  if (PEER_TYPES.has(body.type)) {
    // Neighbors talk only to initialised nodes, and only over the overlay's links.
    neighbor = cluster === undefined ? -1 : cluster.neighbors.indexOf(input.src);
    if (neighbor < 0) {
      out.log(`ignoring ${body.type} from ${input.src}: not a neighbor of this node`);
      return state;
    }
  } else if (cluster === undefined) {
    out.error(input.src, body.msg_id, ErrorCode.temporarilyUnavailable, `not initialised yet: send init first`);
    return state;
  }
  switch (body.type) {
    case 'send':
      return onSend(state, received(input, body), out, cluster!);
    case 'poll':
      return onPoll(state, received(input, body), out);
    case 'commit_offsets':
      return onCommitOffsets(state, received(input, body), out);
    case 'list_committed_offsets':
    case 'fetch_committed_offsets':
      return onListCommittedOffsets(state, received(input, body), out);
    case 'kafka_sync':
      return onSync(state, neighbor, body, input.now_ms, out);
  }
};
